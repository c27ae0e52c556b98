import { describe, expect, it } from "vitest";
import { formatPrometheus } from "./prometheus";

describe("formatPrometheus", () => {
  it("writes HELP, TYPE and one line per sample, labels quoted", () => {
    expect(
      formatPrometheus([
        {
          name: "costwise_x_total",
          help: "Things.",
          type: "counter",
          samples: [{ value: 3 }, { labels: { source: "aws", status: "failed" }, value: "0.10" }],
        },
      ]),
    ).toBe(
      '# HELP costwise_x_total Things.\n# TYPE costwise_x_total counter\ncostwise_x_total 3\ncostwise_x_total{source="aws",status="failed"} 0.10\n',
    );
  });

  it.each([
    ['a "quoted" team', 'a \\"quoted\\" team'],
    ["back\\slash", "back\\\\slash"],
    ["two\nlines", "two\\nlines"],
  ])("escapes the label value %j", (value, written) => {
    const text = formatPrometheus([
      { name: "m", help: "h", type: "gauge", samples: [{ labels: { team: value }, value: 1 }] },
    ]);
    expect(text.split("\n")[2]).toBe(`m{team="${written}"} 1`);
  });

  it.each([
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "+Inf"],
    [Number.NEGATIVE_INFINITY, "-Inf"],
    [1.5, "1.5"],
    ["-12.34", "-12.34"],
  ])("writes the value %s as %s", (value, written) => {
    expect(formatPrometheus([{ name: "m", help: "h", type: "gauge", samples: [{ value }] }]).split("\n")[2]).toBe(
      `m ${written}`,
    );
  });

  it.each([
    ["a metric name with a dash", { name: "bad-name", labels: {} }],
    ["a label name with a dash", { name: "m", labels: { "bad-label": "x" } }],
  ])("refuses %s", (_what, { name, labels }) => {
    expect(() => formatPrometheus([{ name, help: "h", type: "gauge", samples: [{ labels, value: 1 }] }])).toThrow(
      /Bad/,
    );
  });

  it("refuses a value that is not a number", () => {
    expect(() =>
      formatPrometheus([{ name: "m", help: "h", type: "gauge", samples: [{ value: "1e3; drop" }] }]),
    ).toThrow();
  });
});
