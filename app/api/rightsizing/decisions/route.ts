// Decisions on rightsizing rows for automation (a bot, a GitOps pipeline):
//   GET  /api/rightsizing/decisions[?team=NAME] → { decisions: [...] } with each one's status today;
//   POST /api/rightsizing/decisions {team, decision, reason?, snoozedUntil?, containers:[…]} → { decisions, cleared }.
// The same access as the team page (read: the team's members and readers; write: its members and admins), checked
// in lib; errors in the one shape { error: { kind, message } }.
import { getRequestAccess } from "@/lib/access/next";
import { getNow } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { AppError, badInput } from "@/lib/errors";
import { errorResponse } from "@/lib/http";
import { readDecisions, recordDecisions } from "@/lib/pages/decisions";

export const dynamic = "force-dynamic";

// A decision names at most 500 containers; 256 KB holds that with room, and stops a body meant to exhaust memory.
const MAX_BODY_BYTES = 256 * 1024;

export async function GET(request: Request) {
  try {
    const params = new URL(request.url).searchParams;
    const teams = params.getAll("team");
    if (teams.length > 1) throw badInput("team: give it once");
    for (const key of params.keys())
      if (key !== "team") throw badInput(`Unknown parameter "${key.slice(0, 40)}": only team is read`);
    const team = teams[0]?.trim() || undefined;
    const decisions = await readDecisions(await getDb(), await getRequestAccess(request), { team, now: getNow() });
    return Response.json({ decisions });
  } catch (err) {
    return errorResponse(err);
  }
}

export async function POST(request: Request) {
  try {
    const access = await getRequestAccess(request);
    if (access.identity === null) throw new AppError("unauthenticated", "Sign in to record decisions.");
    if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json"))
      throw badInput("Send the decision as JSON (Content-Type: application/json).");
    const length = Number(request.headers.get("content-length") ?? "0");
    if (length > MAX_BODY_BYTES) throw badInput(`The body is larger than ${MAX_BODY_BYTES / 1024} KB.`);
    const text = await request.text();
    if (Buffer.byteLength(text) > MAX_BODY_BYTES)
      throw badInput(`The body is larger than ${MAX_BODY_BYTES / 1024} KB.`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw badInput("The body is not valid JSON.");
    }
    const result = await recordDecisions(await getDb(), access, body, getNow());
    return Response.json(result);
  } catch (err) {
    return errorResponse(err);
  }
}
