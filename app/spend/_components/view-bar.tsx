import Link from "next/link";
import { SegmentedLinks } from "@/app/_components/segmented-links";
import { addMonths, startOfMonth, toDay } from "@/lib/dates";
import { DIMENSION_LABELS } from "@/lib/reports/datasets";
import { listFilterChips } from "@/lib/reports/drill";
import { GRANULARITIES } from "@/lib/reports/periods";
import { METRIC_LABELS, METRICS } from "@/lib/metrics";
import { toDefaultRange, toSpendHref, toSpendQuery, type SpendView } from "@/lib/reports/view";
import styles from "./spend.module.css";
import { ViewForm } from "./view-form";

const GRANULARITY_LABELS = { month: "Month", day: "Day", total: "Total" } as const;
const METRIC_HELP = {
  amortized: "Upfront and recurring commitment fees spread over the days they cover (what each team really used)",
  unblended: "What AWS charged on each day, as on the invoice",
  net_amortized: "Amortized, after discounts and credits",
} as const;

function listPresets(now: Date) {
  const month = startOfMonth(toDay(now));
  return [
    { label: "13 months", ...toDefaultRange(now), granularity: "month" as const },
    { label: "This year", from: `${month.slice(0, 4)}-01-01`, to: addMonths(month, 1), granularity: "month" as const },
    { label: "Last 3 full months", from: addMonths(month, -3), to: month, granularity: "month" as const },
    { label: "Last month by day", from: addMonths(month, -1), to: month, granularity: "day" as const },
    { label: "This month by day", from: month, to: addMonths(month, 1), granularity: "day" as const },
  ];
}

/** Every control of a report view; everything lands in the URL, so a copied link opens the same view. */
export function ViewBar({
  view,
  now,
  path,
  showGrouping = true,
}: {
  view: SpendView;
  now: Date;
  path: string;
  showGrouping?: boolean;
}) {
  const href = (next: SpendView) => toSpendHref(next, path);
  const chips = listFilterChips(view);
  return (
    <section className="panel" aria-label="View">
      <ViewForm key={toSpendQuery(view)} view={view} path={path} showGrouping={showGrouping} />
      <div className="control-row">
        <SegmentedLinks
          label="Periods"
          links={GRANULARITIES.map((g) => ({
            label: GRANULARITY_LABELS[g],
            href: href({ ...view, granularity: g }),
            isCurrent: view.granularity === g,
          }))}
        />
        <SegmentedLinks
          label="Metric"
          links={METRICS.map((m) => ({
            label: METRIC_LABELS[m],
            href: href({ ...view, metric: m }),
            isCurrent: view.metric === m,
            title: METRIC_HELP[m],
          }))}
        />
        <div className="control-group">
          <span>Quick ranges</span>
          <nav className="presets" aria-label="Quick ranges">
            {listPresets(now).map((p) => {
              const isCurrent = p.from === view.from && p.to === view.to && p.granularity === view.granularity;
              return (
                <Link
                  key={p.label}
                  href={href({ ...view, from: p.from, to: p.to, granularity: p.granularity })}
                  aria-current={isCurrent ? "true" : undefined}
                >
                  {p.label}
                </Link>
              );
            })}
          </nav>
        </div>
      </div>
      {chips.length > 0 ? (
        <div className={`chips ${styles.chips}`} role="group" aria-label="Filters">
          <span className="muted">Filtered to</span>
          {chips.map((c) => (
            <span className="chip" key={c.dimension}>
              {DIMENSION_LABELS[c.dimension]}: {c.value}
              <Link
                href={href(c.without)}
                aria-label={`Remove the ${DIMENSION_LABELS[c.dimension].toLowerCase()} filter`}
              >
                ✕
              </Link>
            </span>
          ))}
          {chips.length > 1 ? <Link href={href({ ...view, filters: {} })}>Clear all</Link> : null}
        </div>
      ) : null}
    </section>
  );
}
