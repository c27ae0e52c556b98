// Runs before every request (Next.js proxy, Node.js runtime): refuses changes from other sites, keeps
// signed-out people on /signin in oidc mode, and sets the security headers on every answer. It only gates:
// what a signed-in person may see and change is decided in the data layer, on every call.
import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "@/lib/config";
import { SESSION_COOKIE, readSessionIdentity } from "@/lib/access/session";
import {
  checkCrossSite,
  checkHost,
  isPublicPath,
  newNonce,
  securityHeaders,
  signedOutAnswer,
  type Refusal,
} from "@/lib/access/request-guard";

export async function proxy(request: NextRequest) {
  const auth = getConfig().auth;
  const nonce = newNonce();
  const headers = securityHeaders({
    nonce,
    https: auth.url?.startsWith("https://") ?? false,
    dev: process.env.NODE_ENV === "development",
  });
  const req = {
    method: request.method,
    path: request.nextUrl.pathname + request.nextUrl.search,
    headers: request.headers,
  };

  const refused = checkHost(auth, req) ?? checkCrossSite(auth, req);
  if (refused) return withHeaders(refusal(refused), headers);

  if (auth.mode === "oidc" && !isPublicPath(request.nextUrl.pathname)) {
    const identity = await readSessionIdentity(
      request.cookies.get(SESSION_COOKIE)?.value,
      auth.sessionSecrets,
      new Date(),
    );
    if (!identity) {
      const answer = signedOutAnswer(req);
      const response =
        "redirect" in answer ? NextResponse.redirect(`${auth.url}${answer.redirect}`, 302) : refusal(answer);
      return withHeaders(response, headers);
    }
  }

  // Next.js reads the nonce from the request's CSP header and puts it on the scripts it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), headers);
}

function refusal(r: Refusal): NextResponse {
  return NextResponse.json({ error: { kind: r.kind, message: r.message } }, { status: r.status });
}

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
