// The one place that talks to Datadog: the real @datadog/datadog-api-client pointed at the configured
// API base URL (DD_HOST or https://api.<DD_SITE>), with our HTTP layer for counting and politeness.
//
// Why v2 `POST /api/v2/query/timeseries` (queryTimeseriesData) and not v1 `GET /api/v1/query`:
// - size: v2 sends the bucket times once per answer and one array of values per series; v1 repeats
//   `[ms, value]` in every series' pointlist, about twice the bytes for the thousands of per-container
//   series the sync asks for;
// - the points cap is the same (~1,500 per series); v2 takes the interval in the request, and the
//   sync chooses it so the cap is never hit (query-plan.ts);
// - units: both answer Datadog's unit object per series (v2's may be null, see testing/fixtures/datadog); the
//   query is a POST body, so long `by {…}` clauses never meet URL length limits.
//
// Why the client's configuration, auth and HTTP layer but not `MetricsApi.queryTimeseriesData`: that method reads the
// whole answer into one string, JSON.parses it and deserialises it into model objects — three copies of an answer
// that reaches ~73 MB for 3,000 containers at 900 s, ~760 MB of peak memory in a sync. And merely loading the
// package costs memory for as long as the process lives: its index loads every v1 and v2 API and model (~150 MB of
// resident memory, ~85 MB of it heap that stays), and MetricsApi alone loads the serializer of all v2 models
// (~100 MB). So the request is built here the way MetricsApi's request factory builds it (the client's server
// configuration, its auth methods, `RequestContext`), sent by our HTTP layer (counted, paced, retried), and an
// error answer becomes the client's `ApiException` as its response processor makes it; a successful answer's body
// is parsed as it streams in (reshape.ts, readTimeseries). Only the client's shared code is loaded (~10 MB).
import * as client from "@datadog/datadog-api-client/dist/packages/datadog-api-client-common";
import { applySecurityAuthentication } from "@datadog/datadog-api-client/dist/packages/datadog-api-client-common/configuration";
import { logger } from "@datadog/datadog-api-client/dist/logger";
import type { Politeness } from "./polite-http";
import {
  AnswerTooLargeError,
  MAX_RATE_LIMIT_WAIT_MS,
  PoliteHttpLibrary,
  RateLimitWaitTooLongError,
  sleepUnlessAborted,
  StreamedBody,
} from "./polite-http";
import type { PlannedQuery, QueryWindow } from "./query-plan";
import { DatadogAnswerError, readTimeseries } from "./reshape";
import type { ReadTimings, RowBuffer, Timeseries } from "./reshape";

// Every failure reaches the sync's error (and the run record) with what to do; the client's own log
// would print each one again to stderr with a stack trace.
(logger as { setLevel(level: string): void }).setLevel("silent");

export type DatadogClientOptions = {
  baseUrl: string;
  apiKey: string;
  appKey: string;
  onAttempt(): void;
  signal?: AbortSignal;
  log?: (line: string) => void;
  /** Injected in tests so nothing waits for real. */
  sleep?: Politeness["sleep"];
  clock?: () => number;
  maxAttempts?: number;
  /** Requests kept in reserve in each rate-limit period (default 2). */
  reserve?: number;
  timeoutMs?: number;
  /** Longest wait for a rate-limit reset (default 120 s); a longer one fails the run with the reason. */
  maxRateLimitWaitMs?: number;
  /** Largest answer read (default 256 MB), counted as it streams in. */
  maxAnswerBytes?: number;
};

export type DatadogClient = {
  /**
   * One query's answer, parsed as it streams in, checked and converted to our units; its rows in `buffer` if given
   * (then valid until the next answer read into it).
   */
  queryTimeseries(query: PlannedQuery, window: QueryWindow, buffer?: RowBuffer): Promise<Timeseries>;
  /** Time spent parsing answers so far (it overlaps the transfer). */
  timings: ReadTimings;
};

export function createDatadogClient(opts: DatadogClientOptions): DatadogClient {
  const maxAttempts = opts.maxAttempts ?? 5;
  const timeoutMs = opts.timeoutMs ?? 300_000;
  const httpApi = new PoliteHttpLibrary({
    onAttempt: opts.onAttempt,
    sleep: opts.sleep ?? sleepUnlessAborted,
    clock: opts.clock ?? Date.now,
    maxAttempts,
    reserve: opts.reserve ?? 2,
    timeoutMs,
    maxRateLimitWaitMs: opts.maxRateLimitWaitMs ?? MAX_RATE_LIMIT_WAIT_MS,
    // Answers are parsed as they stream in; the largest demo answer (1,500 workloads, 900 s) is ~73 MB.
    maxAnswerBytes: opts.maxAnswerBytes ?? 256 * 1024 * 1024,
    signal: opts.signal,
    log: opts.log ?? (() => {}),
  });
  const configuration = client.createConfiguration({
    baseServer: new client.BaseServerConfiguration(opts.baseUrl, {}),
    authMethods: { apiKeyAuth: opts.apiKey, appKeyAuth: opts.appKey },
    httpApi,
    enableRetry: false, // PoliteHttpLibrary retries, so every attempt is counted
  });
  const timings: ReadTimings = { parseMs: 0 };

  const queryTimeseries = async (query: PlannedQuery, window: QueryWindow, buffer?: RowBuffer): Promise<Timeseries> => {
    try {
      const response = await httpApi.send(toTimeseriesRequest(configuration, query, window));
      const ok = response.httpStatusCode >= 200 && response.httpStatusCode < 300;
      if (!ok) throw await toApiException(response);
      if (!(response.body instanceof StreamedBody))
        throw new Error(`unexpected answer (HTTP ${response.httpStatusCode})`);
      return await readTimeseries(response.body.chunks(), query, window, timings, buffer);
    } catch (err) {
      throw toDatadogError(err, query, { baseUrl: opts.baseUrl, maxAttempts, timeoutMs, signal: opts.signal });
    }
  };
  return { queryTimeseries, timings };
}

/**
 * `POST /api/v2/query/timeseries` for one query, as MetricsApi's request factory builds it (snake_case body);
 * client.test.ts holds the two equal, so a client upgrade that changes the request is seen.
 */
export function toTimeseriesRequest(
  configuration: client.Configuration,
  query: PlannedQuery,
  window: QueryWindow,
): client.RequestContext {
  const request = configuration
    .getServer("v2.MetricsApi.queryTimeseriesData")
    .makeRequestContext("/api/v2/query/timeseries", client.HttpMethod.POST);
  request.setHeaderParam("Accept", "application/json");
  request.setHttpConfig(configuration.httpConfig);
  request.setHeaderParam("Content-Type", "application/json");
  request.setBody(
    JSON.stringify({
      data: {
        type: "timeseries_request",
        attributes: {
          from: (window.fromSec - query.lookbackSeconds) * 1000,
          to: window.toSec * 1000,
          interval: query.intervalSeconds * 1000,
          queries: [{ data_source: "metrics", query: query.query, name: "a" }],
          formulas: [{ formula: "a" }],
        },
      },
    }),
  );
  applySecurityAuthentication(configuration, request, ["apiKeyAuth", "appKeyAuth", "AuthZ"]);
  return request;
}

/**
 * An error answer as the client's response processor turns it into an ApiException: the documented statuses
 * with their parsed body (`{ errors: [...] }`, or the text when it is not JSON), any other with its text.
 */
async function toApiException(response: client.ResponseContext): Promise<client.ApiException<unknown>> {
  const code = response.httpStatusCode;
  const text = (await response.body.text()) || "";
  if ([400, 401, 403, 429].includes(code)) {
    try {
      return new client.ApiException(code, JSON.parse(text));
    } catch {
      return new client.ApiException(code, text);
    }
  }
  return new client.ApiException(code, `Unknown API Status Code!\nBody: "${text}"`);
}

type ErrorContext = { baseUrl: string; maxAttempts: number; timeoutMs: number; signal?: AbortSignal };

/** A message a person can act on: what failed, for which query, what to do. */
export function toDatadogError(err: unknown, query: PlannedQuery, ctx: ErrorContext): Error {
  const what = `Datadog query for ${query.metric}`;
  if (err instanceof client.ApiException) {
    const detail = toErrorDetail(err.body);
    switch (err.code) {
      case 401:
      case 403:
        return new Error(
          `${what} was refused (${err.code}${detail}) by ${ctx.baseUrl}: check DD_API_KEY and DD_APP_KEY (an application key ` +
            `of this organisation, with the timeseries_query scope if it is scoped) and DD_SITE/DD_HOST (keys belong to one site).`,
        );
      case 400:
        return new Error(
          `${what} was rejected as invalid (400${detail}): ${query.query}. Check the metric names and the team tag key in Settings.`,
        );
      case 429:
        return new Error(
          `${what}: Datadog kept answering 429 (rate limited) after ${ctx.maxAttempts} attempts. Run the sync again later.`,
        );
      default:
        return new Error(
          `${what} failed with HTTP ${err.code}${detail} after ${ctx.maxAttempts} attempts. Check https://status.datadoghq.com and run the sync again.`,
        );
    }
  }
  if (err instanceof DatadogAnswerError) return err;
  if (err instanceof RateLimitWaitTooLongError) return new Error(`${what}: ${err.message}`, { cause: err });
  if (err instanceof AnswerTooLargeError) {
    return new Error(`${what}: ${err.message}. Shorten the window in Settings, or sync fewer clusters.`, {
      cause: err,
    });
  }
  const e = err as Error & { code?: string; type?: string };
  if (ctx.signal?.aborted) return new Error("Sync cancelled while waiting for Datadog", { cause: err });
  if (e?.name === "AbortError" || e?.type === "aborted") {
    return new Error(
      `${what}: no complete answer within ${ctx.timeoutMs / 1000} s from ${ctx.baseUrl}. Run the sync again; if it persists, shorten the window in Settings.`,
      { cause: err },
    );
  }
  if (
    e?.name === "SyntaxError" ||
    e?.type === "invalid-json" ||
    /premature close|aborted|ECONNRESET/i.test(`${e?.message} ${e?.code}`)
  ) {
    return new Error(
      `${what}: the answer was cut off or is not valid JSON (${e.message}). Run the sync again; if it persists, check the network between Costwise and ${ctx.baseUrl}.`,
      { cause: err },
    );
  }
  if (e?.type === "system" || e?.code) {
    return new Error(
      `${what}: could not reach ${ctx.baseUrl} (${e.code ?? e.message}). Check DD_SITE / DD_HOST and the network.`,
      { cause: err },
    );
  }
  return new Error(`${what} failed: ${e?.message ?? String(err)}`, { cause: err });
}

function toErrorDetail(body: unknown): string {
  // Statuses the client has no model for arrive as the text 'Unknown API Status Code!\nBody: "…"'.
  if (typeof body === "string") {
    try {
      body = JSON.parse(/\{"errors".*\}/s.exec(body)?.[0] ?? "null");
    } catch {
      return "";
    }
  }
  const errors = (body as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors) && errors.length > 0 ? `: ${errors.map(String).join("; ")}` : "";
}
