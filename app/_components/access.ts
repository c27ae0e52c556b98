// How a page turns the data layer's refusals into answers: nobody signed in → the sign-in page (OIDC) or 401
// (proxy: the proxy in front should have signed them in); signed in but not granted → 403 and the no-access page.
import "server-only";
import { forbidden, redirect, unauthorized } from "next/navigation";
import { hasAnyGrant, homeOf, toScope, type Access } from "@/lib/access/access";
import { getRequestAccess } from "@/lib/access/next";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";

/** Runs a page's one data call as the person asking; `path` is where sign-in returns to. */
export async function readAs<T>(path: string, read: (access: Access) => Promise<T>): Promise<T> {
  const access = await getRequestAccess();
  // The overview is spend: a person granted only teams starts on their team's page instead.
  if (path === "/" && access.identity && toScope(access.grants, "spend") === null && hasAnyGrant(access.grants))
    redirect(homeOf(access.grants));
  try {
    return await read(access);
  } catch (err) {
    if (err instanceof AppError && err.kind === "unauthenticated") {
      if (getConfig().auth.mode === "oidc") redirect(`/signin?next=${encodeURIComponent(path)}`);
      unauthorized();
    }
    if (err instanceof AppError && err.kind === "forbidden") forbidden();
    throw err;
  }
}
