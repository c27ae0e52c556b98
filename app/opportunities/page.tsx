import Link from "next/link";
import { z } from "zod";
import { readAs } from "@/app/_components/access";
import { SETTING_VERSION_FIELD } from "@/lib/form-data";
import type { SettingStamp } from "@/lib/settings/store";
import { Money } from "@/app/_components/money";
import { PageHeader } from "@/app/_components/page-header";
import { PAGES, toMetadata, type SearchParamsProps } from "@/app/_components/page-meta";
import { BadLinkPage, NoDataPage } from "@/app/_components/page-state";
import { Pager } from "@/app/_components/pager";
import { getNow } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { formatUsd, fromUnits, toUnits } from "@/lib/money";
import { describeBreakEven } from "@/lib/opportunities/record";
import { getOpportunitiesPage, opportunitiesPageQuerySchema } from "@/lib/pages/opportunities";
import { blankAsAbsent, parseSearchParams } from "@/lib/search-params";
import { formatMonth } from "@/lib/savings/realized";
import { recordOpportunityAction, saveDefaultsAction, saveReadShareAction, saveRetentionAction } from "./actions";
import styles from "./opportunities.module.css";

const META = PAGES.opportunities;
export const metadata = toMetadata(META);
export const dynamic = "force-dynamic";

// What an action that refused an input says: fixed sentences, never text from the URL.
const PROBLEMS = {
  "read-share": "The read share must be a percentage from 0 to 100 (blank = the default). Nothing was saved.",
  retention:
    "Retention must be whole days from 1 to 35, and the target no longer than the current retention. Nothing was saved.",
  defaults:
    "A default or price was out of range: read share 0–100 %, retention 1–35 days with the target no longer than the current one, prices and object size above 0. Nothing was saved.",
  conflict: "",
  record:
    "The opportunity could not be recorded: it is no longer in that month's data, or an initiative with its name already exists (see Savings).",
} as const;

/** A save refused because someone saved since the page was opened: who and when, from the settings now shown. */
function describeConflict(stamp: SettingStamp): string {
  const when = stamp.updatedAt ? ` at ${stamp.updatedAt.slice(0, 16).replace("T", " ")} UTC` : "";
  return `These settings were changed by ${stamp.updatedBy ?? "someone"}${when} since you opened the page, so yours were not saved. The page now shows their change: make yours again.`;
}

const pageSchema = opportunitiesPageQuerySchema.extend({
  problem: blankAsAbsent(z.enum(Object.keys(PROBLEMS) as [keyof typeof PROBLEMS]).optional()),
});

const gb = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const formatAmount = (value: string) => gb.format(Number(value));

export default async function OpportunitiesPage({ searchParams }: SearchParamsProps) {
  const now = getNow();
  const parsed = parseSearchParams(pageSchema, await searchParams);
  if (!parsed.ok) return <BadLinkPage meta={META} problems={parsed.problems} />;
  const { problem, ...params } = parsed.value;
  const data = await readAs(META.path, async (access) => getOpportunitiesPage(await getDb(), access, params, now));
  const { settings, stamp, recorded, totals } = data;
  if (!data.hasData && params.month === undefined) return <NoDataPage meta={META} />;

  // The view a form's action returns to: the month, department and the pages shown (defaults left out).
  const view: Record<string, string | number | undefined> = {
    month: params.month,
    department: params.department,
    s3Page: data.glacier.page === 1 ? undefined : data.glacier.page,
    rdsPage: data.retention.page === 1 ? undefined : data.retention.page,
    size: params.size === 50 ? undefined : params.size,
  };
  const viewFields = (
    <>
      {Object.entries(view).map(([key, value]) =>
        value === undefined ? null : <input key={key} type="hidden" name={`view_${key}`} value={value} />,
      )}
      <input type="hidden" name={SETTING_VERSION_FIELD} value={stamp.version} />
    </>
  );
  // Another page of one table (or another page size for both), keeping everything else of the view.
  const pageHref = (param: "s3Page" | "rdsPage") => (to: { page?: number | undefined; size?: number }) => {
    const next = { ...view, [param]: to.page === 1 ? undefined : to.page };
    if (to.size !== undefined)
      Object.assign(next, { size: to.size === 50 ? undefined : to.size, s3Page: undefined, rdsPage: undefined });
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) if (value !== undefined) search.set(key, String(value));
    const text = search.toString();
    return text ? `${META.path}?${text}` : META.path;
  };
  const exportHref = (kind?: string) =>
    `/api/export/opportunities?${new URLSearchParams({
      month: data.month,
      ...(params.department ? { department: params.department } : {}),
      ...(kind ? { kind } : {}),
    })}`;
  const recordButton = (kind: string, project: string) => {
    const id = recorded[`${kind}:${project}`];
    if (id !== undefined)
      return (
        <Link href={`/savings#initiative-${id}`} className={styles.recorded}>
          Recorded #{id}
        </Link>
      );
    return (
      <form action={recordOpportunityAction}>
        {viewFields}
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="project" value={project} />
        <input type="hidden" name="month" value={data.month} />
        <button type="submit" className="button small secondary">
          Record as initiative
        </button>
      </form>
    );
  };

  return (
    <>
      <PageHeader
        title={META.title}
        description={`${META.description} Unblended cost of ${formatMonth(data.month)}, the last full month unless chosen.`}
      />
      {problem ? (
        <div className="notice error" role="alert" id="problem">
          {problem === "conflict" ? describeConflict(stamp) : PROBLEMS[problem]}
        </div>
      ) : null}
      <form className="controls" method="get" action="/opportunities">
        <label>
          Month
          <input type="month" name="month" defaultValue={data.month} />
        </label>
        <label>
          Department
          <select name="department" defaultValue={params.department ?? ""}>
            <option value="">All departments</option>
            {data.departments.filter(Boolean).map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        {view.size === undefined ? null : <input type="hidden" name="size" value={view.size} />}
        <button type="submit" className="button">
          Show
        </button>
      </form>

      <div className="grid grid-4">
        <div className="panel stat">
          <div className="label">Monthly opportunity · {formatMonth(data.month)}</div>
          <div className="value" data-testid="opportunity-total">
            {formatUsd(totals.savingsUsd)}
          </div>
          <div className="sub">
            {totals.savingMoves} move{totals.savingMoves === 1 ? "" : "s"} that save money ·{" "}
            {formatUsd(fromUnits(toUnits(totals.savingsUsd) * 12n))} a year
          </div>
        </div>
        <div className="panel stat">
          <div className="label">S3 → Glacier IR</div>
          <div className="value" data-testid="glacier-total">
            {formatUsd(totals.glacier.savingsUsd)}
          </div>
          <div className="sub">{totals.glacier.projects} projects with S3 Standard storage</div>
        </div>
        <div className="panel stat">
          <div className="label">RDS backup retention</div>
          <div className="value" data-testid="retention-total">
            {formatUsd(totals.retention.savingsUsd)}
          </div>
          <div className="sub">{totals.retention.projects} projects with billed backup storage</div>
        </div>
        <div className="panel stat">
          <div className="label">Not priced: no project tag</div>
          <div className="value">{formatUsd(totals.untaggedUsd)}</div>
          <div className="sub">
            <Link href="/tags">S3 storage, GETs and RDS backups without a project →</Link>
          </div>
        </div>
      </div>

      <section className="panel" aria-labelledby="glacier-title">
        <div className="panel-head">
          <h2 id="glacier-title">S3 Standard → Glacier Instant Retrieval, per project</h2>
          <div className="actions">
            <a className="button small secondary" href={exportHref("s3-glacier-ir")}>
              CSV
            </a>
          </div>
        </div>
        <p className={styles.formula}>
          Projected = Q × {formatPrice(settings.prices.glacierIrStorageUsdPerGbMonth)} (storage per GB-month) + Q × r ×{" "}
          {formatPrice(settings.prices.glacierIrRetrievalUsdPerGb)} (retrieval per GB) + G ÷ 1,000 ×{" "}
          {formatPrice(settings.prices.glacierIrGetUsdPer1000)} (GETs per 1,000). Savings = storage cost + GET cost −
          projected. Q = Standard storage GB-months, G = GET-class requests, r = the share of the data read back a month
          (edit it per project). Negative savings: the move would cost money.
        </p>
        <div className="table-scroll">
          <table className={`money ${styles.table}`} data-testid="glacier-table">
            <thead>
              <tr>
                <th>Project</th>
                <th className="num">Standard storage (Q) GB-months · cost</th>
                <th className="num">GET requests (G) · cost</th>
                <th className="num">Read share r</th>
                <th className="num">Current</th>
                <th className="num">Projected on Glacier IR</th>
                <th className="num">Savings / month</th>
                <th className="num">Break-even r</th>
                <th className="num">One-time transition (est.)</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.glacier.rows.map((o) => (
                <tr key={o.project} data-project={o.project}>
                  <td>
                    <strong>{o.project}</strong>
                    <div className="muted">{o.department || "(untagged)"}</div>
                  </td>
                  <td className="num">
                    {formatAmount(o.storageGbMonths)}
                    <div className="muted">
                      <Money amount={o.storageUsd} />
                    </div>
                  </td>
                  <td className="num">
                    {formatAmount(o.getRequests)}
                    <div className="muted">
                      <Money amount={o.getUsd} />
                    </div>
                  </td>
                  <td className="num">
                    <form action={saveReadShareAction} className={styles.inline}>
                      {viewFields}
                      <input type="hidden" name="project" value={o.project} />
                      <input
                        type="number"
                        name="readSharePercent"
                        min={0}
                        max={100}
                        step="any"
                        defaultValue={o.readShareIsOwn ? o.readSharePercent : ""}
                        placeholder={String(o.readSharePercent)}
                        aria-label={`Read share of ${o.project}, percent`}
                        className={styles.small}
                      />
                      %
                      <button type="submit" className="button small secondary">
                        Save
                      </button>
                    </form>
                  </td>
                  <td className="num">
                    <Money amount={o.currentUsd} />
                  </td>
                  <td className="num">
                    <Money amount={o.projectedUsd} />
                  </td>
                  <td className={`num ${o.savingsUsd.startsWith("-") ? "up" : "down"}`}>
                    <strong>
                      <Money amount={o.savingsUsd} />
                    </strong>
                  </td>
                  <td className="num">{describeBreakEven(o.breakEvenReadShare)}</td>
                  <td className="num" title={`${o.transition.objects} objects assumed`}>
                    ≈ <Money amount={o.transition.usd} />
                  </td>
                  <td>{recordButton(o.kind, o.project)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pager
          page={data.glacier.page}
          pageCount={data.glacier.pageCount}
          rows={data.glacier.total}
          size={data.glacier.size}
          href={pageHref("s3Page")}
          label="Pages of the S3 table"
        />
        <ul className={styles.caveats}>
          <li>
            <strong>128 KB minimum:</strong> Glacier IR bills every object as at least 128 KB, so buckets of small
            objects cost more than Q suggests.
          </li>
          <li>
            <strong>90-day minimum:</strong> data deleted or moved out of Glacier IR within 90 days is billed for the
            rest of the 90 days. Move only data that stays.
          </li>
          <li>
            <strong>Transition requests:</strong> a lifecycle rule pays{" "}
            {formatPrice(settings.prices.transitionUsdPer1000)} per 1,000 objects moved, once. Cost Explorer does not
            count objects, so the one-time cost above is an estimate that assumes objects of{" "}
            {settings.assumedObjectSizeMb} MB on average — check the bucket&apos;s real object count (S3 Storage Lens or
            Inventory) before deciding.
          </li>
          <li>
            Break-even r: the read share at which the move stops saving. &ldquo;Never&rdquo;: it costs more even if
            nothing is read back (the GETs alone cost more on Glacier IR); &ldquo;always&rdquo;: it saves even if all
            the data is read every month.
          </li>
          <li>
            r is an assumption, not a measurement: the bill shows requests, not how many bytes they read. The break-even
            read share says how wrong it may be before the move stops paying.
          </li>
        </ul>
      </section>

      <section className="panel" aria-labelledby="retention-title">
        <div className="panel-head">
          <h2 id="retention-title">RDS backup retention, per project</h2>
          <div className="actions">
            <a className="button small secondary" href={exportHref("rds-backup-retention")}>
              CSV
            </a>
          </div>
        </div>
        <p className={styles.formula}>
          Projected = backup cost × target days ÷ current days; savings = backup cost − projected. Backup storage is
          taken as proportional to the days retained (each retained day keeps about the same amount of changes). Only
          backup storage beyond the free allowance (as much as the database&apos;s storage) is billed, so cutting
          retention may save a little more than this.
        </p>
        <div className="table-scroll">
          <table className={`money ${styles.table}`} data-testid="retention-table">
            <thead>
              <tr>
                <th>Project</th>
                <th>Usage type</th>
                <th className="num">Backup GB-months (B)</th>
                <th className="num">Backup cost</th>
                <th className="num">Retention now → target (days)</th>
                <th className="num">Projected</th>
                <th className="num">Savings / month</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.retention.rows.map((o) => (
                <tr key={o.project} data-project={o.project}>
                  <td>
                    <strong>{o.project}</strong>
                    <div className="muted">{o.department || "(untagged)"}</div>
                  </td>
                  <td className="mono">{o.usageTypes.join(", ")}</td>
                  <td className="num">{formatAmount(o.backupGbMonths)}</td>
                  <td className="num">
                    <Money amount={o.backupUsd} />
                  </td>
                  <td className="num">
                    <form action={saveRetentionAction} className={styles.inline}>
                      {viewFields}
                      <input type="hidden" name="project" value={o.project} />
                      <input
                        type="number"
                        name="now"
                        min={1}
                        max={35}
                        step={1}
                        defaultValue={o.retentionIsOwn ? o.retentionDaysNow : ""}
                        placeholder={String(o.retentionDaysNow)}
                        aria-label={`Current retention of ${o.project}, days`}
                        className={styles.small}
                      />
                      →
                      <input
                        type="number"
                        name="target"
                        min={1}
                        max={35}
                        step={1}
                        defaultValue={o.retentionIsOwn ? o.retentionDaysTarget : ""}
                        placeholder={String(o.retentionDaysTarget)}
                        aria-label={`Target retention of ${o.project}, days`}
                        className={styles.small}
                      />
                      <button type="submit" className="button small secondary">
                        Save
                      </button>
                    </form>
                  </td>
                  <td className="num">
                    <Money amount={o.projectedUsd} />
                  </td>
                  <td className="num down">
                    <strong>
                      <Money amount={o.savingsUsd} />
                    </strong>
                  </td>
                  <td>{recordButton(o.kind, o.project)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pager
          page={data.retention.page}
          pageCount={data.retention.pageCount}
          rows={data.retention.total}
          size={data.retention.size}
          href={pageHref("rdsPage")}
          label="Pages of the RDS table"
        />
        <ul className={styles.caveats}>
          <li>
            <strong>Manual snapshots:</strong> RDS bills automated backups and manual snapshots under the same usage
            type (RDS:ChargedBackupUsage; Aurora:BackupUsage), so the bill cannot list snapshots kept beyond retention
            apart. Shortening retention does not delete manual snapshots: delete the ones nobody needs as well.
          </li>
          <li>
            Current retention is what you enter (default {settings.retention.now} days): the bill does not say it.
          </li>
        </ul>
      </section>

      <section className="panel" aria-labelledby="defaults-title">
        <div className="panel-head">
          <h2 id="defaults-title">Defaults and prices</h2>
          <div className="actions">
            <a className="button small secondary" href={exportHref()}>
              CSV of both tables
            </a>
          </div>
        </div>
        <p className="muted">
          A project without its own value uses these. Prices: us-east-1 list prices of S3 Glacier Instant Retrieval.
        </p>
        <form action={saveDefaultsAction} className={styles.defaults}>
          {viewFields}
          <NumberField label="Read share r (%)" name="readSharePercent" value={settings.readSharePercent} />
          <NumberField label="Retention now (days)" name="retentionNow" value={settings.retention.now} step="1" />
          <NumberField
            label="Retention target (days)"
            name="retentionTarget"
            value={settings.retention.target}
            step="1"
          />
          <NumberField
            label="Assumed object size (MB)"
            name="assumedObjectSizeMb"
            value={settings.assumedObjectSizeMb}
          />
          <NumberField
            label="Glacier IR storage ($/GB-month)"
            name="glacierIrStorageUsdPerGbMonth"
            value={settings.prices.glacierIrStorageUsdPerGbMonth}
          />
          <NumberField
            label="Glacier IR GETs ($/1,000)"
            name="glacierIrGetUsdPer1000"
            value={settings.prices.glacierIrGetUsdPer1000}
          />
          <NumberField
            label="Glacier IR retrieval ($/GB)"
            name="glacierIrRetrievalUsdPerGb"
            value={settings.prices.glacierIrRetrievalUsdPerGb}
          />
          <NumberField
            label="Transitions ($/1,000)"
            name="transitionUsdPer1000"
            value={settings.prices.transitionUsdPer1000}
          />
          <button type="submit" className="button">
            Save defaults
          </button>
        </form>
      </section>
    </>
  );
}

function NumberField({
  label,
  name,
  value,
  step = "any",
}: {
  label: string;
  name: string;
  value: number;
  step?: string;
}) {
  return (
    <label>
      {label}
      <input type="number" name={name} defaultValue={value} min={0} step={step} required />
    </label>
  );
}

function formatPrice(usd: number): string {
  return `$${usd}`;
}
