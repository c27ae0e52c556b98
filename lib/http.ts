import { randomBytes } from "node:crypto";
import { AppError, toAppError } from "./errors";

/**
 * The one error answer of every route handler: `{ error: { kind, message } }` with the kind's status. An error
 * we did not expect (not an AppError: a database or library failure) may carry connection strings, SQL or
 * account ids: the answer says only that it failed and gives an id, which the server log prints with the error.
 */
export function errorResponse(err: unknown): Response {
  if (!(err instanceof AppError)) {
    const id = randomBytes(4).toString("hex");
    console.error(`[error ${id}]`, err);
    return Response.json(
      {
        error: {
          kind: "failed",
          message: `Something went wrong on the server (error id ${id}, in the server log).`,
          id,
        },
      },
      { status: 500 },
    );
  }
  const e = toAppError(err);
  if (e.kind === "failed") console.error(err);
  return Response.json({ error: { kind: e.kind, message: e.message } }, { status: e.httpStatus });
}
