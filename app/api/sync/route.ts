// Sync runs. GET /api/sync → recent runs (the running one has live progress); POST /api/sync → start "Sync now" (202), 409 if one runs.
import { getConfig, getNow } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { errorResponse } from "@/lib/http";
import { getLog } from "@/lib/log";
import { listSyncRuns } from "@/lib/sync/runs";
import { startSyncInBackground } from "@/lib/jobs/start-sync";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    return Response.json({ runs: await listSyncRuns(await getDb(), 20) });
  } catch (err) {
    return errorResponse(err);
  }
}

export async function POST() {
  try {
    const { runId } = await startSyncInBackground({
      db: await getDb(),
      config: getConfig(),
      now: getNow(),
      trigger: "web",
      log: (line, runId) => getLog()(line, { event: "sync", runId }),
    });
    return Response.json({ runId }, { status: 202 });
  } catch (err) {
    return errorResponse(err);
  }
}
