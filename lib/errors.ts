/**
 * The one error shape: every failure a person can act on is an AppError with a kind.
 * Route handlers answer `{ error: { kind, message } }` with the kind's HTTP status; the CLI exits with its code.
 */
export type ErrorKind =
  "bad-input" | "unauthenticated" | "forbidden" | "not-found" | "conflict" | "unavailable" | "failed";

const HTTP_STATUS: Record<ErrorKind, number> = {
  "bad-input": 400,
  unauthenticated: 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  unavailable: 503,
  failed: 500,
};

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AppError";
  }
  get httpStatus() {
    return HTTP_STATUS[this.kind];
  }
  /** CLI contract: 2 for bad input, 1 for every other failure. */
  get exitCode() {
    return this.kind === "bad-input" || this.kind === "not-found" ? 2 : 1;
  }
}

export const badInput = (message: string) => new AppError("bad-input", message);

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof Error) return new AppError("failed", err.message, { cause: err });
  return new AppError("failed", String(err));
}
