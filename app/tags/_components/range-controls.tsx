import Link from "next/link";
import { METRICS as COST_METRICS } from "@/lib/metrics";
import { listTagsRangePresets, toTagsHref, type TagsQuery } from "@/lib/tags/tags-query";
import styles from "./tags.module.css";

const METRIC_LABELS: Record<string, string> = {
  amortized: "Amortized",
  unblended: "Unblended",
  net_amortized: "Net amortized",
};

/** The range and metric of /tags, all in the URL: one-click presets and a plain GET form for any range. */
export function RangeControls({ query, now }: { query: TagsQuery; now: Date }) {
  const presets = listTagsRangePresets(now);
  return (
    <section className="panel" aria-label="Range">
      <div className={styles.toolbar}>
        <nav className={styles.presets} aria-label="Range presets">
          {presets.map((p) => {
            const active = p.from === query.from && p.to === query.to;
            return (
              <Link
                key={p.label}
                className={styles.preset}
                aria-current={active ? "true" : undefined}
                href={toTagsHref({ ...query, from: p.from, to: p.to })}
              >
                {p.label}
              </Link>
            );
          })}
        </nav>
        <form className={styles.custom} action="/tags" method="get">
          <label>
            From
            <input className={styles.input} type="date" name="from" defaultValue={query.from} required />
          </label>
          <label>
            To (not included)
            <input className={styles.input} type="date" name="to" defaultValue={query.to} required />
          </label>
          <label>
            Metric
            <select className={styles.input} name="metric" defaultValue={query.metric}>
              {COST_METRICS.map((m) => (
                <option key={m} value={m}>
                  {METRIC_LABELS[m]}
                </option>
              ))}
            </select>
          </label>
          <button className={`button secondary ${styles.small}`} type="submit">
            Apply
          </button>
        </form>
      </div>
    </section>
  );
}
