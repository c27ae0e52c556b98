// Faults tests switch on without sleeping, in-process (emu.faults.set) or over HTTP
// (POST /__emulator/faults), and request counters (every HTTP attempt counts, as AWS bills them).
import { z } from "zod";
import { OPERATIONS, type Operation } from "./protocol";

const operations = z.array(z.enum(OPERATIONS)).min(1);
/** Fires on the next `times` matching requests, after letting `skip` matching requests through. */
const trigger = z.strictObject({
  times: z.number().int().min(1).default(1),
  skip: z.number().int().min(0).default(0),
  operations: operations.optional(),
});

export const faultSettingsSchema = z.strictObject({
  /** Answer LimitExceededException ("Rate limit exceeded", HTTP 400). */
  throttle: trigger.optional(),
  /** GetCostAndUsage pages that carry groups: answer the page (with its NextPageToken) but without its groups. */
  dropPage: trigger.optional(),
  /** Send the first half of the answer, then drop the connection. */
  cutOff: trigger.optional(),
  /** Answer HTTP `status` (default 500) with AWS's InternalFailure, as a failing AWS front end does. */
  serverError: trigger.extend({ status: z.number().int().min(500).max(599).default(500) }).optional(),
  /** Wait `delayMs` before answering. */
  slow: trigger.extend({ delayMs: z.number().int().min(0) }).optional(),
  /** Answer AccessDeniedException for these operations until cleared. */
  accessDenied: z.strictObject({ operations }).optional(),
});
export type FaultSettings = z.input<typeof faultSettingsSchema>;
type ParsedSettings = z.output<typeof faultSettingsSchema>;
export type FaultName = "throttle" | "dropPage" | "cutOff" | "slow" | "serverError";

export type FaultControl = {
  /** Replaces every fault with these (an empty object clears them). */
  set(settings: FaultSettings): void;
  clear(): void;
  /** What is still armed. */
  get(): ParsedSettings;
};

export type StatsSnapshot = {
  /** Every HTTP request to the Cost Explorer endpoint, including refused and faulted ones. */
  total: number;
  byOperation: Partial<Record<string, number>>;
  /** Error answers by __type. */
  errors: Partial<Record<string, number>>;
  /** Faults that fired, by name. */
  faults: Partial<Record<FaultName | "accessDenied", number>>;
};

export type StatsControl = { get(): StatsSnapshot; reset(): void };

export function createFaults() {
  let settings: ParsedSettings = {};
  let stats: StatsSnapshot = { total: 0, byOperation: {}, errors: {}, faults: {} };
  const bump = (record: Partial<Record<string, number>>, name: string) => (record[name] = (record[name] ?? 0) + 1);

  const control: FaultControl = {
    set: (next) => (settings = faultSettingsSchema.parse(next)),
    clear: () => (settings = {}),
    get: () => structuredClone(settings),
  };
  const statsControl: StatsControl = {
    get: () => structuredClone(stats),
    reset: () => (stats = { total: 0, byOperation: {}, errors: {}, faults: {} }),
  };

  return {
    control,
    stats: statsControl,
    countRequest(operation: string) {
      stats.total++;
      bump(stats.byOperation, operation);
    },
    countError(type: string) {
      bump(stats.errors, type);
    },
    isAccessDenied(operation: Operation): boolean {
      const denied = settings.accessDenied?.operations.includes(operation) ?? false;
      if (denied) bump(stats.faults, "accessDenied");
      return denied;
    },
    /** The fault when it fires for this request (one use consumed), else undefined. */
    take<N extends FaultName>(name: N, operation: Operation): NonNullable<ParsedSettings[N]> | undefined {
      const fault = settings[name];
      if (!fault || (fault.operations && !fault.operations.includes(operation))) return undefined;
      if (fault.skip > 0) {
        fault.skip--;
        return undefined;
      }
      fault.times--;
      if (fault.times <= 0) delete settings[name];
      bump(stats.faults, name);
      return fault as NonNullable<ParsedSettings[N]>;
    },
  };
}
export type Faults = ReturnType<typeof createFaults>;
