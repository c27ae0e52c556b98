import { describe, expect, it } from "vitest";
import { countMonthDays, toRealizedSaving, type MonthSpend } from "./realized";

// The clock of every case: Nov 26, 2026, so November is the open month and October the last full one.
const NOW = new Date("2026-11-26T12:00:00Z");

/** Fully synced months from a { "2026-03": "300", … } map. */
function spend(amounts: Record<string, string>, partial: Record<string, number> = {}): MonthSpend[] {
  return Object.entries(amounts).map(([m, amount]) => {
    const month = `${m}-01`;
    return { month, amount, daysSynced: partial[m] ?? countMonthDays(month) };
  });
}

// Mar–May cost 300, 330, 360 (average 330); Jul–Sep 100, 110, 120 (average 110). June (the change month),
// October (beyond N = 3) and November (open) carry odd amounts that must not move the result.
const STEADY = spend({
  "2026-03": "300",
  "2026-04": "330",
  "2026-05": "360",
  "2026-06": "999",
  "2026-07": "100",
  "2026-08": "110",
  "2026-09": "120",
  "2026-10": "5",
  "2026-11": "1",
});

describe("toRealizedSaving: measured cases", () => {
  it.each([
    {
      name: "three full months each side; change month, later months and the open month left out",
      changeDate: "2026-06-15",
      months: 3,
      data: STEADY,
      before: ["2026-03-01", "2026-04-01", "2026-05-01"],
      after: ["2026-07-01", "2026-08-01", "2026-09-01"],
      monthly: "220",
      annual: "2640",
      provisional: false, // (330 − 110) × 12
    },
    {
      name: "a change on the 1st still leaves its month out",
      changeDate: "2026-06-01",
      months: 3,
      data: STEADY,
      before: ["2026-03-01", "2026-04-01", "2026-05-01"],
      after: ["2026-07-01", "2026-08-01", "2026-09-01"],
      monthly: "220",
      annual: "2640",
      provisional: false,
    },
    {
      name: "N = 1 compares May with July",
      changeDate: "2026-06-10",
      months: 1,
      data: STEADY,
      before: ["2026-05-01"],
      after: ["2026-07-01"],
      monthly: "260",
      annual: "3120",
      provisional: false,
    },
    {
      name: "only one full month after so far (Oct; Nov is open): measured, provisional",
      changeDate: "2026-09-05",
      months: 3,
      data: STEADY,
      // before Jun–Aug: 999 + 100 + 110 = 1209 / 3 = 403; after Oct: 5
      before: ["2026-06-01", "2026-07-01", "2026-08-01"],
      after: ["2026-10-01"],
      monthly: "398",
      annual: "4776",
      provisional: true,
    },
    {
      name: "a partly synced month before is not counted (March has 20 of 31 days)",
      changeDate: "2026-06-15",
      months: 3,
      data: spend(
        { "2026-03": "1", "2026-04": "330", "2026-05": "360", "2026-07": "100", "2026-08": "110", "2026-09": "120" },
        { "2026-03": 20 },
      ),
      // before (330 + 360) / 2 = 345, after 110
      before: ["2026-04-01", "2026-05-01"],
      after: ["2026-07-01", "2026-08-01", "2026-09-01"],
      monthly: "235",
      annual: "2820",
      provisional: false,
    },
    {
      name: "annual is 12 × the exact difference, rounded once (301 / 3 × 12 = 1204)",
      changeDate: "2026-06-15",
      months: 3,
      data: spend({
        "2026-03": "100",
        "2026-04": "100",
        "2026-05": "101",
        "2026-07": "0",
        "2026-08": "0",
        "2026-09": "0",
      }),
      before: ["2026-03-01", "2026-04-01", "2026-05-01"],
      after: ["2026-07-01", "2026-08-01", "2026-09-01"],
      monthly: "100.333333333333",
      annual: "1204",
      provisional: false,
    },
    {
      name: "spend that rose gives a negative saving",
      changeDate: "2026-06-15",
      months: 3,
      data: spend({
        "2026-03": "10.50",
        "2026-04": "10.50",
        "2026-05": "10.50",
        "2026-07": "20",
        "2026-08": "20",
        "2026-09": "20",
      }),
      before: ["2026-03-01", "2026-04-01", "2026-05-01"],
      after: ["2026-07-01", "2026-08-01", "2026-09-01"],
      monthly: "-9.5",
      annual: "-114",
      provisional: false,
    },
    {
      name: "a month with no spend row counts as not synced, not as $0",
      changeDate: "2026-06-15",
      months: 3,
      data: spend({ "2026-04": "300", "2026-05": "300", "2026-07": "0", "2026-08": "0", "2026-09": "0" }),
      before: ["2026-04-01", "2026-05-01"],
      after: ["2026-07-01", "2026-08-01", "2026-09-01"],
      monthly: "300",
      annual: "3600",
      provisional: false,
    },
  ])("$name", ({ changeDate, months, data, before, after, monthly, annual, provisional }) => {
    const r = toRealizedSaving({ changeDate, months, now: NOW, spend: data });
    expect(r.status).toBe("measured");
    if (r.status !== "measured") return;
    expect(r.before.months).toEqual(before);
    expect(r.after.months).toEqual(after);
    expect(r.monthlySaving).toBe(monthly);
    expect(r.annualSaving).toBe(annual);
    expect(r.isProvisional).toBe(provisional);
  });

  it("keeps the averages behind the number", () => {
    const r = toRealizedSaving({ changeDate: "2026-06-15", months: 3, now: NOW, spend: STEADY });
    expect(r.before).toEqual({ months: ["2026-03-01", "2026-04-01", "2026-05-01"], total: "990", average: "330" });
    expect(r.after).toEqual({ months: ["2026-07-01", "2026-08-01", "2026-09-01"], total: "330", average: "110" });
  });
});

describe("toRealizedSaving: too few months says so instead of guessing", () => {
  it.each([
    {
      name: "changed last month: its month is left out and November is open",
      changeDate: "2026-10-20",
      status: "too-few-after",
      says: /measured from 2026-12-01/,
    },
    {
      name: "changed this month",
      changeDate: "2026-11-03",
      status: "too-few-after",
      says: /Too few full months after the change/,
    },
    { name: "a change in the future", changeDate: "2027-02-01", status: "too-few-after", says: /not over yet/ },
    {
      name: "the month after is over but not fully synced",
      changeDate: "2026-09-10",
      data: spend({ "2026-06": "1", "2026-07": "1", "2026-08": "1", "2026-10": "1" }, { "2026-10": 30 }),
      status: "too-few-after",
      says: /no full month after Sep 2026 is synced yet \(Oct 2026\)/,
    },
    {
      name: "nothing synced before the change",
      changeDate: "2026-06-15",
      data: spend({ "2026-07": "1", "2026-08": "1", "2026-09": "1" }),
      status: "too-few-before",
      says: /none of Mar 2026, Apr 2026, May 2026 is fully synced/,
    },
  ])("$name", ({ changeDate, data, status, says }) => {
    const r = toRealizedSaving({ changeDate, months: 3, now: NOW, spend: data ?? STEADY });
    expect(r.status).toBe(status);
    expect(r.status !== "measured" && r.message).toMatch(says);
    expect("annualSaving" in r).toBe(false);
  });
});
