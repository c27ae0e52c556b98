import { describe, expect, it } from "vitest";
import { CsvBody, formatCsvNumber, parseCsv, toCsv } from "./csv";

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

describe("CsvBody", () => {
  const header = ["day", "service", "amount_usd"];
  const rowsOf = (n: number, made: { count: number }) =>
    function* () {
      for (let i = 0; i < n; i++) {
        made.count++;
        yield [`2026-01-${String((i % 28) + 1).padStart(2, "0")}`, i % 2 ? "=cmd" : "Amazon S3", `${i}.01`];
      }
    };

  it("streams the same bytes as toCsv, making rows only as the reader asks for them", async () => {
    const made = { count: 0 };
    const body = new CsvBody(header, rowsOf(50_000, made), { numberColumns: ["amount_usd"] });
    const reader = body.stream().getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    // One chunk (about 64 KiB) is made, not the file: a large export's memory does not grow with its rows.
    expect(made.count).toBeGreaterThan(0);
    expect(made.count).toBeLessThan(5_000);
    const parts = [first.value!];
    for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
    const streamed = Buffer.concat(parts).toString("utf8");
    made.count = 0;
    const whole = toCsv(header, [...rowsOf(50_000, made)()], { numberColumns: ["amount_usd"] });
    expect(streamed).toBe(whole);
    expect(String(body)).toBe(whole);
  });

  it("throws before the first byte when the file cannot start, and errors the stream when a later row is bad", async () => {
    expect(() => new CsvBody(header, () => [["only one field"]]).stream()).toThrow(/CSV row has 1 fields/);
    const late = new CsvBody(
      header,
      function* () {
        for (let i = 0; i < 10_000; i++) yield ["2026-01-01", "x", "1"];
        yield ["2026-01-01", "x", "not a number"];
      },
      { numberColumns: ["amount_usd"] },
    );
    const reader = late.stream().getReader();
    await expect(
      (async () => {
        for (let r = await reader.read(); !r.done; r = await reader.read());
      })(),
    ).rejects.toThrow(/not a plain number/);
  });
});
