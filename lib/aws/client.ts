// The real AWS SDK client for Cost Explorer, and the one way the sync calls it: every HTTP attempt counted
// (AWS bills each, $0.01), throttling retried here with backoff, and errors a person can act on.
import { Transform, type Readable } from "node:stream";
import { CostExplorerClient, type CostExplorerClientConfig } from "@aws-sdk/client-cost-explorer";
import type { Config } from "@/lib/config";
import { AppError } from "@/lib/errors";

export type CostExplorerOperation =
  | "GetCostAndUsage"
  | "ListCostAllocationTags"
  | "GetSavingsPlansPurchaseRecommendation"
  | "GetReservationPurchaseRecommendation"
  | "GetSavingsPlansCoverage"
  | "GetSavingsPlansUtilization"
  | "GetSavingsPlansUtilizationDetails"
  | "GetReservationCoverage"
  | "GetReservationUtilization"
  | "GetProducts";

/**
 * Default credential chain and region (config.aws.region). The endpoint: the SDK reads
 * AWS_ENDPOINT_URL_COST_EXPLORER from process.env itself; passing config.aws.endpoint too makes a config parsed
 * from another environment (tests) work the same. maxAttempts 1: retries happen in sendWithRetries, so every
 * attempt is counted as the paid request it is. Without timeouts the SDK waits forever for a stalled answer,
 * holding the sync lock: the connection and the request each get `requestTimeoutMs` (sendWithRetries also bounds
 * the whole attempt, answer body included), and an answer larger than `maxAnswerBytes` is refused as it streams in.
 */
export function createCostExplorerClient(
  aws: Config["aws"],
  opts: {
    credentials?: CostExplorerClientConfig["credentials"];
    requestTimeoutMs?: number;
    maxAnswerBytes?: number;
  } = {},
): CostExplorerClient {
  const timeout = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const client = new CostExplorerClient({
    region: aws.region,
    maxAttempts: 1,
    requestHandler: { connectionTimeout: timeout, requestTimeout: timeout, throwOnRequestTimeout: true },
    ...(aws.endpoint ? { endpoint: aws.endpoint } : {}),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
  });
  const maxBytes = opts.maxAnswerBytes ?? MAX_ANSWER_BYTES;
  // Below the deserializer: the raw answer's body, before the SDK reads it into memory.
  client.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      const response = out.response as { headers?: Record<string, string>; body?: Readable };
      const length = Number(response.headers?.["content-length"]);
      if (Number.isFinite(length) && length > maxBytes) {
        response.body?.destroy();
        throw new AnswerTooLargeError(length, maxBytes);
      }
      if (response.body && typeof response.body.pipe === "function") response.body = capStream(response.body, maxBytes);
      return out;
    },
    { step: "deserialize", priority: "low", name: "costwiseAnswerSizeCap" },
  );
  return client;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
/** A Cost Explorer page of 1,000 groups is ~0.5 MB; 64 MB is far above any real answer. */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

export class AnswerTooLargeError extends Error {
  constructor(bytes: number, maxBytes: number) {
    super(`the answer is larger than ${Math.round(maxBytes / 1024 / 1024)} MB (${bytes}+ bytes), refused`);
    this.name = "AnswerTooLargeError";
  }
}

/** Passes the stream through, failing it as soon as more than maxBytes went by. */
function capStream(body: Readable, maxBytes: number): Readable {
  let seen = 0;
  const capped = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > maxBytes) {
        body.destroy();
        return done(new AnswerTooLargeError(seen, maxBytes));
      }
      done(null, chunk);
    },
  });
  body.on("error", (err) => capped.destroy(err));
  return body.pipe(capped);
}

export type RetryPolicy = {
  /** Attempts in all when Cost Explorer throttles. */
  maxAttempts: number;
  /** Attempts in all when a request times out, its connection resets or AWS answers 5xx. */
  maxErrorAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Injected so tests never wait. Rejects when the signal aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** 0 ≤ x < 1, for jitter. */
  random(): number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  maxErrorAttempts: 4,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason as Error);
      const timer = setTimeout(() => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      };
      signal.addEventListener("abort", onAbort, { once: true });
    }),
  random: Math.random,
};

/** "Full jitter" (AWS Architecture Blog, "Exponential Backoff and Jitter"): uniform in [0, min(cap, base·2^n)). */
export function toBackoffMs(
  attempt: number,
  policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs" | "random">,
): number {
  return Math.floor(policy.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)));
}

type SdkError = Error & { $metadata?: { httpStatusCode?: number; requestId?: string }; code?: string };

const THROTTLING = new Set([
  "LimitExceededException",
  "ThrottlingException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
]);

export function isThrottling(err: unknown): boolean {
  const e = err as SdkError;
  const status = e?.$metadata?.httpStatusCode;
  return THROTTLING.has(e?.name) || status === 429 || status === 503;
}

/**
 * Worth sending again: the request only reads, so a timed-out attempt, a dropped or cut-off connection or a
 * 5xx is retried (each attempt is counted and paid). Refusals (4xx) and malformed complete answers are not.
 */
export function isTransientFailure(err: unknown): boolean {
  const e = err as SdkError;
  const status = e?.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  if (e instanceof AttemptTimeoutError || e?.name === "TimeoutError") return true;
  if (e?.code && ["ECONNRESET", "EPIPE", "ETIMEDOUT", "ECONNABORTED"].includes(e.code)) return true;
  // An answer cut off mid-body: the SDK reports the 2xx status with an "aborted" stream error.
  return status !== undefined && status < 300 && /aborted|premature close|socket hang up/i.test(e?.message ?? "");
}

export class AttemptTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no complete answer within ${timeoutMs / 1000} s`);
    this.name = "AttemptTimeoutError";
  }
}

export type SendOptions = {
  operation: CostExplorerOperation;
  /** Names the request in messages: "GetCostAndUsage (department × service, page 2)". */
  where: string;
  countRequest(): void;
  signal: AbortSignal;
  policy?: RetryPolicy;
  /** One attempt, answer included (COSTWISE_REQUEST_TIMEOUT_S). */
  timeoutMs?: number;
};

/**
 * Runs `attempt` until it answers: throttling is retried up to policy.maxAttempts, timeouts, resets and 5xx up
 * to policy.maxErrorAttempts, with full-jitter backoff; every attempt is counted before it is made.
 */
export async function sendWithRetries<T>(
  attempt: (abortSignal: AbortSignal) => Promise<T>,
  opts: SendOptions,
): Promise<T> {
  const policy = opts.policy ?? DEFAULT_RETRY_POLICY;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  let waitedMs = 0;
  let errors = 0;
  for (let n = 1; ; n++) {
    if (opts.signal.aborted) throw opts.signal.reason as Error;
    opts.countRequest();
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new AttemptTimeoutError(timeoutMs)), timeoutMs);
    try {
      return await attempt(AbortSignal.any([opts.signal, timeout.signal]));
    } catch (caught) {
      if (opts.signal.aborted) throw opts.signal.reason as Error;
      const err = timeout.signal.aborted ? (timeout.signal.reason as Error) : caught;
      const throttled = isThrottling(err);
      if (!throttled && !isTransientFailure(err)) throw toCostExplorerError(err, opts);
      if (!throttled) errors++;
      if (throttled && n >= policy.maxAttempts) {
        throw new AppError(
          "unavailable",
          `Cost Explorer kept throttling ${opts.where} (${(err as Error).name}) after ${n} attempts over ${Math.round(waitedMs / 1000)} s, ` +
            `each one a paid request. Nothing was replaced; wait a few minutes and run the sync again.`,
          { cause: err },
        );
      }
      if (!throttled && errors >= policy.maxErrorAttempts) {
        throw new AppError(
          "unavailable",
          `Cost Explorer failed ${opts.where} ${errors} times (last: ${describeFailure(err)}), each attempt a paid request. ` +
            `Nothing was replaced; run the sync again later.`,
          { cause: err },
        );
      }
      const delay = toBackoffMs(n, policy);
      waitedMs += delay;
      await policy.sleep(delay, opts.signal);
    } finally {
      clearTimeout(timer);
    }
  }
}

function describeFailure(err: unknown): string {
  const e = err as SdkError;
  const status = e?.$metadata?.httpStatusCode;
  if (err instanceof AttemptTimeoutError) return err.message;
  return `${e?.code ?? e?.name}: ${e?.message?.split("\n")[0]}${status && status >= 300 ? ` (HTTP ${status})` : ""}`;
}

/** An SDK error, said so a person knows what to do. Nothing is ever replaced when one of these ends a run. */
export function toCostExplorerError(err: unknown, opts: Pick<SendOptions, "operation" | "where">): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof AnswerTooLargeError) {
    return new AppError(
      "failed",
      `Cost Explorer's answer to ${opts.where}: ${err.message}. Nothing was replaced; sync a shorter range with --from/--to.`,
      { cause: err },
    );
  }
  const e = err as SdkError;
  const status = e.$metadata?.httpStatusCode;
  const requestId = e.$metadata?.requestId ? `, request id ${e.$metadata.requestId}` : "";
  if (e.name === "AccessDeniedException") {
    return new AppError(
      "failed",
      `AWS denied ce:${opts.operation} to the sync's credentials (${e.name}: ${e.message}). ` +
        `Grant the permission ce:${opts.operation}: the README ("AWS Cost Explorer") has the least-privilege IAM policy.`,
      { cause: err },
    );
  }
  if (e.name === "CredentialsProviderError") {
    return new AppError(
      "failed",
      `No AWS credentials for Cost Explorer: ${e.message}. Set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run where an instance role is available.`,
      { cause: err },
    );
  }
  // A 2xx answer the SDK could not read: cut off mid-way, or not the JSON it should be.
  if (status !== undefined && status >= 200 && status < 300) {
    return new AppError(
      "failed",
      `Cost Explorer's answer to ${opts.where} was cut off or malformed (${e.message.split("\n")[0]}${requestId}). ` +
        `Nothing was replaced; run the sync again.`,
      { cause: err },
    );
  }
  if (status === undefined && e.code && /^E[A-Z]+$/.test(e.code)) {
    return new AppError(
      "unavailable",
      `Cannot reach Cost Explorer for ${opts.where} (${e.code}: ${e.message}). Check the network, and AWS_ENDPOINT_URL_COST_EXPLORER if it is set.`,
      { cause: err },
    );
  }
  return new AppError(
    "failed",
    `Cost Explorer refused ${opts.where}: ${e.name}: ${e.message}${status ? ` (HTTP ${status}${requestId})` : ""}.`,
    { cause: err },
  );
}
