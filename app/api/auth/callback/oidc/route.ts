// GET /api/auth/callback/oidc?code=…&state=… — the redirect URI registered at the identity provider. Checks the
// answer, sets the session cookie and goes where the person was headed; a failure goes back to /signin with the
// reason. Both outcomes are in the audit trail.
import type { NextRequest } from "next/server";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http";
import {
  OIDC_TRANSACTION_COOKIE,
  SignInError,
  auditSignIn,
  clearTransactionCookie,
  finishSignIn,
  isOidc,
} from "@/lib/access/oidc";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const auth = getConfig().auth;
  if (!isOidc(auth)) return errorResponse(new AppError("not-found", "Sign-in is off: COSTWISE_AUTH is not oidc."));
  const headers = new Headers({ "Cache-Control": "no-store" });
  headers.append("Set-Cookie", clearTransactionCookie(auth));
  try {
    const done = await finishSignIn(auth, {
      search: new URL(request.url).search,
      transactionCookie: request.cookies.get(OIDC_TRANSACTION_COOKIE)?.value,
      now: new Date(),
    });
    await auditSignIn(await getDb(), { identity: done.identity });
    headers.append("Set-Cookie", done.sessionCookie);
    headers.set("Location", `${auth.url}${done.next}`);
    return new Response(null, { status: 302, headers });
  } catch (err) {
    if (!(err instanceof SignInError)) return errorResponse(err);
    console.error(`Sign-in failed: ${err.message}`);
    await auditSignIn(await getDb(), { error: err });
    headers.set("Location", `${auth.url}/signin?error=${err.code}`);
    return new Response(null, { status: 302, headers });
  }
}
