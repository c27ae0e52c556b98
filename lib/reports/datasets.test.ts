import { describe, expect, it } from "vitest";
import { chooseDataset, type Dimension } from "./datasets";

describe("chooseDataset", () => {
  it.each<[Dimension[], string | null]>([
    [["department"], "department,project,environment"],
    [["project", "environment"], "department,project,environment"],
    [["category"], "department,project,environment"],
    [["department", "category"], "department,project,environment"],
    [["service"], "department,service"],
    [["service", "department"], "department,service"],
    [["project", "service"], "project,service"],
    [["category", "service"], "environment,service"],
    [["account"], "department,account"],
    [["environment", "account"], "environment,account"],
    [["service", "account"], "service,account"],
    [["department", "project", "service"], null],
    [["department", "service", "account"], null],
    [["project", "category", "account"], null],
  ])("answers %j from %s", (dimensions, expected) => {
    expect(chooseDataset(dimensions)?.name ?? null).toBe(expected);
  });
});
