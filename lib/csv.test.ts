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
    ["negative amount string as text (formula-escaped)", "-1234.5678", "'-1234.5678"],
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
    const csv = toCsv(["c1", "c2", "c3", "c4", "c5"], rows, { numberColumns: ["c5"] });
    expect(parseCsv(csv)).toEqual([["c1", "c2", "c3", "c4", "c5"], ...rows]);
  });

  it.each([
    ["=1+2", "'=1+2"],
    ["+1", "'+1"],
    ["-x", "'-x"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", '"\'\r=1"'],
    ["a=1", "a=1"],
  ])("escapes the text cell %j against formula injection (OWASP)", (value, expected) => {
    expect(toCsv(["h"], [[value]])).toBe(`h\r\n${expected}\r\n`);
  });

  it("writes number columns plain, and refuses text in them", () => {
    expect(toCsv(["name", "usd"], [["-x", "-1234.5"]], { numberColumns: ["usd"] })).toBe("name,usd\r\n'-x,-1234.5\r\n");
    expect(() => toCsv(["usd"], [["=1+2"]], { numberColumns: ["usd"] })).toThrow(/not a plain number/);
  });
});
