import Link from "next/link";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { getLastSuccessfulSync } from "@/lib/sync/runs";
import { listSourceStatuses } from "@/lib/sync/sources";
import { EmptyState } from "./_components/empty-state";
import { PageHeader } from "./_components/page-header";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const db = await getDb();
  const last = await getLastSuccessfulSync(db);
  const sources = listSourceStatuses(getConfig());
  return (
    <>
      <PageHeader title="Overview" description="Where the AWS money goes, and what the Kubernetes teams can safely cut." />
      <div className="grid grid-4">
        <div className="panel stat">
          <div className="label">Last successful sync</div>
          <div className="value">{last ? last.toISOString().slice(0, 16).replace("T", " ") : "Never"}</div>
          <div className="sub">
            <Link href="/sync">Sync history</Link>
          </div>
        </div>
        {sources.map((s) => (
          <div className="panel stat" key={s.name}>
            <div className="label">{s.label}</div>
            <div className="value">{s.enabled ? "On" : "Off"}</div>
            <div className="sub">{s.reason}</div>
          </div>
        ))}
      </div>
      {last ? null : (
        <EmptyState title="No data yet — run a sync" action={{ href: "/sync", label: "Go to Sync" }}>
          Costwise reads AWS Cost Explorer and Datadog into its database, then every page reads from there. Run a sync to fill it.
        </EmptyState>
      )}
    </>
  );
}
