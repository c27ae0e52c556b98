// GET /api/auth/signin/oidc?next=/path → 302 to the identity provider's login, remembering this attempt in a
// short sealed cookie. The provider being down sends the browser back to /signin with the reason.
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http";
import { SignInError, isOidc, startSignIn } from "@/lib/access/oidc";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const auth = getConfig().auth;
  if (!isOidc(auth)) return errorResponse(new AppError("not-found", "Sign-in is off: COSTWISE_AUTH is not oidc."));
  const next = new URL(request.url).searchParams.get("next");
  try {
    const { location, cookie } = await startSignIn(auth, { next, now: new Date() });
    return new Response(null, {
      status: 302,
      headers: { Location: location, "Set-Cookie": cookie, "Cache-Control": "no-store" },
    });
  } catch (err) {
    if (!(err instanceof SignInError)) return errorResponse(err);
    console.error(err.message);
    return new Response(null, {
      status: 302,
      headers: { Location: `${auth.url}/signin?error=${err.code}`, "Cache-Control": "no-store" },
    });
  }
}
