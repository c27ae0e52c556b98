import { describe, expect, it } from "vitest";
import { formatCsvNumber, parseCsv, toCsv } from "./csv";

describe("toCsv", () => {
  it.each([
    ["plain", "abc", "abc"],
    ["comma", "a,b", '"a,b"'],
    ["quote", 'say "hi"', '"say ""hi"""'],
    ["newline", "a\nb", '"a\nb"'],
    ["leading space kept by quoting", " Production", '" Production"'],
    ["trailing space kept by quoting", "Production ", '"Production "'],
    ["empty string", "", ""],
    ["null", null, ""],
    ["negative amount string", "-1234.5678", "-1234.5678"],
    ["unicode", "Zürich ☁", "Zürich ☁"],
  ])("writes %s", (_, value, expected) => {
    expect(toCsv(["h"], [[value]])).toBe(`h\r\n${expected}\r\n`);
  });

  it.each([
    [0.00000001, "0.00000001"],
    [-1234.5, "-1234.5"],
    [1e21, "1000000000000000000000"],
    [12, "12"],
  ])("writes the number %s without exponent or separators", (n, expected) => {
    expect(formatCsvNumber(n)).toBe(expected);
  });

  it("refuses a row whose width differs from the header", () => {
    expect(() => toCsv(["a", "b"], [["1"]])).toThrow(/1 fields, header has 2/);
  });

  it("round-trips through the parser", () => {
    const rows = [
      ["a,b", 'q"', "x\r\ny", "", "-1.5"],
      ["1", "2", "3", "4", "5"],
    ];
    expect(parseCsv(toCsv(["c1", "c2", "c3", "c4", "c5"], rows))).toEqual([["c1", "c2", "c3", "c4", "c5"], ...rows]);
  });
});
