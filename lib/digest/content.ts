// What one team's weekly digest says, read from the same place as its page: the rows and totals of
// getTeamRightsizing (lib/rightsizing/read.ts) with the settings in force, so every dollar in the message is the
// one /rightsizing/<team> shows; the decisions and what the syncs saw of them from rightsizing_decision.
import type { Db } from "@/lib/db/types";
import { toDay } from "@/lib/dates";
import { toDecimalString } from "@/lib/db/prisma-client";
import { addMoney, toCents } from "@/lib/money";
import { getTeamRightsizing } from "@/lib/rightsizing/read";
import { summarizeRecommendations } from "@/lib/rightsizing/summarize";
import { tableQuerySchema } from "@/lib/rightsizing/table-query";
import { toCpuQuantity, toMemoryQuantity } from "@/lib/rightsizing/quantities";
import type { RightsizingRow } from "@/lib/rightsizing/types";
import type { DecisionStatus } from "@/lib/rightsizing/decisions";
import { listDecisions, toDecisionViews, toRowKey } from "@/lib/rightsizing/decisions-store";

/** How many open rows a message lists by name (the rest are counted and one click away). */
export const TOP_ROWS = 5;

export type DigestRow = {
  /** cluster / namespace / kind / workload / container, joined with NUL: the container's identity. */
  key: string;
  cluster: string;
  /** namespace/workload/container, what people call it. */
  name: string;
  /** "CPU 1000m → 480m, memory 1024Mi → 460Mi" */
  change: string;
  /** The row's monthly saving in cents, exactly as the team page shows it (negative = a raise). */
  monthlyCents: number;
};

export type DecidedRow = { key: string; cluster: string; name: string; at: string };

export type TeamDigest = {
  team: string;
  /** The Monday (UTC) of the week covered. */
  week: string;
  /** The team page, when COSTWISE_URL says where Costwise is. */
  link: string | null;
  open: {
    /** Open rows whose requests would change. */
    count: number;
    /** Σ cents of the open rows in the savings totals: the team page's net, less what was decided. */
    netCents: number;
    /** The largest open savings, largest first, at most TOP_ROWS. */
    top: DigestRow[];
    /** Open rows that need more than they request (under-provisioned): counted apart, they cost money. */
    raises: number;
  };
  /** Open rows the previous digest did not list (all of them in a team's first digest). */
  newRows: DigestRow[];
  isFirstDigest: boolean;
  applied: { count: number; sinceLastWeek: DecidedRow[] };
  drifted: DecidedRow[];
  /** Σ realized_monthly_usd of the applied rows, in cents. */
  realizedCents: number;
  /** Every open row's key: recorded with the send, so next week's digest can tell what is new. */
  openKeys: string[];
};

function toDigestRow(row: RightsizingRow): DigestRow {
  const { usage, recommendation: rec } = row;
  const next = rec.recommended;
  const parts: string[] = [];
  const show = (value: number | null, format: (n: number) => string) => (value === null ? "none" : format(value));
  if (next && next.cpuRequest !== rec.current.cpuRequest)
    parts.push(`CPU ${show(rec.current.cpuRequest, toCpuQuantity)} → ${show(next.cpuRequest, toCpuQuantity)}`);
  if (next && next.memoryRequest !== rec.current.memoryRequest)
    parts.push(
      `memory ${show(rec.current.memoryRequest, toMemoryQuantity)} → ${show(next.memoryRequest, toMemoryQuantity)}`,
    );
  return {
    key: toRowKey(usage),
    cluster: usage.cluster,
    name: `${usage.namespace}/${usage.workload}/${usage.container}`,
    change: parts.join(", "),
    monthlyCents: row.savings.monthlyCents,
  };
}

/**
 * Rows the team has to look at: a recommendation that changes the requests, and nobody decided on it yet or it
 * opened again (the loop's decisionStatus: a rejected row whose recommendation moved, a snooze that ran out).
 * Accepted, declined and snoozed rows are counted in their own lines, not here.
 */
export function selectOpenRows(rows: RightsizingRow[], statuses: Map<string, DecisionStatus>): RightsizingRow[] {
  return rows.filter(
    (row) =>
      row.recommendation.recommended !== null &&
      row.recommendation.direction !== "none" &&
      (statuses.get(toRowKey(row.usage)) ?? "open") === "open",
  );
}

export async function buildTeamDigest(
  db: Db,
  opts: { team: string; now: Date; week: string; baseUrl: string | undefined; previousKeys: string[] | null },
): Promise<TeamDigest> {
  const { team, now, week } = opts;
  const today = toDay(now);
  const [page, decisions] = await Promise.all([
    getTeamRightsizing(db, team, tableQuerySchema.parse({})),
    db.prisma.rightsizingDecision.findMany({ where: { team } }),
  ]);
  const views = toDecisionViews(await listDecisions(db, { teams: null, team }), page.allRows, {
    today,
    reopenChangePct: page.settings.reopenChangePct,
  });
  const statuses = new Map(views.map((v) => [toRowKey(v), v.status]));
  const openRows = selectOpenRows(page.scopedRows, statuses);
  const totals = summarizeRecommendations(openRows).total;
  const top = openRows
    .filter((r) => r.recommendation.isInSavingsTotals && r.savings.monthlyCents > 0)
    .sort(
      (a, b) => b.savings.monthlyCents - a.savings.monthlyCents || toRowKey(a.usage).localeCompare(toRowKey(b.usage)),
    )
    .slice(0, TOP_ROWS)
    .map(toDigestRow);
  const previous = opts.previousKeys === null ? null : new Set(opts.previousKeys);
  const newRows = openRows
    .filter((r) => previous === null || !previous.has(toRowKey(r.usage)))
    .map(toDigestRow)
    .sort((a, b) => b.monthlyCents - a.monthlyCents || a.key.localeCompare(b.key));

  const lastWeek = new Date(now.getTime() - 7 * 86_400_000);
  const decided = (d: (typeof decisions)[number], at: Date | null): DecidedRow => ({
    key: toRowKey(d),
    cluster: d.cluster,
    name: `${d.namespace}/${d.workload}/${d.container}`,
    at: at ? toDay(at) : "",
  });
  const applied = decisions.filter((d) => d.decision === "accepted" && d.state === "applied");
  const realized = addMoney(
    "0",
    ...applied.map((d) => (d.realizedMonthlyUsd ? toDecimalString(d.realizedMonthlyUsd) : "0")),
  );
  const byName = (a: DecidedRow, b: DecidedRow) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key);
  return {
    team,
    week,
    link: opts.baseUrl ? `${opts.baseUrl.replace(/\/+$/, "")}/rightsizing/${encodeURIComponent(team)}` : null,
    open: {
      count: totals.containersToChange,
      netCents: totals.savings.netCents,
      top,
      raises: openRows.filter((r) => r.recommendation.direction === "raise").length,
    },
    newRows,
    isFirstDigest: previous === null,
    applied: {
      count: applied.length,
      sinceLastWeek: applied
        .filter((d) => d.appliedAt !== null && d.appliedAt > lastWeek)
        .map((d) => decided(d, d.appliedAt))
        .sort(byName),
    },
    drifted: decisions
      .filter((d) => d.decision === "accepted" && d.state === "drifted")
      .map((d) => decided(d, d.driftedAt))
      .sort(byName),
    realizedCents: Number(toCents(realized)),
    openKeys: openRows.map((r) => toRowKey(r.usage)).sort(),
  };
}
