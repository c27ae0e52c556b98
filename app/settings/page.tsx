import type { Metadata } from "next";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { listSourceStatuses } from "@/lib/sync/sources";
import { PageHeader } from "../_components/page-header";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  const config = getConfig();
  const db = await getDb();
  return (
    <>
      <PageHeader title="Settings" description="Rules, allowed tag values, prices and mappings are edited here and apply to every page at once." />
      <section className="panel" aria-label="Deployment">
        <h2>Deployment</h2>
        <p className="muted">Set through environment variables (see .env.example); restart to change.</p>
        <table className="data">
          <tbody>
            <tr><th>Database</th><td>{db.label}</td></tr>
            {listSourceStatuses(config).map((s) => (
              <tr key={s.name}><th>{s.label}</th><td>{s.reason}</td></tr>
            ))}
            <tr><th>Cost allocation tags</th><td className="mono">{Object.values(config.aws.tagKeys).join(", ")}</td></tr>
            <tr><th>Scheduled sync</th><td>{config.syncSchedule}</td></tr>
          </tbody>
        </table>
      </section>
    </>
  );
}
