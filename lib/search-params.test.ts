import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { blankAsAbsent, paramError, parseSearchParams, settleInput, toRowsPage, toSingleParams } from "./search-params";

const schema = z.object({
  metric: z
    .enum(["amortized", "unblended"], paramError("metric", "expected amortized or unblended"))
    .default("amortized"),
  q: blankAsAbsent(z.string().max(5).optional()),
});

describe("parseSearchParams", () => {
  it.each([
    ["an empty URL takes the defaults", new URLSearchParams(""), { metric: "amortized" }],
    ["URLSearchParams", new URLSearchParams("metric=unblended&q=abc"), { metric: "unblended", q: "abc" }],
    ["what Next hands a page", { metric: "unblended", q: undefined }, { metric: "unblended" }],
    ["an unknown parameter is ignored", { metric: "unblended", utm_source: "mail" }, { metric: "unblended" }],
    ["an unknown parameter is ignored, even repeated", new URLSearchParams("utm=a&utm=b"), { metric: "amortized" }],
    ["a blank field of a GET form is absent", { q: "  " }, { metric: "amortized" }],
    ["a one-element list is one value", { metric: ["unblended"] }, { metric: "unblended" }],
  ])("reads %s", (_, input, value) => {
    expect(parseSearchParams(schema, input)).toEqual({ ok: true, value });
  });

  it.each([
    [
      "a repeated parameter, whatever its values",
      new URLSearchParams("metric=unblended&metric=unblended"),
      ["metric is given 2 times; give it once."],
    ],
    [
      "a repeated parameter from Next",
      { metric: ["amortized", "unblended", "x"] },
      ["metric is given 3 times; give it once."],
    ],
    [
      "a bad value, named with what it takes",
      { metric: "blended" },
      ['metric="blended": expected amortized or unblended'],
    ],
    [
      "zod's own wording, with the parameter's name put in front",
      { q: "far too long" },
      ["q: Too big: expected string to have <=5 characters"],
    ],
    [
      "every problem at once",
      { metric: ["a", "b"], q: "far too long" },
      ["metric is given 2 times; give it once.", "q: Too big: expected string to have <=5 characters"],
    ],
  ])("refuses %s", (_, input, problems) => {
    const parsed = parseSearchParams(schema, input);
    expect(parsed).toEqual({ ok: false, kind: "bad-input", problems, message: problems.join(" ") });
  });
});

it("reads the keys behind a transform, and every key of a schema that reads any", () => {
  const piped = z.object({ a: z.string().optional() }).transform((v) => v.a ?? "none");
  expect(parseSearchParams(piped, new URLSearchParams("a=1&b=2&b=3"))).toEqual({ ok: true, value: "1" });
  const any = z.record(z.string(), z.string());
  expect(parseSearchParams(any, new URLSearchParams("b=2&b=3"))).toMatchObject({ ok: false });
});

describe("toSingleParams", () => {
  it("passes every parameter on once, or refuses a repeated one", () => {
    expect(toSingleParams(new URLSearchParams("a=1&b="))).toEqual({ ok: true, value: { a: "1", b: "" } });
    expect(toSingleParams(new URLSearchParams("a=1&a=2"))).toMatchObject({
      ok: false,
      problems: ["a is given 2 times; give it once."],
    });
  });
});

describe("settleInput", () => {
  it("turns input the data refuses into a result, and lets every other failure through", async () => {
    await expect(settleInput(Promise.resolve(7))).resolves.toEqual({ ok: true, value: 7 });
    await expect(settleInput(Promise.reject(new AppError("not-found", 'No team "x".')))).resolves.toEqual({
      ok: false,
      kind: "not-found",
      problems: ['No team "x".'],
      message: 'No team "x".',
    });
    await expect(settleInput(Promise.reject(new AppError("bad-input", "No cluster.")))).resolves.toMatchObject({
      kind: "bad-input",
    });
    await expect(settleInput(Promise.reject(new AppError("unavailable", "down")))).rejects.toThrow("down");
    await expect(settleInput(Promise.reject(new Error("boom")))).rejects.toThrow("boom");
  });
});

describe("toRowsPage", () => {
  const rows = Array.from({ length: 7 }, (_, i) => i + 1);
  it.each([
    // page asked, size → rows shown, page shown, page count
    [1, 3, [1, 2, 3], 1, 3],
    [2, 3, [4, 5, 6], 2, 3],
    [3, 3, [7], 3, 3],
    [9, 3, [7], 3, 3], // past the end: the last page
    [1, 25, [1, 2, 3, 4, 5, 6, 7], 1, 1],
    [0, 3, [1, 2, 3], 1, 3],
  ])("page %i at %i a page: %j (page %i of %i)", (page, size, shown, shownPage, pageCount) => {
    expect(toRowsPage(rows, page, size)).toEqual({ rows: shown, page: shownPage, pageCount, total: 7, size });
  });

  it("has one empty page when there are no rows", () => {
    expect(toRowsPage([], 3, 25)).toEqual({ rows: [], page: 1, pageCount: 1, total: 0, size: 25 });
  });
});
