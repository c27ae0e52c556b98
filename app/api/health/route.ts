// Readiness probe. GET /api/health → 200 when the database is reachable and has every migration this version
// has; 503 otherwise (database down, or a database older than the app). /api/health/live is the liveness probe.
import { getDb } from "@/lib/db/client";
import { getConfig } from "@/lib/config";
import { listPendingMigrations } from "@/lib/db/migrate";
import { getLastSuccessfulSync, toDataFreshness } from "@/lib/sync/runs";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const db = await getDb();
    await db.sql.query("SELECT 1");
    const pending = await listPendingMigrations(db.sql);
    const last = await getLastSuccessfulSync(db);
    return Response.json(
      {
        status: pending.length ? "unavailable" : "ok",
        database: { reachable: true, kind: db.kind },
        migrations: { pending },
        lastSuccessfulSync: last?.toISOString() ?? null,
        // Stale data is reported, not a failed probe: restarting the server would not bring it back.
        data: toDataFreshness(last, new Date(), getConfig().sync.staleAfterDays),
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
