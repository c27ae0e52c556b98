import { describe, expect, it } from "vitest";
import { parseFlags } from "./flags";

const spec = { from: { value: true, description: "" }, reset: { value: false, description: "" } };

describe("parseFlags", () => {
  it("reads values and switches", () => {
    expect(parseFlags(["--from", "2026-01-01", "--reset"], spec).flags).toEqual({ from: "2026-01-01", reset: "true" });
    expect(parseFlags(["--from=2026-01-01"], spec).flags).toEqual({ from: "2026-01-01" });
  });

  it.each([
    [["--from", "2026-01-01", "--from=2026-02-01"], "--from is given twice; give it once."],
    [["--reset", "--reset"], "--reset is given twice; give it once."],
    [["--to", "x"], /Unknown option --to/],
  ])("refuses %j", (argv, message) => {
    expect(() => parseFlags(argv, spec)).toThrow(message);
  });
});
