import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "./errors";
import { errorResponse } from "./http";

describe("errorResponse", () => {
  afterEach(() => vi.restoreAllMocks());

  it("answers an unexpected error with a generic message and an id that the server log prints with the error", async () => {
    const logged: unknown[][] = [];
    vi.spyOn(console, "error").mockImplementation((...args) => void logged.push(args));
    const raw = new Error('connect ECONNREFUSED postgresql://costwise:s3cret@db:5432 relation "x" does not exist');
    const res = errorResponse(raw);
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { kind: string; message: string; id: string } };
    expect(body.error.kind).toBe("failed");
    expect(body.error.message).toBe(
      `Something went wrong on the server (error id ${body.error.id}, in the server log).`,
    );
    expect(JSON.stringify(body)).not.toContain("s3cret");
    expect(logged).toEqual([[`[error ${body.error.id}]`, raw]]);
  });

  it("answers an AppError with its own message and status", async () => {
    const res = errorResponse(new AppError("bad-input", "limit must be a positive whole number"));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { kind: "bad-input", message: "limit must be a positive whole number" },
    });
  });
});
