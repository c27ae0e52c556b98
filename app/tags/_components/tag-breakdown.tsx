import { formatUsd } from "@/lib/money";
import type { TagBreakdown } from "@/lib/tags/compliance-report";
import type { TagSettings } from "@/lib/settings/tags";
import styles from "./tags.module.css";

/** Each tag on its own: every dollar is allowed, aliased, not allowed or missing for it (each row adds up to the total). */
export function TagBreakdownTable({ tags, settings }: { tags: TagBreakdown[]; settings: TagSettings }) {
  const rule = (key: TagBreakdown["key"]) =>
    key === "project"
      ? "free text: presence only"
      : settings.allowed[key].length === 0
        ? "no list: presence only"
        : `${settings.allowed[key].length} allowed values`;
  return (
    <section className="panel" aria-label="Per-tag breakdown">
      <h2>Per tag</h2>
      <div className="table-scroll">
        <table className="data">
          <thead>
            <tr>
              <th>Tag</th>
              <th className="num">Allowed</th>
              <th className="num">Aliased</th>
              <th className="num">Not allowed</th>
              <th className="num">Missing</th>
              <th className="num">Total</th>
            </tr>
          </thead>
          <tbody>
            {tags.map((t) => {
              const isChecked = t.key !== "project" && settings.allowed[t.key].length > 0;
              return (
                <tr key={t.key}>
                  <td>
                    <span className="mono">{t.key}</span>
                    <span className={styles.note}>{rule(t.key)}</span>
                  </td>
                  <td className="num">{formatUsd(t.allowed)}</td>
                  <td className="num">{isChecked ? formatUsd(t.aliased) : "—"}</td>
                  <td className="num">{isChecked ? formatUsd(t.notAllowed) : "—"}</td>
                  <td className="num">{formatUsd(t.missing)}</td>
                  <td className="num">{formatUsd(t.total)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className={styles.caption}>
        Each row is one tag on its own and adds up to the total; a row missing two tags shows in both.
      </p>
    </section>
  );
}
