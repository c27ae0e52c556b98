// Control endpoints under /__emulator/, for tests in another process (e2e): faults, counters, clock,
// cost allocation tag status. Plain JSON; no signature needed. Not part of AWS's API.
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { FaultControl, StatsControl } from "./faults";

type Controls = {
  faults: FaultControl;
  stats: StatsControl;
  setNow(now: Date): void;
  setCostAllocationTagStatus(tagKey: string, status: "Active" | "Inactive"): void;
};

const clockSchema = z.strictObject({ now: z.iso.datetime().or(z.iso.date()) });
const tagStatusSchema = z.strictObject({ TagKey: z.string().min(1), Status: z.enum(["Active", "Inactive"]) });

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/**
 * GET  /__emulator/stats                → { total, byOperation, errors, faults }
 * POST /__emulator/stats/reset          → counters back to zero
 * GET  /__emulator/faults               → faults still armed
 * POST /__emulator/faults               → body FaultSettings, replaces all ({} clears)
 * POST /__emulator/clock                → body { now: "2026-11-27" | ISO datetime }
 * POST /__emulator/cost-allocation-tags → body { TagKey, Status: "Active" | "Inactive" }
 */
export function handleControlRequest(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  text: string,
  controls: Controls,
): void {
  const route = `${req.method} ${path}`;
  try {
    const body = req.method === "POST" && text.trim() !== "" ? (JSON.parse(text) as unknown) : {};
    switch (route) {
      case "GET /__emulator/stats":
        return send(res, 200, controls.stats.get());
      case "POST /__emulator/stats/reset":
        controls.stats.reset();
        return send(res, 200, controls.stats.get());
      case "GET /__emulator/faults":
        return send(res, 200, controls.faults.get());
      case "POST /__emulator/faults":
        controls.faults.set(body as never);
        return send(res, 200, controls.faults.get());
      case "POST /__emulator/clock": {
        const { now } = clockSchema.parse(body);
        controls.setNow(new Date(now.length === 10 ? `${now}T00:00:00Z` : now));
        return send(res, 200, { now });
      }
      case "POST /__emulator/cost-allocation-tags": {
        const { TagKey, Status } = tagStatusSchema.parse(body);
        controls.setCostAllocationTagStatus(TagKey, Status);
        return send(res, 200, { TagKey, Status });
      }
      default:
        return send(res, 404, { error: `No control endpoint ${route}; see emulators/cost-explorer/README.md.` });
    }
  } catch (error) {
    const message =
      error instanceof z.ZodError ? z.prettifyError(error) : error instanceof Error ? error.message : String(error);
    send(res, 400, { error: `${route}: ${message}` });
  }
}
