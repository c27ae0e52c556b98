// Local Datadog metrics query API for the real @datadog/datadog-api-client: authentication, rate
// limiting, switchable faults and request stats around the query endpoints (see README.md).
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync, inflateSync } from "node:zlib";
import { z } from "zod";
import type { DemoClusters } from "@/emulators/demo/clusters";
import { generateDemoClusters } from "@/emulators/demo/clusters";
import { answerV1Query, answerV2Timeseries, BadRequestError } from "./api-handlers";
import type { ApiAnswer } from "./api-handlers";
import { createDemoStore } from "./demo-series";
import type { EndpointName, FaultController } from "./faults";
import { createFaults, faultRulesSchema } from "./faults";
import type { RateLimitConfig } from "./rate-limit";
import { createRateLimiter, DEFAULT_RATE_LIMIT } from "./rate-limit";
import { toErrorBody } from "./responses";
import type { StaticDataset } from "./series-store";
import { createStaticStore } from "./series-store";

export type DatadogEmulatorOptions = {
  /** 0 (default) = any free port. */
  port?: number;
  host?: string;
  /** The demo company's clock: samples end at `now`. */
  now: Date;
  /** Demo company size: 1 ≈ 150 workloads, 10 ≈ 1,500 workloads / 3,000 containers. */
  size?: number;
  historyDays?: number;
  /** Serve this hand-made dataset instead of the demo company (tests). */
  dataset?: StaticDataset;
  /** Accepted `DD-API-KEY` / `DD-APPLICATION-KEY` header values. */
  apiKey?: string;
  appKey?: string;
  /** Budget per endpoint (default 1600 requests per 3600 s). */
  rateLimit?: RateLimitConfig;
  /** Wall clock (ms) for rate-limit windows; tests step it instead of sleeping. Default Date.now. */
  wallClock?: () => number;
};

export type RequestRecord = {
  endpoint: EndpointName | "v1-validate";
  status: number;
  queries: string[];
  fault: string | null;
  durationMs: number;
  error?: string;
};
export type EmulatorStats = {
  total: number;
  byEndpoint: Record<string, number>;
  byStatus: Record<string, number>;
  /** Last 1,000 API requests, oldest first. */
  requests: RequestRecord[];
};

export type DatadogEmulator = {
  url: string;
  port: number;
  faults: FaultController;
  /** Live counters (the same object is updated as requests arrive). */
  stats: EmulatorStats;
  resetStats(): void;
  /** The generated demo company, or null when a dataset was injected. */
  demo: DemoClusters | null;
  close(): Promise<void>;
};

export const DEFAULT_API_KEY = "costwise-demo-api-key";
export const DEFAULT_APP_KEY = "costwise-demo-app-key";

const ROUTES: Record<string, EndpointName | "v1-validate"> = {
  "GET /api/v1/query": "v1-query",
  "POST /api/v2/query/timeseries": "v2-timeseries",
  "GET /api/v1/validate": "v1-validate",
};
const RATE_LIMIT_NAMES: Record<EndpointName | "v1-validate", string> = {
  "v1-query": "metrics_query",
  "v2-timeseries": "timeseries_query",
  "v1-validate": "validate",
};
const JSON_HEADERS = { "Content-Type": "application/json" };

export async function startDatadogEmulator(options: DatadogEmulatorOptions): Promise<DatadogEmulator> {
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const appKey = options.appKey ?? DEFAULT_APP_KEY;
  const demo = options.dataset
    ? null
    : generateDemoClusters({ now: options.now, size: options.size, historyDays: options.historyDays });
  const store = options.dataset ? createStaticStore(options.dataset) : createDemoStore(demo!);
  const faults = createFaults();
  const limiter = createRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT, options.wallClock ?? Date.now);
  const stats: EmulatorStats = { total: 0, byEndpoint: {}, byStatus: {}, requests: [] };
  const resetStats = () => Object.assign(stats, { total: 0, byEndpoint: {}, byStatus: {}, requests: [] });

  const handleApi = async (
    endpoint: EndpointName | "v1-validate",
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ) => {
    const started = performance.now();
    const limitName = RATE_LIMIT_NAMES[endpoint];
    const record = (status: number, queries: string[], fault: string | null, error?: string) => {
      stats.total++;
      stats.byEndpoint[endpoint] = (stats.byEndpoint[endpoint] ?? 0) + 1;
      stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
      stats.requests.push({
        endpoint,
        status,
        queries,
        fault,
        durationMs: Math.round(performance.now() - started),
        ...(error ? { error } : {}),
      });
      if (stats.requests.length > 1000) stats.requests.shift();
    };
    const isAppKeyNeeded = endpoint !== "v1-validate";
    if (req.headers["dd-api-key"] !== apiKey || (isAppKeyNeeded && req.headers["dd-application-key"] !== appKey)) {
      record(403, [], null);
      return send(res, 403, limiter.peek(limitName), [toErrorBody("Forbidden")]);
    }
    const fault = endpoint === "v1-validate" ? null : faults.take(endpoint);
    let isMarked = false;
    const markApplied = () => {
      if (isMarked || !fault) return;
      isMarked = true;
      faults.markApplied();
    };
    res.once("close", markApplied);
    if (fault?.kind === "rate-limit") {
      record(429, [], fault.kind);
      return send(res, 429, limiter.exhausted(limitName, fault.resetSeconds), [toErrorBody("Too many requests")]);
    }
    const decision = limiter.take(limitName);
    if (!decision.isAllowed) {
      record(429, [], null);
      return send(res, 429, decision.headers, [toErrorBody("Too many requests")]);
    }
    if (fault?.kind === "error") {
      record(fault.status, [], fault.kind);
      return send(res, fault.status, decision.headers, [
        toErrorBody(fault.status === 503 ? "Service Unavailable" : "Internal Server Error"),
      ]);
    }

    let answer: ApiAnswer;
    try {
      answer =
        endpoint === "v1-validate"
          ? { status: 200, chunks: ['{"valid":true}'], queries: [] }
          : endpoint === "v1-query"
            ? answerV1Query(store, url.searchParams)
            : answerV2Timeseries(store, await readJsonBody(req));
    } catch (error) {
      if (!(error instanceof BadRequestError)) throw error;
      record(400, [], fault?.kind ?? null, error.message);
      return send(res, 400, decision.headers, [toErrorBody(error.message)]);
    }
    if (fault?.kind === "slow") await faults.hold(fault.delayMs);
    record(answer.status, answer.queries, fault?.kind ?? null);
    if (fault?.kind === "malformed-json")
      return send(res, 200, decision.headers, [
        '{"status":"ok","res_type":"time_series","series":[{"metric":<html>Bad gateway</html>',
      ]);
    if (fault?.kind === "truncated-body") {
      sendTruncated(res, decision.headers, [...answer.chunks], fault.framing);
      if (fault.framing === "content-length") markApplied(); // the connection stays open
      return;
    }
    return stream(res, answer.status, decision.headers, answer.chunks);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://emulator");
    const route = `${req.method} ${url.pathname}`;
    const endpoint = ROUTES[route];
    const handled = endpoint
      ? handleApi(endpoint, req, res, url)
      : handleControl(route, req, res, {
          faults,
          stats,
          resetStats,
          limiterReset: () => limiter.reset(),
          setRequests: (input) => setDemoRequests(demo, input),
        });
    handled.catch((error: unknown) => {
      if (!res.headersSent)
        send(res, 500, {}, [toErrorBody(`Emulator error: ${error instanceof Error ? error.message : String(error)}`)]);
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? "127.0.0.1";
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    faults,
    stats,
    resetStats,
    demo,
    close: () =>
      new Promise<void>((resolve) => {
        faults.releaseHeld();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const requestsSchema = z.object({
  cluster: z.string().min(1),
  namespace: z.string().min(1),
  workload: z.string().min(1),
  container: z.string().min(1),
  cpuCores: z.number().nonnegative().nullable(),
  memoryBytes: z.number().nonnegative().nullable(),
});

/**
 * A team changes a container's requests (kubectl apply): from now on, over the whole history, the demo reports the
 * new values — what the next sync reads as "the current requests". Only the demo company can be changed.
 */
function setDemoRequests(demo: DemoClusters | null, input: z.infer<typeof requestsSchema>): string | null {
  if (!demo) return "requests can be changed on the demo company only";
  const workload = demo.workloads.find(
    (w) => w.cluster === input.cluster && w.namespace === input.namespace && w.name === input.workload,
  );
  const container = workload?.containers.find((c) => c.name === input.container);
  if (!container) return `no container ${input.cluster}/${input.namespace}/${input.workload}/${input.container}`;
  container.requests = { cpuCores: input.cpuCores, memoryBytes: input.memoryBytes };
  container.requestsBeforeRightsizing = null;
  return null;
}

type ControlContext = {
  setRequests(input: z.infer<typeof requestsSchema>): string | null;
  faults: ReturnType<typeof createFaults>;
  stats: EmulatorStats;
  resetStats(): void;
  limiterReset(): void;
};

/** Test controls over HTTP, for emulators running in another process (no auth, no rate limit). */
async function handleControl(
  route: string,
  req: IncomingMessage,
  res: ServerResponse,
  ctx: ControlContext,
): Promise<void> {
  switch (route) {
    case "GET /__emulator/stats":
      return send(res, 200, {}, [JSON.stringify(ctx.stats)]);
    case "POST /__emulator/stats/reset":
      ctx.resetStats();
      ctx.limiterReset();
      return send(res, 200, {}, ['{"ok":true}']);
    case "GET /__emulator/faults":
      return send(res, 200, {}, [JSON.stringify({ faults: ctx.faults.list(), held: ctx.faults.heldCount() })]);
    case "DELETE /__emulator/faults":
      ctx.faults.clear();
      return send(res, 200, {}, ['{"ok":true}']);
    case "POST /__emulator/faults/release":
      return send(res, 200, {}, [JSON.stringify({ released: ctx.faults.releaseHeld() })]);
    case "POST /__emulator/faults": {
      const parsed = faultRulesSchema.safeParse(await readJsonBody(req).catch(() => undefined));
      if (!parsed.success) return send(res, 400, {}, [toErrorBody(`Invalid fault rule(s): ${parsed.error.message}`)]);
      ctx.faults.set(parsed.data);
      return send(res, 200, {}, [JSON.stringify({ faults: ctx.faults.list() })]);
    }
    case "POST /__emulator/requests": {
      const parsed = requestsSchema.safeParse(await readJsonBody(req).catch(() => undefined));
      if (!parsed.success) return send(res, 400, {}, [toErrorBody(`Invalid requests: ${parsed.error.message}`)]);
      const problem = ctx.setRequests(parsed.data);
      return problem ? send(res, 404, {}, [toErrorBody(problem)]) : send(res, 200, {}, ['{"ok":true}']);
    }
    default:
      return send(res, 404, {}, [
        toErrorBody(`Not found: ${route} (the emulator answers GET /api/v1/query and POST /api/v2/query/timeseries)`),
      ]);
  }
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  let raw = Buffer.concat(parts);
  const encoding = req.headers["content-encoding"];
  if (encoding === "gzip") raw = gunzipSync(raw);
  else if (encoding === "deflate") raw = inflateSync(raw);
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    throw new BadRequestError("Request body is not valid JSON.");
  }
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, chunks: string[]): void {
  const length = chunks.reduce((sum, c) => sum + Buffer.byteLength(c), 0);
  res.writeHead(status, { ...JSON_HEADERS, ...headers, "Content-Length": String(length) });
  for (const chunk of chunks) res.write(chunk);
  res.end();
}

/** Writes a large answer chunk by chunk (chunked encoding), waiting when the socket is full. */
async function stream(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  chunks: Iterable<string>,
): Promise<void> {
  res.writeHead(status, { ...JSON_HEADERS, ...headers });
  let pending = "";
  for (const chunk of chunks) {
    pending += chunk;
    if (pending.length < 64 * 1024) continue;
    const isFlushed = res.write(pending);
    pending = "";
    if (!isFlushed) await waitForDrain(res);
    if (res.destroyed) return;
  }
  res.end(pending);
}

function waitForDrain(res: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      res.off("drain", done).off("close", done);
      resolve();
    };
    res.on("drain", done).on("close", done);
  });
}

function sendTruncated(
  res: ServerResponse,
  headers: Record<string, string>,
  chunks: string[],
  framing: "chunked" | "content-length",
): void {
  const body = Buffer.from(chunks.join(""));
  const length = framing === "content-length" ? { "Content-Length": String(body.length) } : {};
  res.writeHead(200, { ...JSON_HEADERS, ...headers, ...length });
  const half = body.subarray(0, Math.floor(body.length / 2));
  if (framing === "chunked") res.write(half, () => res.destroy());
  else res.write(half); // left open: a client without a timeout waits for the rest forever
}
