// The team review loop's rules, pure: what a row's decision means today (open, declined, snoozed, accepted,
// applied, drifted, changed) and what a Datadog sync's fresh requests make of an accepted row. The pages, the
// API, the post-sync check and the weekly digest all ask these functions, so they never disagree.
import { roundToCents } from "@/lib/money";
import { BYTES_PER_GIB, MILLICORES_PER_VCPU } from "./quantities";
import type { UnitPrices } from "./types";

export const DECISIONS = ["accepted", "rejected", "snoozed"] as const;
export type Decision = (typeof DECISIONS)[number];
export const DECISION_STATES = ["waiting", "applied", "drifted", "changed"] as const;
export type DecisionState = (typeof DECISION_STATES)[number];

/** CPU in millicores, memory in bytes, as k8s_container stores requests; null = not set. */
export type Requests = { cpu: number | null; memory: number | null };

/** What a row shows and which total it counts in. */
export const DECISION_STATUSES = ["open", "accepted", "applied", "drifted", "changed", "declined", "snoozed"] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/** Why a decided row is open again. */
export type Reopened = "recommendation-changed" | "snooze-expired" | null;

/** The part of a stored decision the rules read. Days are UTC `YYYY-MM-DD`. */
export type DecisionFacts = {
  decision: Decision;
  snoozedUntil: string | null;
  recommended: { cpu: number; memory: number };
  state: DecisionState;
};

/**
 * What a row is today:
 * - no decision → open;
 * - rejected → declined, until the rules recommend something that differs by more than `reopenChangePct` from the
 *   recommendation rejected (CPU or memory, relative to the rejected value): people refused that change, not every
 *   later one;
 * - snoozed → snoozed until the day named, open from that day on;
 * - accepted → its detected state (waiting shows as "accepted").
 * `current` = the recommended requests now (null when the rules give none: the row stays as decided).
 */
export function decisionStatus(
  decision: DecisionFacts | null,
  current: { cpu: number | null; memory: number | null } | null,
  opts: { today: string; reopenChangePct: number },
): { status: DecisionStatus; reopened: Reopened } {
  if (decision === null) return { status: "open", reopened: null };
  switch (decision.decision) {
    case "rejected": {
      if (current === null) return { status: "declined", reopened: null };
      const moved =
        relativeChangePct(decision.recommended.cpu, current.cpu ?? 0) > opts.reopenChangePct ||
        relativeChangePct(decision.recommended.memory, current.memory ?? 0) > opts.reopenChangePct;
      return moved ? { status: "open", reopened: "recommendation-changed" } : { status: "declined", reopened: null };
    }
    case "snoozed":
      return decision.snoozedUntil === null || opts.today >= decision.snoozedUntil
        ? { status: "open", reopened: "snooze-expired" }
        : { status: "snoozed", reopened: null };
    case "accepted":
      return { status: decision.state === "waiting" ? "accepted" : decision.state, reopened: null };
  }
}

/** |to − from| as a percentage of from; any change from 0 counts as infinite. */
export function relativeChangePct(from: number, to: number): number {
  if (from === to) return 0;
  if (from === 0) return Number.POSITIVE_INFINITY;
  return (Math.abs(to - from) / Math.abs(from)) * 100;
}

/** Whether the statuses count in the team's open savings (still to do) rather than apart. */
export function isOpen(status: DecisionStatus): boolean {
  return status === "open" || status === "accepted" || status === "drifted" || status === "changed";
}

const within = (value: number | null, target: number, tolerancePct: number) =>
  value !== null && Math.abs(value - target) <= (Math.abs(target) * tolerancePct) / 100;

/** Both requests within ± tolerance of the recommendation accepted. */
export function isWithinTolerance(
  requests: Requests,
  recommended: { cpu: number; memory: number },
  tolerancePct: number,
): boolean {
  return (
    within(requests.cpu, recommended.cpu, tolerancePct) && within(requests.memory, recommended.memory, tolerancePct)
  );
}

export type AcceptedRow = {
  state: DecisionState;
  before: Requests;
  recommended: { cpu: number; memory: number };
  appliedAt: Date | null;
  driftedAt: Date | null;
  realizedMonthlyCents: number | null;
};

export type Detected = Pick<AcceptedRow, "state" | "appliedAt" | "driftedAt" | "realizedMonthlyCents">;

/**
 * What a sync's current requests make of an accepted row (detected, never declared):
 * - within ± tolerance of the recommendation → applied (applied_at = the first sync that saw it; the saving is
 *   priced then, from the requests before to the requests seen, and kept);
 * - applied or drifted, then above the tolerance on either request → drifted (drifted_at = first seen drifted);
 *   a drifted row that comes back within the tolerance is applied again, since its first application;
 * - neither the recommendation nor the requests it was accepted on (± tolerance) → changed (someone set other
 *   values: below the recommendation, or elsewhere before it was applied);
 * - otherwise still waiting.
 * A container the sync no longer sees keeps its state (null requests): absence is not evidence.
 */
export function detectState(
  row: AcceptedRow,
  current: (Requests & { replicas: number }) | null,
  opts: { now: Date; tolerancePct: number; prices: UnitPrices },
): Detected {
  const kept: Detected = {
    state: row.state,
    appliedAt: row.appliedAt,
    driftedAt: row.driftedAt,
    realizedMonthlyCents: row.realizedMonthlyCents,
  };
  if (current === null) return kept;
  if (isWithinTolerance(current, row.recommended, opts.tolerancePct)) {
    if (row.state === "applied") return kept;
    const appliedAt = row.appliedAt ?? opts.now;
    const realizedMonthlyCents =
      row.realizedMonthlyCents ?? priceChange(row.before, current, current.replicas, opts.prices);
    return { state: "applied", appliedAt, driftedAt: null, realizedMonthlyCents };
  }
  const tol = 1 + opts.tolerancePct / 100;
  const isAbove =
    (current.cpu ?? Number.POSITIVE_INFINITY) > row.recommended.cpu * tol ||
    (current.memory ?? Number.POSITIVE_INFINITY) > row.recommended.memory * tol;
  if (row.state === "applied" || row.state === "drifted") {
    if (isAbove) return { ...kept, state: "drifted", driftedAt: row.driftedAt ?? opts.now };
    return { ...kept, state: "changed", driftedAt: null };
  }
  const isAsBefore =
    row.before.cpu !== null &&
    row.before.memory !== null &&
    isWithinTolerance(current, { cpu: row.before.cpu, memory: row.before.memory }, opts.tolerancePct);
  const isUnsetAsBefore = row.before.cpu === current.cpu && row.before.memory === current.memory;
  return { ...kept, state: isAsBefore || isUnsetAsBefore ? "waiting" : "changed" };
}

/**
 * The monthly dollars (integer cents) of going from `before` to `after`, with the table's arithmetic
 * (pricing.ts monthlySavings: unit prices × replicas × hours a month, a missing request counting as 0, rounded
 * once). Positive = saved.
 */
export function priceChange(before: Requests, after: Requests, replicas: number, prices: UnitPrices): number {
  const vcpuDelta = ((before.cpu ?? 0) - (after.cpu ?? 0)) / MILLICORES_PER_VCPU;
  const gibDelta = ((before.memory ?? 0) - (after.memory ?? 0)) / BYTES_PER_GIB;
  const hourlyUsd = vcpuDelta * prices.vcpuHourUsd + gibDelta * prices.gibHourUsd;
  return roundToCents(hourlyUsd * replicas * prices.hoursPerMonth);
}
