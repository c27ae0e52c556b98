// Liveness/readiness probe. GET /api/health → 200 with database reachability and last successful sync, 503 when the database is down.
import { getDb } from "@/lib/db/client";
import { getConfig } from "@/lib/config";
import { getLastSuccessfulSync, toDataFreshness } from "@/lib/sync/runs";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const db = await getDb();
    await db.sql.query("SELECT 1");
    const last = await getLastSuccessfulSync(db);
    return Response.json({
      status: "ok",
      database: { reachable: true, kind: db.kind },
      lastSuccessfulSync: last?.toISOString() ?? null,
      // Stale data is reported, not a failed probe: restarting the server would not bring it back.
      data: toDataFreshness(last, new Date(), getConfig().sync.staleAfterDays),
    });
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
