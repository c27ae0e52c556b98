// Page tokens: opaque to clients, they carry the offset and a fingerprint of the request, so a token
// replayed with other parameters fails like AWS (RequestChangedException) instead of paging wrongly.
import { ServiceError } from "./protocol";

/** FNV-1a of the request without its page token, as hex. */
export function fingerprintOf(body: Record<string, unknown>, tokenField: string): string {
  const rest = { ...body };
  delete rest[tokenField];
  const text = JSON.stringify(rest);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

export function encodeToken(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, f: fingerprint })).toString("base64");
}

/** Offset of the page a token points at; 0 without a token. */
export function decodeToken(token: unknown, fingerprint: string): number {
  if (token === undefined || token === null) return 0;
  let parsed: unknown;
  try {
    parsed = typeof token === "string" ? JSON.parse(Buffer.from(token, "base64").toString("utf8")) : undefined;
  } catch {
    parsed = undefined;
  }
  const { o, f } = (parsed ?? {}) as { o?: unknown; f?: unknown };
  if (typeof o !== "number" || !Number.isInteger(o) || o < 0 || typeof f !== "string") {
    throw new ServiceError(
      "InvalidNextTokenException",
      "The pagination token is invalid. Try again without a pagination token.",
    );
  }
  if (f !== fingerprint) {
    throw new ServiceError(
      "RequestChangedException",
      "Your request parameters changed between pages. Try again with the old parameters or without a pagination token.",
    );
  }
  return o;
}

/** One page of a list, with the token of the next page when there is one. */
export function toPage<T>(
  items: T[],
  offset: number,
  size: number,
  fingerprint: string,
): { page: T[]; nextToken?: string } {
  const page = items.slice(offset, offset + size);
  const next = offset + size;
  return next < items.length ? { page, nextToken: encodeToken(next, fingerprint) } : { page };
}
