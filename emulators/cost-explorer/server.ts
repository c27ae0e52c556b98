// A local AWS Cost Explorer: speaks AWS JSON 1.1 so the real @aws-sdk/client-cost-explorer talks to it
// unchanged, serving the demo company's spend. Usage: see README.md (startCostExplorerEmulator).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { generateSpend } from "@/emulators/demo/spend";
import { parseDay, toDayNumber } from "@/emulators/demo/spend-days";
import type { SpendTable } from "@/emulators/demo/spend-table";
import { planCostAndUsage, type CostAndUsagePlan } from "./aggregate";
import { toDefaultHistoryStart } from "./calendar";
import { isCommitmentOperation } from "./commitment-operations";
import { answerCommitments } from "./commitments";
import { handleControlRequest } from "./control";
import { listDefaultCostAllocationTags, type Dataset } from "./dataset";
import { createFaults, type FaultControl, type StatsControl } from "./faults";
import { getDimensionValues, getTags, listCostAllocationTags } from "./lookups";
import { hasGroups, toCostAndUsagePage, withoutGroups } from "./page";
import { decodeToken, fingerprintOf } from "./paging";
import {
  checkSignature,
  isOperation,
  sendError,
  sendJson,
  ServiceError,
  TARGET_PREFIX,
  type Operation,
} from "./protocol";
import { parseBody, parseCostAndUsageRequest } from "./validate";

export type CostExplorerEmulatorOptions = {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** The emulator's clock: what is "today", Estimated, and the history window. */
  now: Date;
  /** 1 = normal demo company, 10 = large (10× projects, 3 years generated). */
  size?: number;
  seed?: number;
  /** Benchmarks only: accept (and generate) history from this day instead of 13 months back. */
  historyStart?: string;
  /** Groups per GetCostAndUsage page and items per GetTags/GetDimensionValues page (default 1000). */
  pageSize?: number;
  /** Reuse an already generated table (tests that start several emulators). */
  spend?: SpendTable;
};

export type CostExplorerEmulator = {
  url: string;
  port: number;
  close(): Promise<void>;
  faults: FaultControl;
  stats: StatsControl;
  /** Moves the clock (within the generated data: up to the end of the month after the start `now`). */
  setNow(now: Date): void;
  /** Activates or deactivates a cost allocation tag key (an inactive key reads as absent everywhere). */
  setCostAllocationTagStatus(tagKey: string, status: "Active" | "Inactive"): void;
  readonly spend: SpendTable;
};

const MAX_BODY_BYTES = 1_000_000;

export async function startCostExplorerEmulator(options: CostExplorerEmulatorOptions): Promise<CostExplorerEmulator> {
  const historyOverride = options.historyStart === undefined ? undefined : parseDay(options.historyStart);
  if (options.historyStart !== undefined && historyOverride === undefined) {
    throw new Error(`historyStart must be a day as YYYY-MM-DD (got "${options.historyStart}").`);
  }
  const pageSize = options.pageSize ?? 1000;
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new Error(`pageSize must be a whole number ≥ 1 (got ${pageSize}).`);
  const table =
    options.spend ??
    generateSpend({ now: options.now, size: options.size, seed: options.seed, from: options.historyStart });
  const dataset: Dataset = {
    table,
    nowDay: 0,
    historyStart: 0,
    pageSize,
    costAllocationTags: listDefaultCostAllocationTags(),
  };
  // Plans are small (per-period group counts), so paging a long range does not redo the counting pass.
  const plans = new Map<string, CostAndUsagePlan>();
  const setNow = (now: Date) => {
    const nowDay = toDayNumber(now);
    if (!(nowDay > table.firstDay && nowDay < table.firstDay + table.dayCount)) {
      throw new Error(
        `now ${now.toISOString()} is outside the generated spend; start the emulator with this now instead.`,
      );
    }
    dataset.nowDay = nowDay;
    dataset.historyStart = historyOverride ?? Math.max(toDefaultHistoryStart(nowDay), table.firstDay);
    plans.clear();
  };
  setNow(options.now);
  const faults = createFaults();

  const answerCostAndUsage = (body: Record<string, unknown>) => {
    const request = parseCostAndUsageRequest(body, dataset);
    const fingerprint = fingerprintOf(body, "NextPageToken");
    const offset = decodeToken(body.NextPageToken, fingerprint);
    let plan = plans.get(fingerprint);
    if (!plan) {
      plan = planCostAndUsage(dataset, request);
      if (plans.size >= 16) plans.delete(plans.keys().next().value ?? "");
      plans.set(fingerprint, plan);
    }
    const page = toCostAndUsagePage(dataset, plan, offset, fingerprint);
    return hasGroups(page) && faults.take("dropPage", "GetCostAndUsage") ? withoutGroups(page) : page;
  };
  const answer = (operation: Operation, body: Record<string, unknown>): unknown => {
    if (operation === "GetCostAndUsage") return answerCostAndUsage(body);
    if (operation === "GetDimensionValues") return getDimensionValues(dataset, body);
    if (operation === "GetTags") return getTags(dataset, body);
    if (isCommitmentOperation(operation)) return answerCommitments(dataset, operation, body);
    return listCostAllocationTags(dataset, body);
  };

  const handleAws = async (req: IncomingMessage, res: ServerResponse, text: string) => {
    const target = String(req.headers["x-amz-target"] ?? "");
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
    faults.countRequest(operation || "(none)");
    try {
      checkSignature(req.headers);
      if (!isOperation(operation))
        throw new ServiceError("UnknownOperationException", `Unknown operation ${target || "(no X-Amz-Target)"}.`);
      if (!String(req.headers["content-type"] ?? "").startsWith("application/x-amz-json-1.1")) {
        throw new ServiceError("SerializationException", "Content-Type must be application/x-amz-json-1.1.");
      }
      if (faults.isAccessDenied(operation)) {
        throw new ServiceError(
          "AccessDeniedException",
          `User: arn:aws:iam::111111111111:user/costwise is not authorized to perform: ce:${operation} on resource: arn:aws:ce:us-east-1:111111111111:/${operation} because no identity-based policy allows the ce:${operation} action`,
        );
      }
      if (faults.take("throttle", operation)) throw new ServiceError("LimitExceededException", "Rate limit exceeded");
      const failing = faults.take("serverError", operation);
      if (failing)
        throw new ServiceError(
          "InternalFailure",
          "We encountered an internal error. Please try again.",
          failing.status,
        );
      const slow = faults.take("slow", operation);
      if (slow) await new Promise((resolve) => setTimeout(resolve, slow.delayMs));
      // A client that gave up while it waited gets no answer, so its request takes no other fault's turn.
      if (slow && req.socket.destroyed) return;
      const body = JSON.stringify(answer(operation, parseBody(text)));
      sendJson(res, body, { cutOff: faults.take("cutOff", operation) !== undefined });
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      faults.countError(error.type);
      sendError(res, error);
    }
  };

  const server = createServer((req, res) => {
    readBody(req)
      .then((text) => {
        const path = (req.url ?? "/").split("?")[0] ?? "/";
        if (path.startsWith("/__emulator/")) {
          return handleControlRequest(req, res, path, text, {
            faults: faults.control,
            stats: faults.stats,
            setNow,
            setCostAllocationTagStatus,
          });
        }
        if (req.method !== "POST" || path !== "/") {
          return sendError(
            res,
            new ServiceError(
              "UnknownOperationException",
              `Cost Explorer answers POST / only (got ${req.method} ${path}).`,
              404,
            ),
          );
        }
        return handleAws(req, res, text);
      })
      .catch((error: unknown) => {
        if (res.headersSent) return res.destroy();
        sendError(
          res,
          new ServiceError(
            "InternalServerError",
            `Emulator error: ${error instanceof Error ? error.message : String(error)}`,
            500,
          ),
        );
      });
  });

  function setCostAllocationTagStatus(tagKey: string, status: "Active" | "Inactive") {
    const tag = dataset.costAllocationTags.find((t) => t.TagKey === tagKey);
    if (!tag)
      throw new Error(
        `Unknown cost allocation tag "${tagKey}"; known: ${dataset.costAllocationTags.map((t) => t.TagKey).join(", ")}.`,
      );
    tag.Status = status;
    plans.clear();
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    faults: faults.control,
    stats: faults.stats,
    setNow,
    setCostAllocationTagStatus,
    spend: table,
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return reject(new Error(`request body over ${MAX_BODY_BYTES} bytes`));
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
