import Link from "next/link";
import { formatDay } from "@/lib/reports/periods";
import { formatUsd, toChartNumber } from "@/lib/money";
import { formatAnnualShort } from "@/lib/savings/before-after";
import { formatScope } from "@/lib/savings/initiative";
import type { LedgerEntry } from "@/lib/savings/ledger";
import { formatMonth, type MonthWindow } from "@/lib/savings/realized";
import { BeforeAfterChart, RoleLegend } from "./before-after-chart";
import { DeleteInitiative } from "./delete-initiative";
import { PotentialNote } from "./potential-note";
import styles from "./savings.module.css";

const monthsText = (w: MonthWindow) =>
  w.months.length === 0
    ? "no month"
    : w.months.length === 1
      ? formatMonth(w.months[0] ?? "")
      : `${formatMonth(w.months[0] ?? "")} – ${formatMonth(w.months[w.months.length - 1] ?? "")}`;

/** One initiative: its realized saving in large type, the numbers behind it, the before/after chart, edit and delete. */
export function InitiativeCard({ entry }: { entry: LedgerEntry }) {
  const { initiative: i, realized } = entry;
  const measured = realized?.status === "measured" ? realized : null;
  const isRise = measured !== null && measured.annualSaving.startsWith("-");
  return (
    <article
      className={`panel ${styles.initiative}`}
      id={`initiative-${i.id}`}
      aria-labelledby={`initiative-${i.id}-name`}
    >
      <header className={styles.head}>
        <div>
          <h2 id={`initiative-${i.id}-name`}>{i.name}</h2>
          <div className="muted">
            Changed {formatDay(i.changeDate)} · {formatScope(i.scope)} · {i.months} months each side
            {i.kind === "rightsizing" ? (
              <>
                {" "}
                · <span className="badge">rightsizing</span>
              </>
            ) : null}
          </div>
          {i.description ? <p className={styles.how}>{i.description}</p> : null}
        </div>
        <div className={styles.actions}>
          <Link className="button secondary" href={`/savings?edit=${i.id}#initiative-form`}>
            Edit
          </Link>
          <DeleteInitiative id={i.id} name={i.name} />
        </div>
      </header>
      {entry.problem ? <div className="notice error">{entry.problem}</div> : null}
      {realized && realized.status !== "measured" ? (
        <div className="notice warn" data-testid="too-few-months">
          {realized.message}
        </div>
      ) : null}
      <div className={styles.body}>
        <div className={styles.figures}>
          {measured ? (
            <>
              <div className={styles.label}>{isRise ? "Spend rose by" : "Realized saving"}</div>
              <div className={isRise ? `${styles.big} ${styles.negative}` : styles.big} data-testid="realized-annual">
                {formatAnnualShort(isRise ? measured.annualSaving.slice(1) : measured.annualSaving)}
              </div>
              <dl className={styles.behind}>
                <dt>Before</dt>
                <dd>
                  {formatUsd(measured.before.average)} a month{" "}
                  <span className="muted">(average of {monthsText(measured.before)})</span>
                </dd>
                <dt>After</dt>
                <dd>
                  {formatUsd(measured.after.average)} a month{" "}
                  <span className="muted">(average of {monthsText(measured.after)})</span>
                </dd>
                <dt>Difference</dt>
                <dd>
                  {formatUsd(measured.monthlySaving)} a month × 12 = {formatUsd(measured.annualSaving)} a year
                </dd>
              </dl>
              <p className={`muted ${styles.small}`}>
                {formatMonth(measured.changeMonth)} (the month of the change) and the current month are left out.
                {measured.isProvisional
                  ? ` Provisional: ${measured.after.months.length} of ${i.months} months after so far.`
                  : ""}
              </p>
            </>
          ) : null}
          {entry.potential ? <PotentialNote potential={entry.potential} /> : null}
          <Link href={entry.spendHref} className={styles.small}>
            These months on Spend →
          </Link>
        </div>
        {entry.chart.length > 0 ? (
          <div>
            <BeforeAfterChart
              points={entry.chart}
              changeLabel={`Changed ${formatDay(i.changeDate)}`}
              beforeAverage={
                realized && realized.before.months.length > 0 ? toChartNumber(realized.before.average) : null
              }
              afterAverage={realized && realized.after.months.length > 0 ? toChartNumber(realized.after.average) : null}
            />
            <RoleLegend />
          </div>
        ) : null}
      </div>
    </article>
  );
}
