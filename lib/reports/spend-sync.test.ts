// The reports on data that came the real way: the demo company's spend from the Cost Explorer emulator,
// through the real SDK and the real sync, into the embedded database and a real Postgres. The emulator's
// own ungrouped monthly Total (asked for here, not read from our tables) is the bill the reports must match.
import { GetCostAndUsageCommand, type CostExplorerClient } from "@aws-sdk/client-cost-explorer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCostExplorerEmulator, type CostExplorerEmulator } from "@/emulators/cost-explorer/server";
import { createCostExplorerClient } from "@/lib/aws/client";
import { createCostExplorerSource } from "@/lib/aws/source";
import { parseConfig } from "@/lib/config";
import { testDatabases, type TestDb } from "@/testing/databases";
import { saveTagSettings } from "@/lib/settings/store";
import { runSync } from "@/lib/sync/run-sync";
import { toDemoTagSettings } from "@/testing/tag-settings";
import { addMoney, toCents } from "@/lib/money";
import { DATASETS } from "./datasets";
import { ensureSpendRollup } from "./rollup";
import { getSpendReport, type SpendReport } from "./spend-report";
import { toDefaultSpendView, type SpendView } from "./view";

const now = new Date("2026-11-26T12:00:00Z");
let emulator: CostExplorerEmulator;
let client: CostExplorerClient;

beforeAll(async () => {
  emulator = await startCostExplorerEmulator({ now, size: 1 });
  const config = parseConfig({
    COSTWISE_AWS: "true",
    AWS_ENDPOINT_URL_COST_EXPLORER: emulator.url,
    AWS_REGION: "us-east-1",
  });
  client = createCostExplorerClient(config.aws, {
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
  });
});
afterAll(() => emulator?.close());

/** Cost Explorer's ungrouped monthly totals, straight from the emulator (a fresh client: no idle keep-alive socket). */
async function fetchBill(view: SpendView, metric: "AmortizedCost" | "UnblendedCost") {
  const config = parseConfig({
    COSTWISE_AWS: "true",
    AWS_ENDPOINT_URL_COST_EXPLORER: emulator.url,
    AWS_REGION: "us-east-1",
  });
  const fresh = createCostExplorerClient(config.aws, {
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
  });
  const out = await fresh.send(
    new GetCostAndUsageCommand({
      TimePeriod: { Start: view.from, End: view.to },
      Granularity: "MONTHLY",
      Metrics: [metric],
    }),
  );
  return (out.ResultsByTime ?? []).map((r) => ({
    start: r.TimePeriod?.Start,
    amount: r.Total?.[metric]?.Amount ?? "0",
  }));
}

describe.each(testDatabases())("reports on a real sync from the emulator, on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
    const config = parseConfig({ COSTWISE_AWS: "true", AWS_ENDPOINT_URL_COST_EXPLORER: emulator.url });
    const result = await runSync({ db, now, sources: [createCostExplorerSource(config, { client })] });
    expect(result.status, JSON.stringify(result)).toBe("succeeded");
    await saveTagSettings(
      db,
      toDemoTagSettings({
        aliases: {
          department: [
            { raw: "fin", value: "finance" },
            { raw: "Platform", value: "platform" },
          ],
          environment: [{ raw: "Prod", value: "production" }],
        },
      }),
    );
  }, 600_000);
  afterAll(async () => db?.drop());

  const report = async (v: SpendView) => {
    const r = await getSpendReport(db, v, { now });
    if (r.kind !== "report") throw new Error(r.message);
    return r;
  };
  const sum = (r: SpendReport) => addMoney(...r.rows.map((row) => row.total));

  /** cost_monthly as stored, and cost_daily summed by month now: both as sorted text lines, to compare exactly. */
  const readRollupAgainstDays = async () => {
    const cols = "dataset, department, project, environment, service, account_id";
    const line = "concat_ws('|', month, dataset, department, project, environment, service, account_id, u, a, n)";
    const [stored] = await db.sql.query<{ lines: string[] }>(
      `SELECT array_agg(${line} ORDER BY ${line}) AS lines FROM
         (SELECT month, ${cols}, unblended AS u, amortized AS a, net_amortized AS n FROM cost_monthly) AS m`,
    );
    const [summed] = await db.sql.query<{ lines: string[] }>(
      `SELECT array_agg(${line} ORDER BY ${line}) AS lines FROM
         (SELECT day - (EXTRACT(DAY FROM day)::int - 1) AS month, ${cols},
                 sum(unblended) AS u, sum(amortized) AS a, sum(net_amortized) AS n
            FROM cost_daily GROUP BY 1, ${cols}) AS d`,
    );
    return { stored: stored?.lines ?? [], summed: summed?.lines ?? [] };
  };
  const readRollupState = async () => {
    const [state] = await db.sql.query<{ latest: number; days: number; built_run: number; built_days: number }>(
      `SELECT (SELECT max(run_id) FROM cost_day) AS latest, (SELECT count(*)::int FROM cost_day) AS days,
              run_id AS built_run, days AS built_days FROM cost_monthly_state`,
    );
    return state;
  };

  // First in this file: every other test reads a report, which would build the rollup if the sync had not.
  it("finds the monthly rollup built by the sync itself, so the first report read rebuilds nothing", async () => {
    const state = await readRollupState();
    expect(state, "no cost_monthly_state: the sync did not build the rollup").toBeDefined();
    expect(state?.built_run).toBe(state?.latest);
    expect(state?.built_days).toBe(state?.days);
    expect(state?.days).toBeGreaterThan(365);
    const { stored, summed } = await readRollupAgainstDays();
    expect(new Set(stored.map((l) => l.split("|")[1]))).toEqual(new Set(DATASETS.map((d) => d.name)));
    expect(stored).toEqual(summed);
    expect(await ensureSpendRollup(db)).toBeNull(); // the read-time fallback has nothing to do

    // The next run refetches the days still Estimated: its swap rebuilds just those months, in the same transaction.
    const config = parseConfig({ COSTWISE_AWS: "true", AWS_ENDPOINT_URL_COST_EXPLORER: emulator.url });
    const again = await runSync({ db, now, sources: [createCostExplorerSource(config, { client })] });
    expect(again.status, JSON.stringify(again)).toBe("succeeded");
    const next = await readRollupState();
    expect(next?.latest).toBeGreaterThan(state?.latest ?? Infinity);
    expect([next?.built_run, next?.built_days]).toEqual([next?.latest, next?.days]);
    const after = await readRollupAgainstDays();
    expect(after.stored).toEqual(after.summed);
    expect(await ensureSpendRollup(db)).toBeNull();
  });

  it.each(["amortized", "unblended"] as const)(
    "matches the emulator's ungrouped %s Total month by month, to the cent",
    async (metric) => {
      const view = { ...toDefaultSpendView(now), metric };
      const r = await report(view);
      const bill = await fetchBill(view, metric === "amortized" ? "AmortizedCost" : "UnblendedCost");
      const billed = new Map(bill.map((b) => [b.start, b.amount]));
      const synced = r.periods
        .map((p, i) => ({ start: p.start, amount: r.periodTotals[i] ?? "0" }))
        .filter((p) => billed.has(p.start));
      expect(synced.length).toBeGreaterThanOrEqual(13);
      for (const p of synced)
        expect([p.start, toCents(p.amount)]).toEqual([p.start, toCents(billed.get(p.start) ?? "0")]);
      expect(toCents(r.total)).toBe(toCents(addMoney(...bill.map((b) => b.amount))));
    },
  );

  it("adds every grouping up to the same total, with untagged spend and customer-serving + R&D", async () => {
    const base = await report(toDefaultSpendView(now));
    expect(sum(base)).toBe(addMoney(base.total));
    expect(base.rows.some((row) => row.keys[0]?.value === null && row.total !== "0")).toBe(true);
    for (const by of [["project"], ["service"], ["account"], ["category"], ["department", "environment"]] as const) {
      const r = await report({ ...toDefaultSpendView(now), by: [...by] });
      expect([by.join(","), toCents(sum(r))]).toEqual([by.join(","), toCents(base.total)]);
    }
  });

  it("drills from a department to its projects, adding up to the cent", async () => {
    const departments = await report(toDefaultSpendView(now));
    const platform = departments.rows.find((row) => row.keys[0]?.value === "platform");
    const projects = await report({ ...toDefaultSpendView(now), by: ["project"], filters: { department: "platform" } });
    expect(sum(projects)).toBe(addMoney(platform?.total ?? "x"));
    expect(platform?.aliasedFrom.department).toEqual(["Platform"]); // ci-runners' EC2 is tagged "Platform"
  });
});
