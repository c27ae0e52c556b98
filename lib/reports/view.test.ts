import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseSpendView, toDefaultSpendView, toSpendQuery, type ViewInput } from "./view";

const now = new Date("2026-11-26T12:00:00Z");

function problemOf(input: ViewInput): string {
  try {
    parseSpendView(input, now);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).kind).toBe("bad-input");
    return (err as Error).message;
  }
  throw new Error("expected bad input");
}

describe("parseSpendView", () => {
  it("defaults to departments by month over the last 12 full months and this month so far", () => {
    expect(parseSpendView({}, now)).toEqual({
      by: ["department"],
      from: "2025-11-01",
      to: "2026-12-01",
      granularity: "month",
      metric: "amortized",
      filters: {},
    });
    expect(parseSpendView({}, now)).toEqual(toDefaultSpendView(now));
  });

  it("reads a full view, filter tokens included", () => {
    const view = parseSpendView(
      {
        by: "department,environment",
        from: "2026-01-01",
        to: "2026-04-01",
        granularity: "day",
        metric: "net_amortized",
        project: "(untagged)",
        environment: "(not allowed)",
        service: "AWS Lambda",
      },
      now,
    );
    expect(view).toEqual({
      by: ["department", "environment"],
      from: "2026-01-01",
      to: "2026-04-01",
      granularity: "day",
      metric: "net_amortized",
      filters: { project: "(untagged)", environment: "(not allowed)", service: "AWS Lambda" },
    });
  });

  it("keeps a 13-month range when only one end is given", () => {
    expect(parseSpendView({ to: "2026-07-01" }, now)).toMatchObject({ from: "2025-06-01", to: "2026-07-01" });
    expect(parseSpendView({ from: "2026-10-01" }, now)).toMatchObject({ from: "2026-10-01", to: "2026-12-01" });
  });

  it("round-trips through the URL", () => {
    const view = parseSpendView({ by: "project", department: "a b&c", granularity: "total" }, now);
    expect(parseSpendView(Object.fromEntries(new URLSearchParams(toSpendQuery(view))), now)).toEqual(view);
  });

  it.each<[ViewInput, RegExp]>([
    [{ by: "team" }, /by: "team" is not a dimension; group by one or two of department, project/],
    [{ by: "department,project,environment" }, /at most two dimensions/],
    [{ by: "project,project" }, /names the same dimension twice/],
    [{ from: "2026-13-01" }, /from must be a date as YYYY-MM-DD \(got "2026-13-01"\)/],
    [{ from: "2026-11-01", to: "2026-10-01" }, /from \(2026-11-01\) must be before to \(2026-10-01\); to is exclusive/],
    [{ from: "2026-11-01", to: "2026-11-01" }, /must be before to/],
    [{ from: "1990-01-01", to: "2026-01-01" }, /longer than ten years/],
    [{ metric: "blended" }, /metric must be one of amortized, unblended, net_amortized \(got "blended"\)/],
    [{ granularity: "week" }, /granularity must be one of month, day, total \(got "week"\)/],
    [{ service: "(untagged)" }, /every row has a service/],
    [{ project: "(not allowed)" }, /only department and environment have allowed values/],
    [{ category: "prod" }, /category must be customer-serving or rnd \(got "prod"\)/],
    [{ department: "" }, /department is empty/],
    [{ by: ["department", "project"] }, /by is given 2 times; give it once/],
  ])("rejects %j with a clear message", (input, message) => {
    expect(problemOf(input)).toMatch(message);
  });

  it("lists every problem at once", () => {
    const message = problemOf({ by: "team", metric: "x", from: "yesterday" });
    expect(message).toMatch(/by:/);
    expect(message).toMatch(/metric/);
    expect(message).toMatch(/from must be a date/);
  });
});
