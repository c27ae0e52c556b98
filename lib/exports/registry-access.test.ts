// What each export needs (lib/access): the web download asks it through runExport; the CLI has full access.
import { describe, expect, it } from "vitest";
import { EXPORTS } from "./registry";

describe("the access each export needs", () => {
  it.each(EXPORTS.map((e) => [e.name, e.access] as const))("export %s needs %s", (name, need) => {
    const expected: Record<string, string> = {
      spend: "spend",
      rightsizing: "rightsizing",
      tags: "spend",
      "tag-policy": "spend",
      "sync-runs": "read",
      slides: "read",
      opportunities: "spend",
      commitments: "read",
      nodes: "read",
      audit: "admin",
    };
    expect(need).toBe(expected[name]);
  });
});
