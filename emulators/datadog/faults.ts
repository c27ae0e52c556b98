// Faults tests switch on without sleeping: each rule applies to the next `times` API requests
// (optionally of one endpoint), in the order the rules were added. A "slow" answer is held until
// its delay passes or the test releases it, so a test can observe the wait without a timer.
import { z } from "zod";

export const ENDPOINTS = ["v1-query", "v2-timeseries"] as const;
export type EndpointName = (typeof ENDPOINTS)[number];

const faultSchema = z.discriminatedUnion("kind", [
  // 429 with X-RateLimit-Remaining: 0 and X-RateLimit-Reset: resetSeconds.
  z.object({ kind: z.literal("rate-limit"), resetSeconds: z.number().int().min(0).default(2) }),
  z.object({
    kind: z.literal("error"),
    status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]),
  }),
  // 200 whose body is not valid JSON.
  z.object({ kind: z.literal("malformed-json") }),
  // 200 that sends half the body, then drops the connection. "chunked" (default): the real client
  // fails with "Premature close". "content-length": the full length is announced first, and the
  // real client (node-fetch 2) then waits forever: only a request timeout/abort gets it out.
  z.object({ kind: z.literal("truncated-body"), framing: z.enum(["chunked", "content-length"]).default("chunked") }),
  // The real answer, held for delayMs (default 10 s) or until releaseHeld().
  z.object({ kind: z.literal("slow"), delayMs: z.number().int().min(0).default(10_000) }),
]);
export const faultRuleSchema = z.intersection(
  faultSchema,
  z.object({
    times: z.number().int().min(1).default(1),
    endpoint: z.enum(ENDPOINTS).optional(),
  }),
);
export const faultRulesSchema = z.union([faultRuleSchema, z.array(faultRuleSchema)]);

export type Fault = z.output<typeof faultSchema>;
export type FaultRule = z.input<typeof faultRuleSchema>;
type PendingRule = z.output<typeof faultRuleSchema>;

export type FaultController = {
  /** Replaces the pending rules. */
  set(rules: FaultRule | FaultRule[]): void;
  add(rule: FaultRule): void;
  clear(): void;
  /** Pending rules with the number of requests each still applies to. */
  list(): PendingRule[];
  /** Slow answers currently held. */
  heldCount(): number;
  /** Sends every held answer now; returns how many were released. */
  releaseHeld(): number;
  /** Resolves once at least `count` answers are being held. */
  waitForHeld(count?: number): Promise<void>;
  /** Resolves once `count` faults in all have been applied (their answer sent or started). */
  waitForApplied(count?: number): Promise<void>;
};

export type FaultEngine = FaultController & {
  take(endpoint: EndpointName): Fault | null;
  hold(delayMs: number): Promise<void>;
  markApplied(): void;
};

export function createFaults(): FaultEngine {
  let rules: PendingRule[] = [];
  const held = new Set<() => void>();
  let waiters: { count: number; resolve: () => void }[] = [];
  let applied = 0;
  let appliedWaiters: { count: number; resolve: () => void }[] = [];
  const parse = (input: unknown) => faultRulesSchema.parse(input);
  const notify = () => {
    waiters = waiters.filter((w) => (held.size >= w.count ? (w.resolve(), false) : true));
    appliedWaiters = appliedWaiters.filter((w) => (applied >= w.count ? (w.resolve(), false) : true));
  };

  return {
    set(input) {
      const parsed = parse(input);
      rules = Array.isArray(parsed) ? parsed : [parsed];
    },
    add(input) {
      const parsed = parse(input);
      rules.push(...(Array.isArray(parsed) ? parsed : [parsed]));
    },
    clear() {
      rules = [];
    },
    list: () => rules.map((r) => ({ ...r })),
    heldCount: () => held.size,
    releaseHeld() {
      const release = [...held];
      held.clear();
      for (const r of release) r();
      return release.length;
    },
    waitForHeld(count = 1) {
      return new Promise<void>((resolve) => {
        waiters.push({ count, resolve });
        notify();
      });
    },
    waitForApplied(count = 1) {
      return new Promise<void>((resolve) => {
        appliedWaiters.push({ count, resolve });
        notify();
      });
    },
    markApplied() {
      applied++;
      notify();
    },
    take(endpoint) {
      const index = rules.findIndex((r) => r.endpoint === undefined || r.endpoint === endpoint);
      if (index < 0) return null;
      const rule = rules[index]!;
      rule.times--;
      if (rule.times <= 0) rules.splice(index, 1);
      return faultSchema.parse(rule); // drops `times` and `endpoint`
    },
    hold(delayMs) {
      return new Promise<void>((resolve) => {
        const release = () => {
          clearTimeout(timer);
          held.delete(release);
          resolve();
        };
        const timer = setTimeout(release, delayMs);
        held.add(release);
        notify();
      });
    },
  };
}
