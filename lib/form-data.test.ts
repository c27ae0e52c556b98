import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MAX_FIELD_CHARS, MAX_FIELDS, parseFormData } from "./form-data";

const schema = z
  .object({
    name: z.string().trim().min(1, "give it a name"),
    months: z.coerce.number().int().min(1, "at least 1 month").default(3),
  })
  .refine((v) => v.name !== "forbidden", { message: "that name is taken", path: ["name"] });

function form(entries: [string, string | Blob][]): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

describe("parseFormData", () => {
  it("reads the text fields and keeps what was typed", () => {
    expect(
      parseFormData(
        schema,
        form([
          ["name", " Glacier "],
          ["months", "6"],
        ]),
      ),
    ).toEqual({
      ok: true,
      value: { name: "Glacier", months: 6 },
      values: { name: " Glacier ", months: "6" },
    });
  });

  it.each<[string, [string, string | Blob][], Record<string, string>]>([
    [
      "a field's own problem",
      [
        ["name", ""],
        ["months", "3"],
      ],
      { name: "give it a name" },
    ],
    [
      "several fields at once",
      [
        ["name", " "],
        ["months", "0"],
      ],
      { name: "give it a name", months: "at least 1 month" },
    ],
    ["a rule across fields, under the field it names", [["name", "forbidden"]], { name: "that name is taken" }],
    [
      "a field sent twice",
      [
        ["name", "a"],
        ["name", "b"],
      ],
      { name: "sent 2 times; send it once" },
    ],
  ])("puts %s next to its field", (_, entries, errors) => {
    const parsed = parseFormData(schema, form(entries));
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors).toEqual(errors);
    expect(!parsed.ok && parsed.values.months).toBe(Object.fromEntries(entries).months);
  });

  it("does not read files, and puts a problem of the whole form under `form`", () => {
    const whole = z.object({ a: z.string() }).refine(() => false, "nothing to save");
    const parsed = parseFormData(
      whole,
      form([
        ["a", "x"],
        ["upload", new Blob(["y"])],
      ]),
    );
    expect(parsed).toEqual({
      ok: false,
      errors: { form: "nothing to save" },
      message: "nothing to save",
      values: { a: "x" },
    });
  });

  it("refuses a field longer than MAX_FIELD_CHARS without echoing it back whole, and a flood of fields", () => {
    const huge = "x".repeat(MAX_FIELD_CHARS + 1);
    const parsed = parseFormData(schema, form([["name", huge]]));
    expect(parsed).toMatchObject({ ok: false, errors: { name: "200,001 characters: at most 200,000 are read" } });
    expect(parsed.values.name).toHaveLength(1_000);
    const flood = form(Array.from({ length: MAX_FIELDS + 1 }, (_, i): [string, string] => [`f${i}`, "1"]));
    expect(parseFormData(schema, flood)).toMatchObject({
      ok: false,
      errors: { form: "5001 fields sent: at most 5000 are read" },
    });
  });
});
