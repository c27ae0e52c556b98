import { BadLinkPage } from "@/app/_components/page-state";
import { PageHeader } from "@/app/_components/page-header";
import { PAGES, toMetadata, type SearchParamsProps } from "@/app/_components/page-meta";
import { getDb } from "@/lib/db/client";
import { readAs } from "@/app/_components/access";
import type { AuditEvent } from "@/lib/audit/events";
import { parseAuditQuery, type AuditQuery } from "@/lib/audit/filter";
import { getAuditPage } from "@/lib/pages/audit";
import styles from "./audit.module.css";

const META = PAGES.audit;
export const metadata = toMetadata(META);
export const dynamic = "force-dynamic";

const OUTCOME_BADGE = { ok: "good", refused: "warn", failed: "bad" } as const;

export default async function AuditPage({ searchParams }: SearchParamsProps) {
  const query = parseAuditQuery(await searchParams);
  if (!query.ok)
    return (
      <BadLinkPage meta={META} problems={query.problems} reset={{ href: META.path, label: "Show the whole log" }} />
    );
  const db = await getDb();
  const data = await readAs(META.path, (access) => getAuditPage(db, access, query.value));
  const download = (format: string) => `/api/export/audit?${toQuery({ ...query.value, format })}`;
  return (
    <>
      <PageHeader
        title={META.title}
        description={META.description}
        actions={
          <div className="button-row">
            <a className="button secondary" href={download("csv")} download>
              Download CSV
            </a>
            <a className="button secondary" href={download("json")} download>
              Download JSON
            </a>
          </div>
        }
      />
      <form className={`controls panel ${styles.filters}`} method="get" aria-label="Audit filters">
        <label>
          Who
          <select name="actor" defaultValue={query.value.actor ?? ""}>
            <option value="">Anyone</option>
            {withCurrent(data.actors, query.value.actor).map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <label>
          Action
          <select name="action" defaultValue={query.value.action ?? ""}>
            <option value="">Any</option>
            {withCurrent(data.actions, query.value.action).map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <label>
          Outcome
          <select name="outcome" defaultValue={query.value.outcome ?? ""}>
            <option value="">Any</option>
            <option value="ok">ok</option>
            <option value="refused">refused</option>
            <option value="failed">failed</option>
          </select>
        </label>
        <label>
          From (UTC)
          <input type="date" name="from" defaultValue={query.value.from ?? ""} />
        </label>
        <label>
          To (UTC)
          <input type="date" name="to" defaultValue={query.value.to ?? ""} />
        </label>
        <button type="submit" className="button">
          Apply
        </button>
        <a href={META.path}>Clear</a>
      </form>
      <section className="panel" aria-label="Audit events">
        <p className={styles.count}>
          {data.events.length === data.limit
            ? `The latest ${data.limit} matching events; narrow the filters or download for more (up to 5,000).`
            : `${data.events.length} matching event${data.events.length === 1 ? "" : "s"}.`}
        </p>
        {data.events.length === 0 ? (
          <p className="muted">Nothing recorded matches these filters.</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>When (UTC)</th>
                <th>Who</th>
                <th>Action</th>
                <th>Target</th>
                <th>Outcome</th>
                <th>Detail</th>
                <th>Change</th>
              </tr>
            </thead>
            <tbody>
              {data.events.map((e) => (
                <tr key={e.id}>
                  <td className={`mono ${styles.when}`}>{e.at.toISOString().slice(0, 19).replace("T", " ")}</td>
                  <td className={styles.actor}>{e.actor}</td>
                  <td className="mono">{e.action}</td>
                  <td className="mono">{e.target}</td>
                  <td>
                    <span className={`badge ${OUTCOME_BADGE[e.outcome]}`}>{e.outcome}</span>
                  </td>
                  <td className={styles.detail}>{e.detail}</td>
                  <td>
                    <Change event={e} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

function Change({ event }: { event: AuditEvent }) {
  if (event.before === undefined && event.after === undefined) return null;
  return (
    <details className={styles.change}>
      <summary>
        {event.before === undefined ? "after" : event.after === undefined ? "before" : "before → after"}
      </summary>
      {event.before !== undefined ? <pre aria-label="Before">{JSON.stringify(event.before, null, 2)}</pre> : null}
      {event.after !== undefined ? <pre aria-label="After">{JSON.stringify(event.after, null, 2)}</pre> : null}
    </details>
  );
}

/** A filter from an old link (an actor no longer in the log) still shows as chosen. */
const withCurrent = (values: string[], current: string | undefined) =>
  current && !values.includes(current) ? [current, ...values] : values;

function toQuery(q: AuditQuery & { format: string }): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q))
    if (v !== undefined && !(k === "limit" && v === 500)) params.set(k, String(v));
  return params.toString();
}
