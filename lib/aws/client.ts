// The real AWS SDK client for Cost Explorer, and the one way the sync calls it: every HTTP attempt counted
// (AWS bills each, $0.01), throttling retried here with backoff, and errors a person can act on.
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
 * attempt is counted as the paid request it is.
 */
export function createCostExplorerClient(
  aws: Config["aws"],
  opts: { credentials?: CostExplorerClientConfig["credentials"] } = {},
): CostExplorerClient {
  return new CostExplorerClient({
    region: aws.region,
    maxAttempts: 1,
    ...(aws.endpoint ? { endpoint: aws.endpoint } : {}),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
  });
}

export type RetryPolicy = {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Injected so tests never wait. Rejects when the signal aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** 0 ≤ x < 1, for jitter. */
  random(): number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
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

export type SendOptions = {
  operation: CostExplorerOperation;
  /** Names the request in messages: "GetCostAndUsage (department × service, page 2)". */
  where: string;
  countRequest(): void;
  signal: AbortSignal;
  policy?: RetryPolicy;
};

/** Runs `attempt` until it answers, retrying throttling only; every attempt is counted before it is made. */
export async function sendWithRetries<T>(
  attempt: (abortSignal: AbortSignal) => Promise<T>,
  opts: SendOptions,
): Promise<T> {
  const policy = opts.policy ?? DEFAULT_RETRY_POLICY;
  let waitedMs = 0;
  for (let n = 1; ; n++) {
    if (opts.signal.aborted) throw opts.signal.reason as Error;
    opts.countRequest();
    try {
      return await attempt(opts.signal);
    } catch (err) {
      if (opts.signal.aborted) throw opts.signal.reason as Error;
      if (!isThrottling(err)) throw toCostExplorerError(err, opts);
      if (n >= policy.maxAttempts) {
        throw new AppError(
          "unavailable",
          `Cost Explorer kept throttling ${opts.where} (${(err as Error).name}) after ${n} attempts over ${Math.round(waitedMs / 1000)} s, ` +
            `each one a paid request. Nothing was replaced; wait a few minutes and run the sync again.`,
          { cause: err },
        );
      }
      const delay = toBackoffMs(n, policy);
      waitedMs += delay;
      await policy.sleep(delay, opts.signal);
    }
  }
}

/** An SDK error, said so a person knows what to do. Nothing is ever replaced when one of these ends a run. */
export function toCostExplorerError(err: unknown, opts: Pick<SendOptions, "operation" | "where">): AppError {
  if (err instanceof AppError) return err;
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
