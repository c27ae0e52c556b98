import { describe, expect, it } from "vitest";
import { toAbandonedCandidates, type ProjectMonths } from "./candidates";
import { countMonthDays } from "./realized";

const NOW = new Date("2026-11-26T12:00:00Z");
const MONTHS = [
  "2026-03-01",
  "2026-04-01",
  "2026-05-01",
  "2026-06-01",
  "2026-07-01",
  "2026-08-01",
  "2026-09-01",
  "2026-10-01",
  "2026-11-01",
];

/** One project over Mar–Nov 2026 (November is open), every month fully synced. */
function project(name: string, amounts: string[]): ProjectMonths {
  return {
    project: name,
    months: amounts.map((amount, i) => ({
      month: MONTHS[i] ?? "",
      amount,
      daysSynced: countMonthDays(MONTHS[i] ?? ""),
    })),
  };
}

describe("toAbandonedCandidates", () => {
  it.each([
    {
      name: "spend stopped in June: suggested from June, saving measured like the ledger would (Mar–May 3000 vs Jul–Sep 0)",
      p: project("load-test", ["3000", "3000", "3000", "0", "0", "0", "0", "0", "0"]),
      expected: { stoppedMonth: "2026-06-01", peakAmount: "3000", lastAmount: "0", annualSaving: "36000" },
    },
    {
      name: "fell to near zero (≤ 5% of the busiest month) counts as stopped",
      p: project("legacy-monitoring", ["2000", "2000", "2000", "2000", "100", "90", "80", "70", "5"]),
      // change month July; before Apr–Jun 2000, after Aug–Oct (90 + 80 + 70) / 3 = 80 → 1920 × 12
      expected: { stoppedMonth: "2026-07-01", peakAmount: "2000", lastAmount: "70", annualSaving: "23040" },
    },
    {
      name: "stopped last month: suggested, not yet measurable",
      p: project("old-batch", ["1500", "1500", "1500", "1500", "1500", "1500", "1500", "0", "0"]),
      expected: { stoppedMonth: "2026-10-01", peakAmount: "1500", lastAmount: "0", annualSaving: null },
    },
  ])("$name", ({ p, expected }) => {
    const [candidate] = toAbandonedCandidates([p], { now: NOW, covered: new Set() });
    expect(candidate).toMatchObject({ project: p.project, ...expected });
  });

  it.each([
    {
      name: "still running",
      p: project("api", ["3000", "3000", "3000", "3000", "3000", "3000", "3000", "3000", "100"]),
    },
    {
      name: "fell by half, not to near zero",
      p: project("halved", ["3000", "3000", "3000", "1500", "1500", "1500", "1500", "1500", "0"]),
    },
    {
      name: "too small to matter (peak under $1,000 a month)",
      p: project("tiny", ["900", "900", "0", "0", "0", "0", "0", "0", "0"]),
    },
    { name: "never had spend in the window", p: project("none", ["0", "0", "0", "0", "0", "0", "0", "0", "0"]) },
    {
      name: "only the open month is low",
      p: project("open", ["3000", "3000", "3000", "3000", "3000", "3000", "3000", "3000", "0"]),
    },
  ])("leaves out: $name", ({ p }) => {
    expect(toAbandonedCandidates([p], { now: NOW, covered: new Set() })).toEqual([]);
  });

  it("leaves out projects an initiative already covers, and lists the rest by their busiest month", () => {
    const list = toAbandonedCandidates(
      [
        project("a", ["1200", "0", "0", "0", "0", "0", "0", "0", "0"]),
        project("b", ["5000", "0", "0", "0", "0", "0", "0", "0", "0"]),
        project("c", ["9000", "0", "0", "0", "0", "0", "0", "0", "0"]),
      ],
      { now: NOW, covered: new Set(["c"]) },
    );
    expect(list.map((c) => c.project)).toEqual(["b", "a"]);
  });

  it("does not read a month that is not fully synced as a stop", () => {
    const p = project("partly", ["3000", "3000", "3000", "3000", "3000", "3000", "3000", "3000", "0"]);
    const october = p.months[7];
    if (october) Object.assign(october, { amount: "10", daysSynced: 3 });
    expect(toAbandonedCandidates([p], { now: NOW, covered: new Set() })).toEqual([]);
  });
});
