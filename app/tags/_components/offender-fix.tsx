"use client";
import { useActionState } from "react";
import { SettingVersionField } from "@/app/_components/setting-version";
import { editTagSettings, type TagEditState } from "../actions";
import styles from "./tags.module.css";

type Props = {
  tagKey: "department" | "environment";
  value: string;
  aliasOf: string | null;
  suggestion: string | null;
  allowed: string[];
};

/**
 * Turns a value not allowed into an alias (one click when there is a suggestion), or undoes an alias.
 * Keeps its message across the refresh that follows, since the row stays (keyed by tag and value).
 */
export function OffenderFix({ tagKey, value, aliasOf, suggestion, allowed }: Props) {
  const [state, action, pending] = useActionState<TagEditState, FormData>(editTagSettings, null);
  return (
    <div>
      {aliasOf !== null ? (
        <form action={action} className={styles.inlineForm}>
          <input type="hidden" name="op" value="remove-alias" />
          <input type="hidden" name="key" value={tagKey} />
          <SettingVersionField setting="tags" saved={state?.settingVersion} />
          <input type="hidden" name="raw" value={value} />
          <span>
            Reported as <span className={styles.value}>{aliasOf}</span>
          </span>
          <button
            className={styles.linkButton}
            type="submit"
            disabled={pending}
            aria-label={`Undo: remove the alias ${JSON.stringify(value)} → ${aliasOf}`}
          >
            Undo
          </button>
        </form>
      ) : suggestion !== null ? (
        <form action={action} className={styles.inlineForm}>
          <input type="hidden" name="op" value="add-alias" />
          <input type="hidden" name="key" value={tagKey} />
          <SettingVersionField setting="tags" saved={state?.settingVersion} />
          <input type="hidden" name="raw" value={value} />
          <input type="hidden" name="value" value={suggestion} />
          <button
            className={`button ${styles.small} ${styles.nowrap}`}
            type="submit"
            disabled={pending}
            // The visible words first (speech users say what they see), then the value the row is about.
            aria-label={`Alias to ${suggestion}: ${JSON.stringify(value)}`}
          >
            Alias to {suggestion}
          </button>
        </form>
      ) : allowed.length > 0 ? (
        <form action={action} className={styles.inlineForm}>
          <input type="hidden" name="op" value="add-alias" />
          <input type="hidden" name="key" value={tagKey} />
          <SettingVersionField setting="tags" saved={state?.settingVersion} />
          <input type="hidden" name="raw" value={value} />
          <select
            className={`${styles.input} ${styles.small}`}
            name="value"
            required
            defaultValue=""
            aria-label={`Allowed ${tagKey} for ${JSON.stringify(value)}`}
          >
            <option value="" disabled>
              Alias to…
            </option>
            {allowed.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
          <button className={`button secondary ${styles.small}`} type="submit" disabled={pending}>
            Alias
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
    </div>
  );
}
