import { describe, expect, it } from "vitest";
import { DEFAULT_TAG_SETTINGS } from "@/lib/settings/tags";
import { listExactAlternatives, toDrillLink } from "./drill";
import { toGroupKey } from "./group-keys";
import { toDefaultSpendView, type SpendView } from "./view";

const base = toDefaultSpendView(new Date("2026-11-26T12:00:00Z"));
const key = (dimension: Parameters<typeof toGroupKey>[0], value: string | null) =>
  toGroupKey(dimension, value, DEFAULT_TAG_SETTINGS, new Map());
const view = (overrides: Partial<SpendView>): SpendView => ({ ...base, ...overrides });

describe("toDrillLink", () => {
  it("goes department → projects → environments, keeping the filters", () => {
    const projects = toDrillLink(base, [key("department", "platform")]);
    expect(projects?.label).toBe("Projects of platform");
    expect(projects?.view).toEqual(view({ by: ["project"], filters: { department: "platform" } }));
    const environments = toDrillLink(projects!.view, [key("project", "k8s")]);
    expect(environments?.view).toEqual(
      view({ by: ["environment"], filters: { department: "platform", project: "k8s" } }),
    );
  });

  it("shows the services behind one environment without guessing: it drops the filters no dataset can hold, and says so", () => {
    const from = view({ by: ["environment"], filters: { department: "platform", project: "k8s" } });
    const services = toDrillLink(from, [key("environment", "production")]);
    expect(services?.view).toEqual(view({ by: ["service"], filters: { environment: "production" } }));
    expect(services?.label).toBe("Services of production (all departments, projects)");
  });

  it("selects untagged spend with the (untagged) filter", () => {
    expect(toDrillLink(base, [key("department", null)])?.view.filters).toEqual({ department: "(untagged)" });
  });

  it("has no drill for a pair that no dataset holds with the next level", () => {
    const pair = view({ by: ["department", "account"] });
    expect(toDrillLink(pair, [key("department", "platform"), key("account", "111111111111")])).toBeNull();
  });
});

describe("listExactAlternatives", () => {
  it("offers the exact views one filter or one grouping away", () => {
    const links = listExactAlternatives(view({ by: ["department", "service"], filters: { account: "111111111111" } }));
    expect(links.map((l) => l.label)).toEqual([
      "Without the linked account filter (111111111111)",
      "By department only",
      "By service only",
    ]);
  });
});
