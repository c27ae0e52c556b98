import { describe, expect, it } from "vitest";
import { BYTES_PER_MIB as MIB } from "./quantities";
import {
  decisionStatus,
  detectState,
  priceChange,
  relativeChangePct,
  type AcceptedRow,
  type DecisionFacts,
  type DecisionState,
} from "./decisions";
import type { UnitPrices } from "./types";

const REC = { cpu: 200, memory: 256 * MIB };
const facts = (over: Partial<DecisionFacts>): DecisionFacts => ({
  decision: "accepted",
  snoozedUntil: null,
  recommended: REC,
  state: "waiting",
  ...over,
});
const opts = { today: "2026-11-26", reopenChangePct: 20 };

describe("decisionStatus: what a row is today", () => {
  it.each<[string, DecisionFacts | null, { cpu: number | null; memory: number | null } | null, string, string | null]>([
    ["no decision", null, REC, "open", null],
    ["rejected, same recommendation", facts({ decision: "rejected" }), REC, "declined", null],
    [
      "rejected, CPU moved 20% exactly (not more)",
      facts({ decision: "rejected" }),
      { cpu: 240, memory: REC.memory },
      "declined",
      null,
    ],
    [
      "rejected, CPU moved 20.5%",
      facts({ decision: "rejected" }),
      { cpu: 241, memory: REC.memory },
      "open",
      "recommendation-changed",
    ],
    [
      "rejected, memory halved",
      facts({ decision: "rejected" }),
      { cpu: 200, memory: 128 * MIB },
      "open",
      "recommendation-changed",
    ],
    ["rejected, no recommendation now", facts({ decision: "rejected" }), null, "declined", null],
    ["snoozed until tomorrow", facts({ decision: "snoozed", snoozedUntil: "2026-11-27" }), REC, "snoozed", null],
    [
      "snoozed until today: open again",
      facts({ decision: "snoozed", snoozedUntil: "2026-11-26" }),
      REC,
      "open",
      "snooze-expired",
    ],
    [
      "snoozed until yesterday",
      facts({ decision: "snoozed", snoozedUntil: "2026-11-25" }),
      REC,
      "open",
      "snooze-expired",
    ],
    ["accepted, waiting", facts({}), REC, "accepted", null],
    ["accepted, applied", facts({ state: "applied" }), REC, "applied", null],
    ["accepted, drifted", facts({ state: "drifted" }), REC, "drifted", null],
    ["accepted, changed", facts({ state: "changed" }), REC, "changed", null],
  ])("%s → %s", (_label, decision, current, status, reopened) => {
    expect(decisionStatus(decision, current, opts)).toEqual({ status, reopened });
  });

  it("uses the setting: 50% keeps a 30% move declined", () => {
    const moved = { cpu: 260, memory: REC.memory };
    expect(decisionStatus(facts({ decision: "rejected" }), moved, { ...opts, reopenChangePct: 50 }).status).toBe(
      "declined",
    );
  });

  it("relative change from zero is infinite, to itself zero", () => {
    expect(relativeChangePct(0, 0)).toBe(0);
    expect(relativeChangePct(0, 1)).toBe(Number.POSITIVE_INFINITY);
    expect(relativeChangePct(100, 80)).toBe(20);
  });
});

// t3a.xlarge split (pricing.ts): $0.0244769…/vCPU-hour and $0.0032808…/GiB-hour; simple numbers here on purpose.
const PRICES: UnitPrices = { instanceType: "test", vcpuHourUsd: 0.04, gibHourUsd: 0.005, hoursPerMonth: 730 };
const NOW = new Date("2026-11-26T12:00:00Z");
const EARLIER = new Date("2026-11-20T12:00:00Z");
const BEFORE = { cpu: 1000, memory: 1024 * MIB };
const row = (state: DecisionState, over: Partial<AcceptedRow> = {}): AcceptedRow => ({
  state,
  before: BEFORE,
  recommended: REC,
  appliedAt: null,
  driftedAt: null,
  realizedMonthlyCents: null,
  ...over,
});
const seen = (cpu: number | null, memory: number | null, replicas = 2) => ({ cpu, memory, replicas });
const detect = (r: AcceptedRow, s: ReturnType<typeof seen> | null) =>
  detectState(r, s, { now: NOW, tolerancePct: 10, prices: PRICES });

// 1000m → 200m = 0.8 vCPU × $0.04 + 768 MiB = 0.75 GiB × $0.005 = $0.03575/h × 2 replicas × 730 h = $52.195 → $52.20
const SAVED_CENTS = 5220;

describe("detectState: what a sync's requests make of an accepted row", () => {
  it.each<[string, AcceptedRow, ReturnType<typeof seen> | null, Partial<ReturnType<typeof detect>>]>([
    ["unchanged requests: waiting", row("waiting"), seen(1000, 1024 * MIB), { state: "waiting", appliedAt: null }],
    [
      "exactly the recommendation: applied now, priced",
      row("waiting"),
      seen(200, 256 * MIB),
      { state: "applied", appliedAt: NOW, realizedMonthlyCents: SAVED_CENTS },
    ],
    ["10% above on CPU (edge): applied", row("waiting"), seen(220, 256 * MIB), { state: "applied" }],
    [
      "11% above on memory: not applied, elsewhere: changed",
      row("waiting"),
      seen(200, 285 * MIB),
      { state: "changed" },
    ],
    ["something else entirely: changed", row("waiting"), seen(500, 512 * MIB), { state: "changed" }],
    ["back to as before: waiting again", row("changed"), seen(1000, 1024 * MIB), { state: "waiting" }],
    [
      "applied, still applied: keeps first date and price",
      row("applied", { appliedAt: EARLIER, realizedMonthlyCents: 100 }),
      seen(210, 256 * MIB),
      { state: "applied", appliedAt: EARLIER, realizedMonthlyCents: 100 },
    ],
    [
      "applied, raised again: drifted now",
      row("applied", { appliedAt: EARLIER, realizedMonthlyCents: 100 }),
      seen(1000, 1024 * MIB),
      { state: "drifted", appliedAt: EARLIER, driftedAt: NOW },
    ],
    [
      "drifted stays drifted since first seen",
      row("drifted", { appliedAt: EARLIER, driftedAt: EARLIER }),
      seen(900, 1024 * MIB),
      { state: "drifted", driftedAt: EARLIER },
    ],
    [
      "drifted, back within: applied since the first time",
      row("drifted", { appliedAt: EARLIER, driftedAt: EARLIER, realizedMonthlyCents: 100 }),
      seen(200, 256 * MIB),
      { state: "applied", appliedAt: EARLIER, driftedAt: null, realizedMonthlyCents: 100 },
    ],
    [
      "applied, then cut below the tolerance: changed",
      row("applied", { appliedAt: EARLIER }),
      seen(100, 128 * MIB),
      { state: "changed" },
    ],
    [
      "container gone from the sync: kept as it was",
      row("applied", { appliedAt: EARLIER, realizedMonthlyCents: 100 }),
      null,
      { state: "applied", appliedAt: EARLIER, realizedMonthlyCents: 100 },
    ],
    ["request unset now: not applied", row("waiting"), seen(null, 256 * MIB), { state: "changed" }],
    [
      "applied, request unset: drifted (no request = unbounded)",
      row("applied", { appliedAt: EARLIER }),
      seen(null, 256 * MIB),
      { state: "drifted" },
    ],
  ])("%s", (_label, input, requests, expected) => {
    expect(detect(input, requests)).toMatchObject(expected);
  });
});

describe("priceChange: the table's arithmetic", () => {
  it("prices before → after with replicas and 730 hours, rounded once", () => {
    expect(priceChange(BEFORE, { cpu: 200, memory: 256 * MIB }, 2, PRICES)).toBe(SAVED_CENTS);
  });
  it("a raise is negative; a missing request counts as 0", () => {
    expect(priceChange({ cpu: 100, memory: null }, { cpu: 200, memory: null }, 1, PRICES)).toBe(-292);
    expect(priceChange({ cpu: null, memory: null }, { cpu: null, memory: null }, 3, PRICES)).toBe(0);
  });
});
