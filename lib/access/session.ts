// The signed-in session cookie. A placeholder: the OIDC sign-in replaces this file with the real reader
// (signed and encrypted cookie, expiry, secret rotation). Until then no cookie is a valid session, so
// COSTWISE_AUTH=oidc lets nobody in.
import type { Identity } from "./identity";

export const SESSION_COOKIE = "costwise_session";

export async function readSessionIdentity(
  cookieValue: string | undefined,
  secrets: string[],
  now: Date,
): Promise<Identity | null> {
  void cookieValue;
  void secrets;
  void now;
  return null;
}
