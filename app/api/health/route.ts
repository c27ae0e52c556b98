// Readiness probe. GET /api/health → 200 when the database is reachable and has every migration this version
// has; 503 otherwise (database down, or a database older than the app). /api/health/live is the liveness probe.
import { getDb } from "@/lib/db/client";
import { getConfig } from "@/lib/config";
import { listPendingMigrations } from "@/lib/db/migrate";
import { describeStaleSources, getSourceFreshness } from "@/lib/jobs/freshness";
import { getLastSuccessfulSync, toDataFreshness, type DataFreshness } from "@/lib/sync/runs";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const db = await getDb();
    await db.sql.query("SELECT 1");
    const pending = await listPendingMigrations(db.sql);
    const last = await getLastSuccessfulSync(db);
    const config = getConfig();
    const now = new Date();
    const sources = await getSourceFreshness(db, config, now);
    const overall = toDataFreshness(last, now, config.sync.staleAfterDays);
    const staleSources = describeStaleSources(sources, now);
    // A source can go stale while another keeps the runs succeeding (Datadog failing every night, say).
    const data: DataFreshness = staleSources.length
      ? {
          stale: true,
          staleAfterDays: overall.staleAfterDays,
          message: `Stale data. ${staleSources.join(" ")}`,
          sources,
        }
      : { ...overall, sources };
    return Response.json(
      {
        status: pending.length ? "unavailable" : "ok",
        database: { reachable: true, kind: db.kind },
        migrations: { pending },
        lastSuccessfulSync: last?.toISOString() ?? null,
        // Stale data is reported, not a failed probe: restarting the server would not bring it back.
        data,
      },
      { status: pending.length ? 503 : 200 },
    );
  } catch (err) {
    return Response.json(
      {
        status: "unavailable",
        database: { reachable: false, error: (err as Error).message },
        lastSuccessfulSync: null,
      },
      { status: 503 },
    );
  }
}
