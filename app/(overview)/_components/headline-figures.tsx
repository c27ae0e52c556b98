import Link from "next/link";
import { cssVars, toPercent } from "@/app/_components/css-vars";
import { Change } from "@/app/_components/money";
import { CATEGORY_COLORS } from "@/lib/reports/colors";
import { addMoney, formatPercent, formatUsd, toRatio } from "@/lib/money";
import type { OverviewPage } from "@/lib/pages/overview";
import { formatDayRange, formatPeriod } from "@/lib/reports/periods";
import { addDays, addMonths } from "@/lib/dates";
import { toSpendHref } from "@/lib/reports/view";
import styles from "./overview.module.css";

/** This month so far, last month, customer-serving vs R&D, and the last sync: each links to the report behind it. */
export function HeadlineFigures({ overview }: { overview: OverviewPage }) {
  const { thisMonth, lastMonth, categories } = overview;
  const monthName = (from: string) => formatPeriod({ start: from, end: addMonths(from, 1) }, "month");
  const cs = categories.rows.find((r) => r.keys[0]?.value === "customer-serving")?.total ?? "0";
  const rnd = categories.rows.find((r) => r.keys[0]?.value === "rnd")?.total ?? "0";
  const csShare = toRatio(cs, addMoney(cs, rnd)) ?? 0;
  return (
    <div className="grid grid-4">
      <Link className="panel stat figure-link" href={toSpendHref(thisMonth.view)}>
        <div className="label">This month so far{thisMonth.estimated ? " · Estimated" : ""}</div>
        <div className="value" data-testid="this-month">
          {formatUsd(thisMonth.total)}
        </div>
        <div className="sub">
          {thisMonth.daysWithData > 0
            ? formatDayRange({ start: thisMonth.from, end: addDays(thisMonth.from, thisMonth.daysWithData) })
            : "No days synced yet"}
          {thisMonth.change ? (
            <>
              {" "}
              · <Change change={thisMonth.change} compact /> vs the same days of {monthName(lastMonth.from)}
            </>
          ) : null}
        </div>
      </Link>
      <Link className="panel stat figure-link" href={toSpendHref(lastMonth.view)}>
        <div className="label">
          Last month · {monthName(lastMonth.from)}
          {lastMonth.estimated ? " · Estimated" : ""}
        </div>
        <div className="value" data-testid="last-month">
          {formatUsd(lastMonth.total)}
        </div>
        <div className="sub">
          {lastMonth.change ? (
            <>
              <Change change={lastMonth.change} /> vs {monthName(addMonths(lastMonth.from, -1))}
            </>
          ) : (
            "No earlier month to compare"
          )}
        </div>
      </Link>
      <Link className="panel stat figure-link" href={toSpendHref(categories.view, "/spend/categories")}>
        <div className="label">Customer-serving vs R&amp;D · this month</div>
        <div className="value small">
          {formatPercent(csShare)} <span className={`muted ${styles.shareUnit}`}>customer-serving</span>
        </div>
        <div className="bar-share" aria-hidden>
          <div
            className={styles.csShare}
            style={cssVars({ "--share": toPercent(csShare), "--swatch": CATEGORY_COLORS["customer-serving"] })}
          />
          <div className={styles.rndShare} style={cssVars({ "--swatch": CATEGORY_COLORS.rnd })} />
        </div>
        <div className="sub">
          {formatUsd(cs)} customer-serving · {formatUsd(rnd)} R&amp;D
        </div>
      </Link>
      {overview.links.sync ? (
        <Link className="panel stat figure-link" href="/sync">
          <LastSync overview={overview} />
        </Link>
      ) : (
        <div className="panel stat">
          <LastSync overview={overview} />
        </div>
      )}
    </div>
  );
}

/** The last sync run and how far the data goes; a card that links to /sync for those who may open it. */
function LastSync({ overview }: { overview: OverviewPage }) {
  const run = overview.lastRun;
  return (
    <>
      <div className="label">Last sync</div>
      <div className="value small">{run ? formatTime(run.finishedAt ?? run.startedAt) : "Never"}</div>
      <div className="sub">
        {run ? (
          <span className={`badge ${run.status === "succeeded" ? "good" : run.status === "running" ? "" : "bad"}`}>
            {run.status}
          </span>
        ) : null}
        {overview.dataThrough
          ? ` Data through ${formatDayRange({ start: overview.dataThrough.day, end: addDays(overview.dataThrough.day, 1) })}`
          : ""}
        {run && run.status !== "succeeded" && overview.lastSuccess
          ? ` · last success ${formatTime(overview.lastSuccess.finishedAt ?? overview.lastSuccess.startedAt)}`
          : ""}
      </div>
    </>
  );
}

function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
