// POST /api/auth/signout → clears the session cookie and ends the provider's session too when its discovery offers
// an end_session_endpoint (303 there, with the ID token as hint; it sends the browser back to /signin), else goes
// to /signin (303, so the browser GETs it). A POST, never a GET: a link or an image on another site cannot sign
// anyone out.
import type { NextRequest } from "next/server";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { auditSignOut, buildProviderSignOutUrl, clearSessionCookie, isOidc } from "@/lib/access/oidc";
import { SESSION_COOKIE, readSessionIdToken, readSessionIdentity } from "@/lib/access/session";
import { errorResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

export async function POST(request: NextRequest) {
  try {
    const auth = getConfig().auth;
    const cookie = request.cookies.get(SESSION_COOKIE)?.value;
    const now = new Date();
    const identity = await readSessionIdentity(cookie, auth.sessionSecrets, now);
    if (identity) await auditSignOut(await getDb(), identity);
    const headers = new Headers({ "Cache-Control": "no-store" });
    headers.append("Set-Cookie", clearSessionCookie(auth));
    const atProvider =
      isOidc(auth) && identity
        ? await buildProviderSignOutUrl(auth, await readSessionIdToken(cookie, auth.sessionSecrets, now))
        : null;
    headers.set("Location", atProvider ?? (auth.mode === "oidc" ? `${auth.url}/signin?signed-out=1` : "/"));
    return new Response(null, { status: 303, headers });
  } catch (err) {
    return errorResponse(err);
  }
}
