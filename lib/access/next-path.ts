/**
 * Where to go after signing in: a path on this site, never another site. Anything else (`//evil.example`,
 * `https://evil.example`, `/\evil.example`, a control character, the sign-in routes themselves) becomes "/".
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || next.length > 2_000) return "/";
  // Browsers read "\" as "/" and drop tabs and newlines in URLs: refuse them rather than guess.
  if (!next.startsWith("/") || next.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(next)) return "/";
  const base = "http://costwise.invalid";
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return "/";
  }
  if (url.origin !== base) return "/";
  if (url.pathname === "/signin" || url.pathname.startsWith("/api/auth/")) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
