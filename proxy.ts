// Runs before every request (Next.js proxy, Node.js runtime): refuses changes from other sites (and writes a
// sample of those refusals to the audit trail), keeps signed-out people on /signin in oidc mode, answers a page
// the person cannot open with its 401/403 status before it streams, and sets the security headers on every
// answer. It only gates: what a signed-in person may see and change is decided in the data layer, on every call.
import { NextResponse, type NextRequest } from "next/server";
import { toAccess } from "@/lib/access/access";
import { identifyRequest } from "@/lib/access/request";
import { RefusalSampler } from "@/lib/access/refusal-sampler";
import { recordAuditEvent } from "@/lib/audit/events";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import {
  checkCrossSite,
  checkHost,
  checkPageAccess,
  isPublicPath,
  newNonce,
  securityHeaders,
  signedOutAnswer,
  type GuardRequest,
  type Refusal,
} from "@/lib/access/request-guard";

const sampler = new RefusalSampler();

export async function proxy(request: NextRequest) {
  const auth = getConfig().auth;
  const nonce = newNonce();
  const headers = securityHeaders({
    nonce,
    https: auth.url?.startsWith("https://") ?? false,
    dev: process.env.NODE_ENV === "development",
    formOrigins: auth.mode === "oidc" && auth.oidc ? [new URL(auth.oidc.issuer).origin] : [],
  });
  const req = {
    method: request.method,
    path: request.nextUrl.pathname + request.nextUrl.search,
    headers: request.headers,
  };

  const refused = checkHost(auth, req) ?? checkCrossSite(auth, req);
  if (refused) {
    await auditGuardRefusal(refused, req);
    return withHeaders(refusal(refused), headers);
  }

  // Next.js reads the nonce from the request's CSP header and puts it on the scripts it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);

  if (!isPublicPath(request.nextUrl.pathname)) {
    const identity = await identifyRequest(request.headers, auth, new Date());
    if (!identity && auth.mode === "oidc") {
      const answer = signedOutAnswer(req);
      const response =
        "redirect" in answer ? NextResponse.redirect(`${auth.url}${answer.redirect}`, 302) : refusal(answer);
      return withHeaders(response, headers);
    }
    const pageRefusal = checkPageAccess(toAccess(identity, auth.roles.rules), req);
    // The page still renders (its read is refused again in the data layer, which shows the refusal and audits
    // it); the status is set here because a streaming page has sent its 200 by then.
    if (pageRefusal)
      return withHeaders(
        NextResponse.next({ status: pageRefusal.status, request: { headers: requestHeaders } }),
        headers,
      );
  }

  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), headers);
}

/** A sample of the cross-site and Host refusals goes to the audit trail (lib/access/refusal-sampler.ts). */
async function auditGuardRefusal(refused: Refusal, req: GuardRequest): Promise<void> {
  const from = refused.from ?? "unknown";
  const admitted = sampler.admit(from, Date.now());
  if (!admitted) return;
  const more = admitted.leftOutBefore > 0 ? ` (${admitted.leftOutBefore} more not recorded before this one)` : "";
  try {
    await recordAuditEvent(await getDb(), {
      actor: "anonymous",
      action: "access.refused",
      target: `${req.method.toUpperCase()} ${req.path.split("?")[0]}`,
      outcome: "refused",
      detail: `${from}: ${refused.message}${more}`,
    });
  } catch (err) {
    // The refusal stands whatever the audit write does; the log says what was lost.
    console.error(`Could not record a refused request in the audit trail: ${String(err)}`);
  }
}

function refusal(r: Refusal): NextResponse {
  return NextResponse.json({ error: { kind: r.kind, message: r.message } }, { status: r.status });
}

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
