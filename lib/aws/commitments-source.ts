// The commitments sync source: Savings Plans and Reserved Instance recommendations, coverage, utilization and
// end dates from Cost Explorer. Recommendations change daily at AWS but a purchase decision needs them weekly at
// most, so a run skips this source (no request, no cost) while the stored data is younger than refreshDays.
import type { CostExplorerClient } from "@aws-sdk/client-cost-explorer";
import type { Config } from "@/lib/config";
import { addDays, addMonths, startOfMonth, toDay } from "@/lib/dates";
import type { SourceContext, SyncSource } from "@/lib/sync/types";
import { createCostExplorerClient, type RetryPolicy } from "./client";
import {
  fetchReservationCoverage,
  fetchReservationRecommendations,
  fetchReservationUtilization,
  fetchSavingsPlansCoverage,
  fetchSavingsPlansHeld,
  fetchSavingsPlansRecommendations,
  fetchSavingsPlansUtilization,
  PAYMENTS,
  RESERVATION_SERVICES,
  SAVINGS_PLAN_TYPES,
  TERMS,
  type CommitmentFetchContext,
} from "./commitments-fetch";
import { listServicesWithSpend, readLastCommitmentRefresh, replaceCommitments } from "./commitments-store";

export type CommitmentsSourceOptions = { client?: CostExplorerClient; policy?: RetryPolicy };

const MS_PER_DAY = 86_400_000;

export function createCommitmentsSource(config: Config, opts: CommitmentsSourceOptions = {}): SyncSource {
  let client = opts.client;
  return {
    name: "commitments",
    label: "AWS Savings Plans and Reserved Instances",
    requestCostCents: 1,
    run(ctx) {
      client ??= createCostExplorerClient(config.aws);
      return syncCommitments(ctx, client, config.commitments, opts.policy);
    },
  };
}

async function syncCommitments(
  ctx: SourceContext,
  client: CostExplorerClient,
  settings: Config["commitments"],
  policy?: RetryPolicy,
) {
  const last = await readLastCommitmentRefresh(ctx.db);
  const ageDays = last ? (ctx.now.getTime() - last.getTime()) / MS_PER_DAY : Infinity;
  // An explicit --from/--to asks for a refetch of spend, not of commitments: the age rule still applies.
  if (ageDays < settings.refreshDays) {
    const note = `Kept the commitments fetched ${toDay(last ?? ctx.now)} (${ageDays.toFixed(1)} days old; refreshed after ${settings.refreshDays} days)`;
    ctx.log(note);
    return { range: null, notes: [note] };
  }
  const today = toDay(ctx.now);
  const months = { from: addMonths(startOfMonth(today), -13), to: today };
  const services = await listServicesWithSpend(ctx.db, RESERVATION_SERVICES, addDays(today, -settings.lookbackDays));
  let asked = 0;
  let requests = 0;
  const planned = SAVINGS_PLAN_TYPES.length * 6 + services.length * 7 + 4;
  const fc: CommitmentFetchContext = {
    client,
    signal: ctx.signal,
    policy,
    countRequest: () => {
      requests++;
      ctx.countRequest();
    },
    asking: (phase) => ctx.progress(`Fetching ${phase}`, asked++, planned),
  };
  const recommendations = [
    ...(await fetchSavingsPlansRecommendations(fc, settings.lookbackDays)),
    ...(await fetchReservationRecommendations(fc, services, settings.lookbackDays)),
  ];
  const coverage = await fetchSavingsPlansCoverage(fc, months);
  for (const service of services) coverage.push(...(await fetchReservationCoverage(fc, months, service)));
  const utilization = await fetchSavingsPlansUtilization(fc, months);
  const reservations = await fetchReservationUtilization(fc, months);
  const held = [
    ...(await fetchSavingsPlansHeld(fc, { from: addDays(today, -2), to: addDays(today, -1) })),
    ...reservations.held,
  ];
  utilization.push(...reservations.months);

  ctx.progress("Replacing the stored commitments", asked, planned);
  if (ctx.signal.aborted) throw ctx.signal.reason as Error;
  await replaceCommitments(
    ctx.db,
    { recommendations, coverage, utilization, held },
    { runId: ctx.runId, fetchedAt: ctx.now, lookbackDays: settings.lookbackDays, requests },
  );
  const rows = recommendations.length + coverage.length + utilization.length + held.length;
  ctx.addRows(rows);
  return {
    range: null,
    notes: [
      `${recommendations.length} purchase recommendations (${TERMS.length} terms × ${PAYMENTS.length} payments; reservations for ${services.length} services with spend), ` +
        `${coverage.length} coverage and ${utilization.length} utilization months, ${held.length} commitments held, in ${requests} requests`,
    ],
  };
}
