// The HTTP layer under the real Datadog client: counts every attempt, reads the rate-limit headers,
// waits before the budget runs out, and on 429 waits as told.
// Datadog documents the headers (api/latest/rate-limits): X-RateLimit-Limit, -Period, -Remaining,
// -Reset (seconds until the period ends) and -Name.
import { client } from "@datadog/datadog-api-client";
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

/**
 * The client turns a body that is not JSON into an empty answer without a word (its parse() returns
 * the raw text); a cheap check of both ends of the text makes a cut-off or HTML answer an error.
 */
function withJsonCheck(response: client.ResponseContext): client.ResponseContext {
  const body = response.body;
  response.body = {
    binary: () => body.binary(),
    async text() {
      const text = await body.text();
      const trimmed = text.trim();
      if (response.httpStatusCode < 300 && !(trimmed.startsWith("{") && trimmed.endsWith("}"))) {
        throw new SyntaxError(
          `the ${text.length}-character body does not hold one JSON object (starts ${JSON.stringify(trimmed.slice(0, 40))}, ends ${JSON.stringify(trimmed.slice(-40))})`,
        );
      }
      return text;
    },
  };
  return response;
}

export class AnswerTooLargeError extends Error {
  constructor(bytes: number, maxBytes: number) {
    super(`the answer is larger than ${Math.round(maxBytes / 1024 / 1024)} MB (${bytes}+ bytes), refused`);
    this.name = "AnswerTooLargeError";
  }
}

/**
 * node-fetch (the client's fetch) with the body read chunk by chunk up to `maxBytes`: a larger answer is refused
 * as soon as it passes the limit (or at once when its Content-Length says so), never held whole in memory.
 */
function createCappedFetch(maxBytes: number) {
  return async (url: string, init: Record<string, unknown>) => {
    const resp = (await crossFetch(url, init as RequestInit)) as unknown as Response & { body: NodeJS.ReadableStream };
    const length = Number(resp.headers.get("content-length"));
    const read = async (): Promise<Buffer> => {
      if (Number.isFinite(length) && length > maxBytes) throw new AnswerTooLargeError(length, maxBytes);
      const chunks: Buffer[] = [];
      let seen = 0;
      for await (const chunk of resp.body as AsyncIterable<Buffer>) {
        seen += chunk.length;
        if (seen > maxBytes) {
          (resp.body as unknown as { destroy?: () => void }).destroy?.();
          throw new AnswerTooLargeError(seen, maxBytes);
        }
        chunks.push(chunk);
      }
      return Buffer.concat(chunks);
    };
    return {
      status: resp.status,
      headers: resp.headers,
      text: async () => (await read()).toString("utf8"),
      arrayBuffer: async () => {
        const b = await read();
        return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
      },
    };
  };
}

export class PoliteHttpLibrary extends client.IsomorphicFetchHttpLibrary {
  private budget: RateLimitState | null = null;
  constructor(private readonly policy: Politeness) {
    super();
    this.fetch = createCappedFetch(policy.maxAnswerBytes);
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
      request.setHttpConfig({ ...request.getHttpConfig(), signal: signal as client.HttpConfiguration["signal"] });
      let response: client.ResponseContext;
      try {
        response = await super.send(request);
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
      if (delay === null) return withJsonCheck(response);
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
