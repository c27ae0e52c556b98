// POST /api/auth/signout → clears the session cookie and goes to /signin (303, so the browser GETs it).
// A POST, never a GET: a link or an image on another site cannot sign anyone out.
import type { NextRequest } from "next/server";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { auditSignOut, clearSessionCookie } from "@/lib/access/oidc";
import { SESSION_COOKIE, readSessionIdentity } from "@/lib/access/session";
import { errorResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

export async function POST(request: NextRequest) {
  try {
    const auth = getConfig().auth;
    const identity = await readSessionIdentity(
      request.cookies.get(SESSION_COOKIE)?.value,
      auth.sessionSecrets,
      new Date(),
    );
    if (identity) await auditSignOut(await getDb(), identity);
    const headers = new Headers({ "Cache-Control": "no-store" });
    headers.append("Set-Cookie", clearSessionCookie(auth));
    headers.set("Location", auth.mode === "oidc" ? `${auth.url}/signin?signed-out=1` : "/");
    return new Response(null, { status: 303, headers });
  } catch (err) {
    return errorResponse(err);
  }
}
