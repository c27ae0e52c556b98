// The HTTP layer under the real Datadog client: counts every attempt, reads the rate-limit headers,
// waits before the budget runs out, and on 429 waits as told.
// Datadog documents the headers (api/latest/rate-limits): X-RateLimit-Limit, -Period, -Remaining,
// -Reset (seconds until the period ends) and -Name.
// The shared client code only: the package's index would load every v1 and v2 model (client.ts says why not).
import * as client from "@datadog/datadog-api-client/dist/packages/datadog-api-client-common";
import { fetch as crossFetch } from "cross-fetch";

export type RateLimitState = { remaining: number; resetAtMs: number };

/** The budget an answer reports, or null when it carries no (valid) rate-limit headers. */
export function readRateLimit(headers: Record<string, string>, nowMs: number): RateLimitState | null {
  const remaining = Number(headers["x-ratelimit-remaining"]);
  const reset = Number(headers["x-ratelimit-reset"]);
  if (headers["x-ratelimit-remaining"] === undefined || !Number.isFinite(remaining)) return null;
  return { remaining, resetAtMs: nowMs + (Number.isFinite(reset) && reset > 0 ? reset : 0) * 1000 };
}

/**
 * Wait before the next request: none while more than `reserve` requests are left in the period;
 * otherwise until the period resets. The reserve leaves room for the other users of the same
 * Datadog organisation (dashboards, monitors' API calls, people).
 */
export function toWaitBeforeNextMs(state: RateLimitState | null, nowMs: number, reserve: number): number {
  if (!state || state.remaining > reserve) return 0;
  return Math.max(0, state.resetAtMs - nowMs);
}

/**
 * Delay before retrying an attempt that got `status`, or null for no retry. 429: X-RateLimit-Reset
 * seconds (as Datadog tells), else 2^attempt s. 500/502/503/504: 2^attempt s (2, 4, 8 …), at most 60 s.
 */
export function toRetryDelayMs(status: number, headers: Record<string, string>, attempt: number): number | null {
  const backoff = Math.min(60, 2 ** attempt) * 1000;
  if (status === 429) {
    const reset = Number(headers["x-ratelimit-reset"]);
    return Number.isFinite(reset) && reset >= 0 ? Math.max(reset, 1) * 1000 : backoff;
  }
  if ([500, 502, 503, 504].includes(status)) return backoff;
  return null;
}

/** Datadog asked for a wait longer than the sync may hold its lock for (an hourly limit spent, say). */
export class RateLimitWaitTooLongError extends Error {
  constructor(waitMs: number, maxWaitMs: number) {
    super(
      `Datadog's rate limit resets in ${Math.ceil(waitMs / 1000)} s, longer than the ${Math.round(maxWaitMs / 1000)} s ` +
        `a sync waits for it (other users of this Datadog organisation may be spending the limit). Nothing was replaced; ` +
        `run the sync again after the reset.`,
    );
    this.name = "RateLimitWaitTooLongError";
  }
}

/** Default longest wait for a rate-limit reset: Datadog's periods are usually 10 s to a minute or so. */
export const MAX_RATE_LIMIT_WAIT_MS = 120_000;

export type Politeness = {
  /** Called before every attempt (retries too): `ctx.countRequest()`. */
  onAttempt(): void;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  clock(): number;
  maxAttempts: number;
  reserve: number;
  /** Per attempt, answer body included. */
  timeoutMs: number;
  /** Longest wait for a rate-limit reset; a longer one fails the run with the reason. */
  maxRateLimitWaitMs: number;
  /** Largest answer body read into memory; a larger one fails the run. */
  maxAnswerBytes: number;
  signal?: AbortSignal;
  log(line: string): void;
};

function isTransient(err: unknown): boolean {
  const e = err as { code?: string; message?: string; name?: string };
  if (e?.name === "AbortError") return false; // our timeout or a cancel
  return ["ECONNRESET", "EPIPE", "ETIMEDOUT"].includes(e?.code ?? "") || /socket hang up/i.test(e?.message ?? "");
}

/** Sleeps `ms`, or rejects as soon as `signal` aborts. */
export function sleepUnlessAborted(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export class AnswerTooLargeError extends Error {
  constructor(bytes: number, maxBytes: number) {
    super(`the answer is larger than ${Math.round(maxBytes / 1024 / 1024)} MB (${bytes}+ bytes), refused`);
    this.name = "AnswerTooLargeError";
  }
}

/**
 * An answer's body, read once: as a stream of chunks (the sync parses timeseries answers as they arrive), or whole
 * (`text()`, for the client's own handling of error answers). Either way at most `maxBytes` are read: a larger
 * answer is refused as soon as it passes the limit (or at once when its Content-Length says so).
 */
export class StreamedBody implements client.ResponseBody {
  private taken = false;
  constructor(
    private readonly body: NodeJS.ReadableStream,
    private readonly contentLength: number,
    private readonly maxBytes: number,
  ) {}

  async *chunks(): AsyncGenerator<Buffer> {
    if (this.taken) throw new Error("the answer's body was already read");
    this.taken = true;
    const destroy = () => (this.body as unknown as { destroy?: () => void }).destroy?.();
    if (Number.isFinite(this.contentLength) && this.contentLength > this.maxBytes) {
      destroy();
      throw new AnswerTooLargeError(this.contentLength, this.maxBytes);
    }
    let seen = 0;
    for await (const chunk of this.body as AsyncIterable<Buffer>) {
      seen += chunk.length;
      if (seen > this.maxBytes) {
        destroy();
        throw new AnswerTooLargeError(seen, this.maxBytes);
      }
      yield chunk;
    }
  }

  async binary(): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const chunk of this.chunks()) parts.push(chunk);
    return Buffer.concat(parts);
  }

  async text(): Promise<string> {
    return (await this.binary()).toString("utf8");
  }
}

/**
 * The client's HTTP layer (its `httpApi`): the client builds each request (URL, auth headers, body), this sends it
 * — counted, paced, retried — and answers with a StreamedBody. One attempt is what the client's own
 * IsomorphicFetchHttpLibrary does (the same node-fetch, gzip/deflate accepted), except that the body is left
 * as a stream: the client's library reads every answer whole before anyone can look at it.
 */
export class PoliteHttpLibrary extends client.IsomorphicFetchHttpLibrary {
  private budget: RateLimitState | null = null;
  constructor(private readonly policy: Politeness) {
    super();
  }

  private async attempt(request: client.RequestContext, signal: AbortSignal): Promise<client.ResponseContext> {
    const headers = { "Accept-Encoding": "gzip,deflate", ...request.getHeaders() };
    const resp = await crossFetch(request.getUrl(), {
      method: request.getHttpMethod().toString(),
      body: request.getBody() as string | undefined,
      headers,
      signal,
    });
    const responseHeaders: Record<string, string> = {};
    resp.headers.forEach((value, name) => (responseHeaders[name] = value));
    const body = new StreamedBody(
      resp.body as unknown as NodeJS.ReadableStream,
      Number(resp.headers.get("content-length")),
      this.policy.maxAnswerBytes,
    );
    return new client.ResponseContext(resp.status, responseHeaders, body);
  }

  override async send(request: client.RequestContext): Promise<client.ResponseContext> {
    const p = this.policy;
    for (let attempt = 1; ; attempt++) {
      const wait = toWaitBeforeNextMs(this.budget, p.clock(), p.reserve);
      if (wait > p.maxRateLimitWaitMs) throw new RateLimitWaitTooLongError(wait, p.maxRateLimitWaitMs);
      if (wait > 0) {
        p.log(
          `Datadog rate limit: ${this.budget?.remaining} requests left in this period; waiting ${Math.ceil(wait / 1000)} s for it to reset`,
        );
        await p.sleep(wait, p.signal);
        this.budget = null;
      }
      p.onAttempt();
      const timeout = AbortSignal.timeout(p.timeoutMs);
      const signal = p.signal ? AbortSignal.any([p.signal, timeout]) : timeout;
      let response: client.ResponseContext;
      try {
        response = await this.attempt(request, signal);
      } catch (err) {
        // A connection dropped before any answer (a network blip, a proxy restart): the query only
        // reads, so it is safe to send again. Refused or unknown hosts are configuration errors: not retried.
        if (attempt >= p.maxAttempts || !isTransient(err) || p.signal?.aborted) throw err;
        const delay = Math.min(60, 2 ** attempt) * 1000;
        p.log(
          `Datadog connection dropped (${(err as Error).message}); retrying in ${delay / 1000} s (attempt ${attempt + 1} of ${p.maxAttempts})`,
        );
        await p.sleep(delay, p.signal);
        continue;
      }
      this.budget = readRateLimit(response.headers, p.clock()) ?? this.budget;
      const delay = attempt < p.maxAttempts ? toRetryDelayMs(response.httpStatusCode, response.headers, attempt) : null;
      if (delay === null) return response;
      if (response.httpStatusCode === 429 && delay > p.maxRateLimitWaitMs) {
        await response.body.text().catch(() => "");
        throw new RateLimitWaitTooLongError(delay, p.maxRateLimitWaitMs);
      }
      await response.body.text().catch(() => ""); // drain it so the connection is reused
      p.log(
        `Datadog answered ${response.httpStatusCode}; retrying in ${delay / 1000} s (attempt ${attempt + 1} of ${p.maxAttempts})`,
      );
      await p.sleep(delay, p.signal);
      if (response.httpStatusCode === 429) this.budget = null; // the wait was the reset
    }
  }
}
