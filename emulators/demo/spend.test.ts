import { describe, expect, it } from "vitest";
import { generateSpend } from "./spend";
import { dayOfMonth, firstOfMonth, formatDay, parseDay } from "./spend-days";
import { RECORD_TYPES, TAG_KEYS, toAmortized, UNITS_PER_USD, type SpendTable } from "./spend-table";

const now = new Date("2026-11-26T00:00:00Z");
const table = generateSpend({ now });

type Row = {
  day: string;
  amount: number;
  amortized: number;
  service: string;
  recordType: string;
  tags: Record<string, string>;
};

function* generateRows(t: SpendTable): Generator<Row> {
  for (let d = 0; d < t.dayCount; d++) {
    for (let r = t.dayStart[d] ?? 0; r < (t.dayStart[d + 1] ?? 0); r++) {
      const k = t.key[r] ?? 0;
      const amount = t.unblended[r] ?? 0;
      yield {
        day: formatDay(t.firstDay + d),
        amount,
        amortized: toAmortized(t.keys.amortize[k] ?? 0, amount),
        service: t.services[t.keys.service[k] ?? 0] ?? "",
        recordType: RECORD_TYPES[t.keys.recordType[k] ?? 0] ?? "",
        tags: Object.fromEntries(TAG_KEYS.map((key) => [key, t.tagValues[key][t.keys.tags[key][k] ?? 0] ?? ""])),
      };
    }
  }
}

const rows = [...generateRows(table)];
const listRows = (t: SpendTable) => (t === table ? rows : [...generateRows(t)]);

/** Average amortized USD per day of each month (months differ in length, so compare per day). */
function dailyAverageByMonth(match: (row: Row) => boolean): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of listRows(table))
    if (match(row)) sums.set(row.day.slice(0, 7), (sums.get(row.day.slice(0, 7)) ?? 0) + row.amortized);
  const result = new Map<string, number>();
  for (const [month, sum] of sums) {
    const first = parseDay(`${month}-01`) ?? 0;
    result.set(month, sum / UNITS_PER_USD / (firstOfMonth(first, 1) - first));
  }
  return result;
}

const monthOf = (offset: number) => formatDay(firstOfMonth(parseDay("2026-11-26") ?? 0, offset)).slice(0, 7);

describe("generateSpend", () => {
  it("is deterministic for the same seed and clock, and different for another seed", () => {
    const again = generateSpend({ now });
    expect(again.key).toEqual(table.key);
    expect(again.unblended).toEqual(table.unblended);
    const other = generateSpend({ now, seed: 1 });
    expect(other.unblended).not.toEqual(table.unblended);
  });

  it("gives a day the same rows whatever the clock within the month (so later runs see the same history)", () => {
    const later = generateSpend({ now: new Date("2026-11-28T12:00:00Z") });
    expect(later.firstDay).toBe(table.firstDay);
    expect(later.unblended).toEqual(table.unblended);
  });

  it("covers the 1st of the month 13 months back up to the end of next month; size 10 has 10× projects and 3 years", () => {
    expect(formatDay(table.firstDay)).toBe("2025-10-01");
    expect(formatDay(table.firstDay + table.dayCount)).toBe("2027-01-01");
    const large = generateSpend({ now, size: 10 });
    expect(formatDay(large.firstDay)).toBe("2023-11-01");
    expect(large.tagValues.project.length - 1).toBe(10 * (table.tagValues.project.length - 1));
  });

  it("spends like a fast-grown SaaS: $250–400k in every full month", () => {
    const totals = new Map<string, number>();
    for (const row of listRows(table))
      totals.set(row.day.slice(0, 7), (totals.get(row.day.slice(0, 7)) ?? 0) + row.amount);
    for (const [month, units] of totals) {
      if (month === "2026-11" || month === "2026-12") continue;
      expect(units / UNITS_PER_USD, month).toBeGreaterThan(250_000);
      expect(units / UNITS_PER_USD, month).toBeLessThan(400_000);
    }
  });

  it("leaves about 8 % of the spend without one of the three tags, and some with none", () => {
    let total = 0;
    let partly = 0;
    let none = 0;
    for (const row of listRows(table)) {
      if (row.amortized <= 0) continue;
      const missing = TAG_KEYS.filter((key) => row.tags[key] === "").length;
      total += row.amortized;
      if (missing > 0) partly += row.amortized;
      if (missing === TAG_KEYS.length) none += row.amortized;
    }
    expect(partly / total).toBeGreaterThan(0.06);
    expect(partly / total).toBeLessThan(0.11);
    expect(none / total).toBeGreaterThan(0.02);
    for (const key of TAG_KEYS) expect(table.tagValues[key][0]).toBe("");
  });

  it.each([
    ["environment", "Prod"],
    ["environment", "prod"],
    ["environment", "Production "],
    ["environment", "dev"],
    ["department", "fin"],
    ["department", "Platform"],
  ])("carries the value outside the allowed list %s=%j with real spend", (key, value) => {
    let spend = 0;
    for (const row of listRows(table)) if (row.tags[key] === value) spend += row.amount;
    expect(spend / UNITS_PER_USD).toBeGreaterThan(1000);
  });

  it("posts tax and a credit on the 1st of each month only, without tags", () => {
    for (const row of listRows(table)) {
      if (row.recordType !== "Tax" && row.recordType !== "Credit") continue;
      expect(dayOfMonth(parseDay(row.day) ?? 0), row.day).toBe(1);
      expect(Object.values(row.tags).every((v) => v === "")).toBe(true);
      if (row.recordType === "Credit") expect(row.amount).toBeLessThan(0);
      if (row.recordType === "Tax") expect(row.service).toBe("Tax");
    }
  });

  it("shows the savings plan: unblended ≠ amortized per record, equal per day (the fee is amortized over covered usage)", () => {
    const byDay = new Map<string, { u: number; a: number }>();
    let coveredDiff = 0;
    for (const row of listRows(table)) {
      const day = byDay.get(row.day) ?? { u: 0, a: 0 };
      day.u += row.amount;
      day.a += row.amortized;
      byDay.set(row.day, day);
      if (row.recordType === "SavingsPlanCoveredUsage") coveredDiff += row.amount - row.amortized;
    }
    expect(coveredDiff).toBeGreaterThan(0);
    for (const [day, sums] of byDay) expect(sums.a, day).toBe(sums.u);
  });

  it("makes the savings events visible as month-over-month falls of the daily average", () => {
    const all = dailyAverageByMonth(() => true);
    for (const offset of [-7, -6, -5, -4, -2]) {
      expect(all.get(monthOf(offset)), monthOf(offset)).toBeLessThan(all.get(monthOf(offset - 1)) ?? 0);
    }
    const project = (name: string) => dailyAverageByMonth((r) => r.tags.project === name);
    expect(project("load-test").get(monthOf(-8))).toBeGreaterThan(400);
    expect(project("load-test").has(monthOf(-7))).toBe(false);
    expect(project("legacy-monitoring").get(monthOf(-7))).toBeGreaterThan(300);
    expect(project("legacy-monitoring").has(monthOf(-6))).toBe(false);
    const fall = (match: (r: Row) => boolean, offset: number) => {
      const byMonth = dailyAverageByMonth(match);
      return (byMonth.get(monthOf(offset)) ?? 0) / (byMonth.get(monthOf(offset - 1)) ?? 1);
    };
    const s3 = "Amazon Simple Storage Service";
    expect(fall((r) => r.tags.project === "video-recordings" && r.service === s3, -5)).toBeLessThan(0.4);
    expect(fall((r) => r.service === "Amazon Relational Database Service", -4)).toBeLessThan(0.6);
    const nonProdClusters = (r: Row) =>
      r.tags.project === "k8s-platform" &&
      r.service === "Amazon Elastic Compute Cloud - Compute" &&
      r.tags.environment !== "production";
    expect(fall(nonProdClusters, -2)).toBeLessThan(0.6);
  });

  it("keeps the recordings bucket storage-heavy", () => {
    const recordings = dailyAverageByMonth((r) => r.tags.project === "video-recordings");
    const storage = dailyAverageByMonth(
      (r) => r.tags.project === "video-recordings" && r.service === "Amazon Simple Storage Service",
    );
    expect((storage.get(monthOf(-8)) ?? 0) / (recordings.get(monthOf(-8)) ?? 1)).toBeGreaterThan(0.8);
  });
});
