// Writes of the commitment refresh: the whole set is replaced in one transaction (a few hundred rows at most),
// so a failed or cancelled refresh leaves the previous one in place. Reads: when the last refresh was, and which
// reservation services the bill shows (recommendations are asked only for those).
import type { Db } from "@/lib/db/types";
import { toDateColumn } from "@/lib/db/prisma-client";
import type { CoverageRow, HeldRow, RecommendationRow, UtilizationRow } from "./commitments-fetch";

export type CommitmentSnapshot = {
  recommendations: RecommendationRow[];
  coverage: CoverageRow[];
  utilization: UtilizationRow[];
  held: HeldRow[];
};

export async function readLastCommitmentRefresh(db: Db): Promise<Date | null> {
  const last = await db.prisma.commitmentRefresh.findFirst({ orderBy: { fetchedAt: "desc" } });
  return last?.fetchedAt ?? null;
}

/** Which of `services` had spend in the bill since `from` (all of them when no spend is stored yet). */
export async function listServicesWithSpend(db: Db, services: readonly string[], from: string): Promise<string[]> {
  const [any] = await db.sql.query<{ any: boolean }>("SELECT EXISTS (SELECT 1 FROM cost_day) AS any");
  if (!any?.any) return [...services];
  const rows = await db.sql.query<{ service: string }>(
    `SELECT DISTINCT service FROM cost_daily
      WHERE dataset = 'service,account' AND day >= $1::date AND service = ANY($2::text[]) AND unblended > 0`,
    [from, [...services]],
  );
  const present = new Set(rows.map((r) => r.service));
  return services.filter((s) => present.has(s));
}

export async function replaceCommitments(
  db: Db,
  snapshot: CommitmentSnapshot,
  refresh: { runId: number; fetchedAt: Date; lookbackDays: number; requests: number },
): Promise<void> {
  const p = db.prisma;
  await p.$transaction([
    p.commitmentRecommendation.deleteMany(),
    p.commitmentCoverage.deleteMany(),
    p.commitmentUtilization.deleteMany(),
    p.commitmentHeld.deleteMany(),
    p.commitmentRecommendation.createMany({
      data: snapshot.recommendations.map((r) => ({ ...r, detail: toJson(r.detail) })),
    }),
    p.commitmentCoverage.createMany({ data: snapshot.coverage.map((r) => ({ ...r, month: toDateColumn(r.month) })) }),
    p.commitmentUtilization.createMany({
      data: snapshot.utilization.map((r) => ({ ...r, month: toDateColumn(r.month) })),
    }),
    p.commitmentHeld.createMany({ data: snapshot.held.map((r) => ({ ...r, endDate: toDateColumn(r.endDate) })) }),
    p.commitmentRefresh.create({ data: refresh }),
  ]);
}

/** The SDK's parsed detail as plain JSON (it may carry undefined members and a $metadata-free object tree). */
function toJson(value: object): object {
  return JSON.parse(JSON.stringify(value)) as object;
}
