import { describe, expect, it } from "vitest";
import { parseFormKey, toFormKey } from "./row-key";

const key = (cluster: string, container = "app") => ({
  cluster,
  namespace: "data",
  workloadKind: "Deployment",
  workload: "api",
  container,
});

describe("a container as a form value", () => {
  it.each([
    [key("prod-us-east-1"), "prod-us-east-1/data/Deployment/api/app"],
    [key("team/a b", "c%d"), "team%2Fa%20b/data/Deployment/api/c%25d"], // a slash in a part cannot split it
    [key("ünïcode"), "%C3%BCn%C3%AFcode/data/Deployment/api/app"],
  ])("writes %j as %s and reads it back", (container, value) => {
    expect(toFormKey(container)).toBe(value);
    expect(parseFormKey(value)).toEqual(container);
  });

  it.each([
    ["a/b/c/d"],
    ["a/b/c/d/e/f"],
    ["a/b/c/d/%E0%A4%A"], // a broken escape
    ['["a","b","c","d","e"]'],
  ])("refuses %s", (value) => {
    expect(parseFormKey(value)).toBeNull();
  });
});
