import { readAs } from "@/app/_components/access";
import { PageHeader } from "@/app/_components/page-header";
import { PAGES, toMetadata } from "@/app/_components/page-meta";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { getSyncPage } from "@/lib/pages/sync";
import { SyncLive } from "./sync-live";
import styles from "./sync.module.css";

const META = PAGES.sync;
export const metadata = toMetadata(META);
export const dynamic = "force-dynamic";

const STATUS_BADGE: Record<string, string> = { succeeded: "good", failed: "bad", interrupted: "warn", running: "" };

export default async function SyncPage() {
  const db = await getDb();
  const { sources, runs, running, canSync } = await readAs(META.path, (access) => getSyncPage(db, access, getConfig()));
  return (
    <>
      <PageHeader
        title={META.title}
        description={META.description}
        actions={
          <a className="button secondary" href="/api/export/sync-runs?format=csv" download>
            Download CSV
          </a>
        }
      />
      <div className="grid grid-2">
        {sources.map((s) => (
          <div className="panel" key={s.name}>
            <h2>
              {s.label} <span className={`badge ${s.enabled ? "good" : "muted"}`}>{s.enabled ? "on" : "off"}</span>
            </h2>
            <div className="muted">{s.reason}</div>
          </div>
        ))}
      </div>
      <SyncLive
        initialRunning={running}
        isAdmin={canSync}
        hasSources={sources.some((s) => s.enabled)}
        labels={Object.fromEntries(sources.map((s) => [s.name, s.label]))}
      />
      <section className="panel" aria-label="Sync history">
        <h2>History</h2>
        {runs.length === 0 ? (
          <p className="muted">No sync has run yet.</p>
        ) : (
          <div className="table-scroll">
            <table className="data">
              <thead>
                <tr>
                  <th>Run</th>
                  <th>Started (UTC)</th>
                  <th>Status</th>
                  <th>Sources</th>
                  <th>Range</th>
                  <th className="num">Requests</th>
                  <th className="num">API cost</th>
                  <th className="num">Rows</th>
                  <th>Error</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id}>
                    <td>#{r.id}</td>
                    <td className="mono">{r.startedAt.slice(0, 19).replace("T", " ")}</td>
                    <td>
                      <span className={`badge ${STATUS_BADGE[r.status] ?? ""}`}>{r.status}</span>
                    </td>
                    <td>{r.sources.join(", ")}</td>
                    <td className="mono">{rangeOf(r)}</td>
                    <td className="num">{r.requests}</td>
                    <td className="num">${r.requestCostUsd}</td>
                    <td className="num">{r.rowsWritten.toLocaleString("en-US")}</td>
                    <td className={styles.error}>{r.error}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function rangeOf(r: {
  rangeFrom: string | null;
  rangeTo: string | null;
  details: Record<string, { range: { from: string; to: string } | null }> | null;
}) {
  const ranges =
    r.rangeFrom && r.rangeTo
      ? [{ from: r.rangeFrom, to: r.rangeTo }]
      : Object.values(r.details ?? {}).flatMap((d) => (d.range ? [d.range] : []));
  return ranges.map((x) => `${x.from} → ${x.to}`).join("; ") || "—";
}
