import { toAppError } from "./errors";

/** The one error answer of every route handler: `{ error: { kind, message } }` with the kind's status. */
export function errorResponse(err: unknown): Response {
  const e = toAppError(err);
  if (e.kind === "failed") console.error(err);
  return Response.json({ error: { kind: e.kind, message: e.message } }, { status: e.httpStatus });
}
