"use client";
import { useActionState } from "react";
import { SettingVersionField } from "@/app/_components/setting-version";
import { editTagSettings, type TagEditState } from "../actions";
import styles from "./tags.module.css";

type Props = {
  tagKey: "department" | "environment";
  values: string[];
  aliases: { raw: string; value: string }[];
  /** false: the lists and aliases only, without the controls (a person who may not edit the settings). */
  canEdit?: boolean;
};

/** One allowed list: add, rename (the old name stays as an alias), remove; each value's aliases with a remove button. */
export function AllowedListEditor({ tagKey, values, aliases, canEdit = true }: Props) {
  const [state, action, pending] = useActionState<TagEditState, FormData>(editTagSettings, null);
  const hidden = (op: string) => (
    <>
      <input type="hidden" name="op" value={op} />
      <input type="hidden" name="key" value={tagKey} />
      <SettingVersionField setting="tags" saved={state?.settingVersion} />
    </>
  );
  return (
    <section className={styles.editor} aria-label={`Allowed ${tagKey} values`}>
      <h3>
        <span className="mono">{tagKey}</span>{" "}
        <span className="muted">
          · {values.length === 0 ? "no list: only presence is checked" : `${values.length} allowed`}
        </span>
      </h3>
      {values.map((value) => {
        const its = aliases.filter((a) => a.value === value);
        return (
          <div className={styles.valueRow} key={value}>
            <span className={styles.value}>{value}</span>
            {its.map((a) =>
              canEdit ? (
                <form
                  action={action}
                  key={a.raw}
                  className={styles.chip}
                  title={`Spend tagged ${JSON.stringify(a.raw)} is reported as ${value}`}
                >
                  {hidden("remove-alias")}
                  <input type="hidden" name="raw" value={a.raw} />
                  <span className={`${styles.value} ${styles.aliasValue}`}>{a.raw}</span>
                  <button
                    type="submit"
                    disabled={pending}
                    aria-label={`Remove the alias ${JSON.stringify(a.raw)} → ${value}`}
                  >
                    ×
                  </button>
                </form>
              ) : (
                <span
                  key={a.raw}
                  className={styles.chip}
                  title={`Spend tagged ${JSON.stringify(a.raw)} is reported as ${value}`}
                >
                  <span className={`${styles.value} ${styles.aliasValue}`}>{a.raw}</span>
                </span>
              ),
            )}
            {canEdit ? (
              <span className={styles.rowActions}>
                <details className={styles.disclosure}>
                  <summary>Rename</summary>
                  <form action={action} className={styles.inlineForm}>
                    {hidden("rename-allowed")}
                    <input type="hidden" name="from" value={value} />
                    <input
                      className={`${styles.input} ${styles.small}`}
                      name="to"
                      defaultValue={value}
                      required
                      aria-label={`New name for ${value}`}
                    />
                    <button className={`button secondary ${styles.small}`} type="submit" disabled={pending}>
                      Save
                    </button>
                  </form>
                  <span className={styles.note}>
                    {JSON.stringify(value)} stays as an alias, so resources tagged with it keep their place.
                  </span>
                </details>
                <details className={styles.disclosure}>
                  <summary className={styles.danger}>Remove</summary>
                  <form action={action} className={styles.inlineForm}>
                    {hidden("remove-allowed")}
                    <input type="hidden" name="value" value={value} />
                    {its.length > 0 ? <input type="hidden" name="dropAliases" value="on" /> : null}
                    <button className={`button danger ${styles.small}`} type="submit" disabled={pending}>
                      Remove {value}
                      {its.length > 0 ? ` and ${its.length} alias${its.length > 1 ? "es" : ""}` : ""}
                    </button>
                  </form>
                  <span className={styles.note}>
                    Its spend will show as not allowed{its.length > 0 ? ", and so will its aliases'" : ""}.
                  </span>
                </details>
              </span>
            ) : null}
          </div>
        );
      })}
      {canEdit ? (
        <form action={action} className={styles.addRow}>
          {hidden("add-allowed")}
          <input
            className={styles.input}
            name="value"
            placeholder={`Add ${tagKey === "environment" ? "an" : "a"} ${tagKey} value`}
            aria-label={`New ${tagKey} value`}
            required
          />
          <button className={`button secondary ${styles.small}`} type="submit" disabled={pending}>
            Add
          </button>
        </form>
      ) : null}
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
