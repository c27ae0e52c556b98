// Decisions on rightsizing rows (table rightsizing_decision): read with their status, written by a team's members
// or an admin (requireAccess "decide", every write audited), and checked after each Datadog sync against the
// requests the sync saw. Simple records through the Prisma client; the rules are decisions.ts.
import { z } from "zod";
import type { RightsizingDecision } from "@/generated/prisma/client";
import { toDateColumn, toDecimalString } from "@/lib/db/prisma-client";
import type { Db } from "@/lib/db/types";
import { addDays, isDay, toDay } from "@/lib/dates";
import { AppError } from "@/lib/errors";
import { formatCentsAsUsd, toCents } from "@/lib/money";
import { getRightsizingSettings } from "@/lib/settings/store";
import {
  decisionStatus,
  detectState,
  isOpen,
  type Decision,
  type DecisionState,
  type DecisionStatus,
  type Reopened,
} from "./decisions";
import { getUnitPrices } from "./pricing";
import { getRightsizingContext, type ContainerKey } from "./read";
import { toRowKey } from "./row-key";
import type { RightsizingRow } from "./types";

/** A stored decision as the pages, the API and the digest read it. Days `YYYY-MM-DD`, money exact decimal strings. */
export type DecisionRecord = ContainerKey & {
  team: string;
  decision: Decision;
  reason: string;
  snoozedUntil: string | null;
  decidedBy: string;
  decidedAt: string;
  before: { cpu: number | null; memory: number | null };
  recommended: { cpu: number; memory: number };
  monthlySavingUsd: string;
  state: DecisionState;
  appliedAt: string | null;
  driftedAt: string | null;
  realizedMonthlyUsd: string | null;
  checkedAt: string | null;
};

export type DecisionView = DecisionRecord & { status: DecisionStatus; reopened: Reopened };

export { toRowKey };

function toRecord(r: RightsizingDecision): DecisionRecord {
  return {
    cluster: r.cluster,
    namespace: r.namespace,
    workloadKind: r.workloadKind,
    workload: r.workload,
    container: r.container,
    team: r.team,
    decision: r.decision as Decision,
    reason: r.reason,
    snoozedUntil: r.snoozedUntil ? toDay(r.snoozedUntil) : null,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt.toISOString(),
    before: { cpu: r.beforeCpuRequest, memory: r.beforeMemoryRequest },
    recommended: { cpu: r.recommendedCpuRequest, memory: r.recommendedMemoryRequest },
    monthlySavingUsd: toDecimalString(r.monthlySavingUsd),
    state: r.state as DecisionState,
    appliedAt: r.appliedAt?.toISOString() ?? null,
    driftedAt: r.driftedAt?.toISOString() ?? null,
    realizedMonthlyUsd: r.realizedMonthlyUsd ? toDecimalString(r.realizedMonthlyUsd) : null,
    checkedAt: r.checkedAt?.toISOString() ?? null,
  };
}

/** Decisions of these teams (null = every team), optionally one team only, in the table's key order. */
export async function listDecisions(
  db: Db,
  opts: { teams: string[] | null; team?: string },
): Promise<DecisionRecord[]> {
  const where = opts.team !== undefined ? { team: opts.team } : opts.teams !== null ? { team: { in: opts.teams } } : {};
  const rows = await db.prisma.rightsizingDecision.findMany({
    where,
    orderBy: [{ team: "asc" }, { cluster: "asc" }, { namespace: "asc" }, { workload: "asc" }, { container: "asc" }],
  });
  return rows.map(toRecord);
}

/** Each decision with what it means today, against the rows as the rules compute them now. */
export function toDecisionViews(
  decisions: DecisionRecord[],
  rows: RightsizingRow[],
  opts: { today: string; reopenChangePct: number },
): DecisionView[] {
  const byKey = new Map(rows.map((r) => [toRowKey(r.usage), r]));
  return decisions.map((d) => {
    const row = byKey.get(toRowKey(d));
    const current = row?.recommendation.recommended
      ? { cpu: row.recommendation.recommended.cpuRequest, memory: row.recommendation.recommended.memoryRequest }
      : null;
    return { ...d, ...decisionStatus(toFacts(d), current, opts) };
  });
}

const toFacts = (d: DecisionRecord) => ({
  decision: d.decision,
  snoozedUntil: d.snoozedUntil,
  recommended: d.recommended,
  state: d.state,
});

export type TeamReview = {
  team: string;
  /** Net monthly savings still to do: rows without a decision, accepted, drifted or changed. */
  openCents: number;
  /** Rejected rows (not reopened): their monthly savings, shown apart. */
  declinedCents: number;
  snoozedCents: number;
  /** What the applied rows save a month, priced when each was first seen applied. */
  realizedCents: number;
  /** The first day a row of the team was seen applied (the change date a ledger initiative starts from). */
  firstAppliedDay: string | null;
  counts: Record<DecisionStatus, number>;
};

const emptyCounts = (): Record<DecisionStatus, number> => ({
  open: 0,
  accepted: 0,
  applied: 0,
  drifted: 0,
  changed: 0,
  declined: 0,
  snoozed: 0,
});

/**
 * Per team: the rows' savings split by status, and the realized savings of the applied rows. A row counts in the
 * savings totals as the table does (`isInSavingsTotals`); realized savings come from the decisions, including
 * containers the last sync no longer saw (what was saved stays saved until it drifts).
 */
export function summarizeReview(rows: RightsizingRow[], views: DecisionView[]): TeamReview[] {
  const byKey = new Map(views.map((v) => [toRowKey(v), v]));
  const teams = new Map<string, TeamReview>();
  const teamOf = (team: string) => {
    let t = teams.get(team);
    if (!t) {
      t = {
        team,
        openCents: 0,
        declinedCents: 0,
        snoozedCents: 0,
        realizedCents: 0,
        firstAppliedDay: null,
        counts: emptyCounts(),
      };
      teams.set(team, t);
    }
    return t;
  };
  for (const row of rows) {
    const t = teamOf(row.recommendation.team.value);
    const status = byKey.get(toRowKey(row.usage))?.status ?? "open";
    if (status === "open" && row.recommendation.direction === "none") continue;
    if (status === "open") t.counts.open += 1;
    if (!row.recommendation.isInSavingsTotals) continue;
    if (isOpen(status)) t.openCents += row.savings.monthlyCents;
    else if (status === "declined") t.declinedCents += row.savings.monthlyCents;
    else if (status === "snoozed") t.snoozedCents += row.savings.monthlyCents;
  }
  for (const v of views) {
    const t = teamOf(v.team);
    if (v.status !== "open") t.counts[v.status] += 1;
    if (v.status === "applied" && v.realizedMonthlyUsd !== null) {
      t.realizedCents += Number(toCents(v.realizedMonthlyUsd));
      const day = v.appliedAt?.slice(0, 10) ?? null;
      if (day && (t.firstAppliedDay === null || day < t.firstAppliedDay)) t.firstAppliedDay = day;
    }
  }
  return [...teams.values()].sort((a, b) => a.team.localeCompare(b.team));
}

// ---- Writing decisions -------------------------------------------------------------------------------------

const MAX_ROWS = 500;
export const MAX_REASON = 500;
const MAX_SNOOZE_DAYS = 366;

const part = (name: string) =>
  z
    .string({ message: `${name} is required` })
    .min(1, `${name} is required`)
    .max(253, `${name} is too long`);
export const containerKeyInputSchema = z.object({
  cluster: part("cluster"),
  namespace: part("namespace"),
  workloadKind: part("workloadKind"),
  workload: part("workload"),
  container: part("container"),
});

/** A decision on some of one team's rows; `clear` removes the decisions (the rows are open again). */
export const decisionInputSchema = z
  .object({
    team: z.string().trim().min(1, "name the team").max(200, "the team name is too long"),
    decision: z.enum([...["accepted", "rejected", "snoozed"], "clear"] as const, {
      message: "decision: accepted, rejected, snoozed or clear",
    }),
    reason: z
      .string()
      .trim()
      .max(MAX_REASON, `the reason is at most ${MAX_REASON} characters`)
      .default("")
      .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), "the reason has control characters"),
    snoozedUntil: z.string().trim().optional(),
    containers: z
      .array(containerKeyInputSchema, {
        message: "containers: a list of {cluster, namespace, workloadKind, workload, container}",
      })
      .min(1, "select at least one container")
      .max(MAX_ROWS, `at most ${MAX_ROWS} containers at a time`),
  })
  .superRefine((d, ctx) => {
    if (d.decision === "rejected" && d.reason === "")
      ctx.addIssue({ code: "custom", path: ["reason"], message: "say why it is rejected (the reason is required)" });
    if (d.decision === "snoozed" && (d.snoozedUntil === undefined || !isDay(d.snoozedUntil)))
      ctx.addIssue({ code: "custom", path: ["snoozedUntil"], message: "snooze until a date, YYYY-MM-DD" });
  });
export type DecisionInput = z.input<typeof decisionInputSchema>;

/** Parses a decision (an API body or the form's fields); the message names every problem. */
export function parseDecisionInput(input: unknown): z.output<typeof decisionInputSchema> {
  const parsed = decisionInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message));
  throw new AppError("bad-input", [...new Set(problems)].slice(0, 5).join("; "));
}

export type ParsedDecision = z.output<typeof decisionInputSchema>;

/**
 * The rows a decision names, as the rules compute them now, in the order given (duplicates once): a container
 * that is not in the synced data is "not found" (it may have gone since the page was read), one without a
 * recommendation cannot be decided on. Which team each row belongs to is for the caller to check.
 */
export async function findDecisionRows(db: Db, d: ParsedDecision, now: Date): Promise<RightsizingRow[]> {
  const today = toDay(now);
  if (d.decision === "snoozed") {
    const until = d.snoozedUntil!;
    if (until <= today) throw new AppError("bad-input", `snoozedUntil: ${until} is not after today (${today})`);
    if (until > addDays(today, MAX_SNOOZE_DAYS))
      throw new AppError("bad-input", `snoozedUntil: at most a year ahead (${addDays(today, MAX_SNOOZE_DAYS)})`);
  }
  const ctx = await getRightsizingContext(db);
  const byKey = new Map(ctx.allRows.map((r) => [toRowKey(r.usage), r]));
  const rows: RightsizingRow[] = [];
  for (const key of new Set(d.containers.map(toRowKey))) {
    const row = byKey.get(key);
    const name = (JSON.parse(key) as string[]).join("/");
    if (!row) throw new AppError("not-found", `No container ${name} in the synced data: it may have gone since.`);
    if (d.decision !== "clear" && row.recommendation.recommended === null)
      throw new AppError(
        "bad-input",
        `The container ${name} has no recommendation to decide on (too few days of data).`,
      );
    rows.push(row);
  }
  return rows;
}

const whereRow = (r: RightsizingRow) => ({
  cluster_namespace_workloadKind_workload_container: {
    cluster: r.usage.cluster,
    namespace: r.usage.namespace,
    workloadKind: r.usage.workloadKind,
    workload: r.usage.workload,
    container: r.usage.container,
  },
});

/**
 * Writes one decision on these rows (checked by the caller), remembering the recommendation and the requests it
 * was made on; `clear` deletes them. Returns the decisions before and after, for the audit trail.
 */
export async function writeDecisions(
  db: Db,
  d: ParsedDecision,
  rows: RightsizingRow[],
  opts: { actor: string; now: Date },
): Promise<{ before: DecisionRecord[]; saved: DecisionRecord[] }> {
  const found = await Promise.all(rows.map((r) => db.prisma.rightsizingDecision.findUnique({ where: whereRow(r) })));
  const before = found.flatMap((r) => (r ? [toRecord(r)] : []));
  const saved: DecisionRecord[] = [];
  if (d.decision === "clear") {
    for (const r of rows)
      await db.prisma.rightsizingDecision.deleteMany({
        where: whereRow(r).cluster_namespace_workloadKind_workload_container,
      });
    return { before, saved };
  }
  for (const r of rows) {
    const rec = r.recommendation;
    const fields = {
      team: d.team,
      decision: d.decision,
      reason: d.reason,
      snoozedUntil: d.decision === "snoozed" ? toDateColumn(d.snoozedUntil!) : null,
      decidedBy: opts.actor,
      decidedAt: opts.now,
      beforeCpuRequest: rec.current.cpuRequest,
      beforeMemoryRequest: rec.current.memoryRequest,
      recommendedCpuRequest: rec.recommended!.cpuRequest ?? 0,
      recommendedMemoryRequest: rec.recommended!.memoryRequest ?? 0,
      monthlySavingUsd: formatCentsAsUsd(r.savings.monthlyCents),
      // A new decision starts over: what later syncs see is about this decision, not an earlier one.
      state: "waiting",
      appliedAt: null,
      driftedAt: null,
      realizedMonthlyUsd: null,
      checkedAt: null,
    };
    const row = await db.prisma.rightsizingDecision.upsert({
      where: whereRow(r),
      create: { ...whereRow(r).cluster_namespace_workloadKind_workload_container, ...fields },
      update: fields,
    });
    saved.push(toRecord(row));
  }
  return { before, saved };
}

// ---- After each Datadog sync --------------------------------------------------------------------------------

type CurrentRequests = {
  cluster: string;
  namespace: string;
  workload_kind: string;
  workload: string;
  container: string;
  cpu_request: number | null;
  memory_request: number | null;
  replicas: number;
};

/**
 * Compares every accepted decision with the requests the last sync stored (k8s_container) and records what it
 * sees: applied, drifted, changed or still waiting (decisions.ts detectState). Returns how many rows changed state.
 */
export async function checkDecisions(db: Db, now: Date): Promise<{ checked: number; changed: number }> {
  const accepted = await db.prisma.rightsizingDecision.findMany({ where: { decision: "accepted" } });
  if (accepted.length === 0) return { checked: 0, changed: 0 };
  const settings = await getRightsizingSettings(db);
  const current = await db.sql.query<CurrentRequests>(
    `SELECT c.cluster, c.namespace, c.workload_kind, c.workload, c.container, c.cpu_request, c.memory_request, c.replicas
       FROM k8s_container c
       JOIN rightsizing_decision d USING (cluster, namespace, workload_kind, workload, container)
      WHERE d.decision = 'accepted'`,
  );
  const byKey = new Map(
    current.map((c) => [
      toRowKey({
        cluster: c.cluster,
        namespace: c.namespace,
        workloadKind: c.workload_kind,
        workload: c.workload,
        container: c.container,
      }),
      { cpu: c.cpu_request, memory: c.memory_request, replicas: c.replicas },
    ]),
  );
  let changed = 0;
  for (const d of accepted) {
    const seen = byKey.get(toRowKey(d)) ?? null;
    const next = detectState(
      {
        state: d.state as DecisionState,
        before: { cpu: d.beforeCpuRequest, memory: d.beforeMemoryRequest },
        recommended: { cpu: d.recommendedCpuRequest, memory: d.recommendedMemoryRequest },
        appliedAt: d.appliedAt,
        driftedAt: d.driftedAt,
        realizedMonthlyCents:
          d.realizedMonthlyUsd === null ? null : Number(toCents(toDecimalString(d.realizedMonthlyUsd))),
      },
      seen,
      { now, tolerancePct: settings.appliedTolerancePct, prices: getUnitPrices(d.cluster, settings) },
    );
    if (next.state !== d.state) changed += 1;
    await db.prisma.rightsizingDecision.update({
      where: {
        cluster_namespace_workloadKind_workload_container: {
          cluster: d.cluster,
          namespace: d.namespace,
          workloadKind: d.workloadKind,
          workload: d.workload,
          container: d.container,
        },
      },
      data: {
        state: next.state,
        appliedAt: next.appliedAt,
        driftedAt: next.driftedAt,
        realizedMonthlyUsd: next.realizedMonthlyCents === null ? null : formatCentsAsUsd(next.realizedMonthlyCents),
        ...(seen ? { checkedAt: now } : {}),
      },
    });
  }
  return { checked: accepted.length, changed };
}

/**
 * The ledger's prefilled form for a team's realized rightsizing: a `rightsizing` initiative dated the first day a
 * row was seen applied, so /savings measures the bill from then on and the deck shows what was really done.
 */
export function toInitiativeHref(review: TeamReview): string | null {
  if (review.firstAppliedDay === null || review.realizedCents <= 0) return null;
  const n = review.counts.applied;
  const params = new URLSearchParams({
    new: "1",
    kind: "rightsizing",
    name: `Rightsizing applied by team ${review.team}`,
    changeDate: review.firstAppliedDay,
    description: `${n} container${n === 1 ? "" : "s"} seen applied by the Datadog syncs: $${formatCentsAsUsd(review.realizedCents)} a month at the rightsizing prices`,
  });
  return `/savings?${params}#initiative-form`;
}
