// Sync runs. GET /api/sync → recent runs (the running one has live progress); POST /api/sync → start "Sync now" (202), 409 if one runs.
// Reading needs a reader's role; starting one (paid Cost Explorer requests) needs admin, and is audited.
import { recordChange, requireAccess } from "@/lib/access/access";
import { getRequestAccess } from "@/lib/access/next";
import { getConfig, getNow } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { errorResponse } from "@/lib/http";
import { getLog } from "@/lib/log";
import { listSyncRuns } from "@/lib/sync/runs";
import { startSyncInBackground } from "@/lib/jobs/start-sync";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    const db = await getDb();
    await requireAccess(db, await getRequestAccess(request), "read", "GET /api/sync");
    return Response.json({ runs: await listSyncRuns(db, 20) });
  } catch (err) {
    return errorResponse(err);
  }
}

export async function POST(request: Request) {
  try {
    const db = await getDb();
    const access = await getRequestAccess(request);
    await requireAccess(db, access, "admin", "POST /api/sync");
    const { runId } = await startSyncInBackground({
      db,
      config: getConfig(),
      now: getNow(),
      trigger: "web",
      log: (line, runId) => getLog()(line, { event: "sync", runId }),
    });
    await recordChange(db, access, { action: "sync.start", target: `sync run ${runId}`, after: { runId } });
    return Response.json({ runId }, { status: 202 });
  } catch (err) {
    return errorResponse(err);
  }
}
