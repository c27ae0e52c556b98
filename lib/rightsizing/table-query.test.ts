import { describe, expect, it } from "vitest";
import { parseSearchParams } from "@/lib/search-params";
import { scopeSchema, tableQuerySchema, toTablePage } from "./table-query";
import { summarizeRecommendations, toRightsizingRows } from "./summarize";
import { makeSettings, makeUsage } from "@/testing/container-usage";

describe("the table query, read from the URL", () => {
  it("reads what a plain GET form sends: empty fields are absent", () => {
    const parsed = parseSearchParams(tableQuerySchema, {
      cluster: "",
      environment: "staging",
      flag: "",
      change: "",
      q: "  ",
      sort: "name",
      page: "2",
    });
    expect(parsed).toEqual({ ok: true, value: { environment: "staging", sort: "name", page: 2, size: 50 } });
  });

  it("refuses a repeated parameter instead of guessing which one was meant", () => {
    const parsed = parseSearchParams(tableQuerySchema, { sort: ["name", "savings"] });
    expect(parsed.ok === false && parsed.problems).toEqual(["sort is given 2 times; give it once."]);
  });

  it.each([
    [{ sort: "biggest" }, 'sort="biggest": expected one of savings, change, cpu, memory, name'],
    [{ page: "0" }, 'page="0": pages start at 1'],
    [{ page: "two" }, 'page="two": expected a page number'],
    [{ page: "1.5" }, 'page="1.5": expected a whole page number'],
    [{ size: "30" }, 'size="30": expected one of 25, 50, 100, 200'],
    [
      { flag: "expensive" },
      'flag="expensive": expected one of insufficient-data, under-provisioned, oom, hpa, young, no-request, unmapped-environment, peak-guard-raised, limit-raised',
    ],
    [{ dir: "up" }, 'dir="up": expected asc or desc'],
  ])("names the bad parameter %j and what it takes", (params, message) => {
    const parsed = parseSearchParams(tableQuerySchema, params);
    expect(parsed.ok === false && parsed.problems).toEqual([message]);
  });

  it("keeps the overview to cluster and environment", () => {
    expect(parseSearchParams(scopeSchema, { cluster: "prod-us-east-1", sort: "name" })).toEqual({
      ok: true,
      value: { cluster: "prod-us-east-1" },
    });
  });
});

describe("toTablePage", () => {
  // Savings by hand are not needed here: the order follows the rows' own cents, checked by sign and size.
  const rows = toRightsizingRows(
    [
      makeUsage({ workload: "a", container: "small", requests: { cpu: 500 } }),
      makeUsage({ workload: "a", container: "big", requests: { cpu: 4000 } }),
      makeUsage({ workload: "b", container: "raise", requests: { cpu: 100, memory: 128 * 1024 * 1024 } }),
      makeUsage({ workload: "c", container: "huge", requests: { cpu: 8000 } }),
    ],
    makeSettings(),
  );
  const query = (input: Record<string, unknown>) => tableQuerySchema.parse(input);
  const names = (page: ReturnType<typeof toTablePage>) =>
    page.groups.map((g) => `${g.rows.map((r) => r.usage.container).join("+")}${g.isContinued ? " (continued)" : ""}`);

  it("orders workloads by their summed savings and rows within them, largest first", () => {
    const cents = Object.fromEntries(rows.map((r) => [r.usage.container, r.savings.monthlyCents]));
    expect(cents.huge! > cents.big! + cents.small!).toBe(true);
    expect(cents.raise! < 0).toBe(true);
    expect(names(toTablePage(rows, query({})))).toEqual(["huge", "big+small", "raise"]);
    expect(names(toTablePage(rows, query({ dir: "asc" })))).toEqual(["raise", "small+big", "huge"]);
    expect(names(toTablePage(rows, query({ sort: "name" })))).toEqual(["big+small", "raise", "huge"]);
  });

  it("pages by container rows, repeating a split workload's header as continued", () => {
    const first = toTablePage(rows, { ...query({}), size: 2 });
    const second = toTablePage(rows, { ...query({ page: 2 }), size: 2 });
    expect([first.pageCount, first.page, second.page]).toEqual([2, 1, 2]);
    expect(names(first)).toEqual(["huge", "big"]);
    expect(names(second)).toEqual(["small (continued)", "raise"]);
    expect(toTablePage(rows, { ...query({ page: 9 }), size: 2 }).page).toBe(2); // past the end: the last page
  });

  it("keeps every matching row, all pages together, for the totals and the downloads", () => {
    const page = toTablePage(rows, { ...query({ change: "cut" }), size: 25 });
    expect(page.matchingRows.map((r) => r.usage.container)).toEqual(["huge", "big", "small"]);
    expect(summarizeRecommendations(page.matchingRows).total.containers).toBe(3);
  });
});
