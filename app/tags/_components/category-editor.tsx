"use client";
import { useActionState } from "react";
import type { EnvironmentCategory } from "@/lib/settings/tags";
import { SettingVersionField } from "@/app/_components/setting-version";
import { editTagSettings, type TagEditState } from "../actions";
import styles from "./tags.module.css";

const LABELS: Record<EnvironmentCategory, string> = { "customer-serving": "Customer-serving", rnd: "R&D" };

/** Which environments serve customers and which are R&D, and where untagged spend goes. */
export function CategoryEditor({
  categories,
  untagged,
}: {
  categories: { environment: string; category: EnvironmentCategory }[];
  untagged: EnvironmentCategory;
}) {
  const [state, action, pending] = useActionState<TagEditState, FormData>(editTagSettings, null);
  const row = (label: React.ReactNode, op: string, current: EnvironmentCategory, extra?: React.ReactNode) => (
    <form action={action} className={styles.valueRow}>
      <input type="hidden" name="op" value={op} />
      <SettingVersionField setting="tags" saved={state?.settingVersion} />
      {extra}
      <span>{label}</span>
      <span className={styles.rowActions}>
        <select
          className={`${styles.input} ${styles.small}`}
          name="category"
          defaultValue={current}
          aria-label={`Category of ${typeof label === "string" ? label : op}`}
        >
          {Object.entries(LABELS).map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
        <button className={`button secondary ${styles.small}`} type="submit" disabled={pending}>
          Save
        </button>
      </span>
    </form>
  );
  return (
    <section className={`${styles.editor} ${styles.narrow}`} aria-label="Environment categories">
      <h3>Customer-serving or R&amp;D</h3>
      {categories.map((c) => (
        <div key={c.environment}>
          {row(
            <span className={styles.value}>{c.environment}</span>,
            "set-category",
            c.category,
            <input type="hidden" name="environment" value={c.environment} />,
          )}
        </div>
      ))}
      {row("Spend without an environment tag", "set-untagged-category", untagged)}
      {state ? (
        <div
          className={`${styles.message} ${state.ok ? styles.ok : styles.error}`}
          role={state.ok ? "status" : "alert"}
        >
          {state.ok ? state.message : state.errors.join(" ")}
        </div>
      ) : null}
    </section>
  );
}
