// Reading a submitted form with a zod schema: the one way every server action reads its input. Fields are text
// (files are not read); a field sent twice is a problem of its own, as in a URL (lib/search-params.ts).
// A problem is kept under the field it belongs to, so the form can show it next to that field, and what was
// typed comes back as it was, so nothing is lost when the form is shown again.
import { z } from "zod";

/** Problems by field name (`name`, `cluster.0.vcpu`…); `form` for a problem of the whole form. */
export type FieldErrors = Record<string, string>;

export type ParsedForm<T> =
  | { ok: true; value: T; values: Record<string, string> }
  | { ok: false; errors: FieldErrors; message: string; values: Record<string, string> };

/** The field a problem belongs to: its path, or `form` when it concerns the whole form. */
const FORM = "form";

/** The longest field a form takes: the largest real one (a mapping of namespaces to teams) is a few KB. */
export const MAX_FIELD_CHARS = 200_000;
/** Fields a form may send (cluster rows are a few fields each). */
export const MAX_FIELDS = 5_000;

export function parseFormData<S extends z.ZodType>(schema: S, form: FormData): ParsedForm<z.output<S>> {
  const values: Record<string, string> = {};
  const errors: FieldErrors = {};
  const keys = new Set(form.keys());
  if (keys.size > MAX_FIELDS) {
    return {
      ok: false,
      errors: { [FORM]: `${keys.size} fields sent: at most ${MAX_FIELDS} are read` },
      message: `${keys.size} fields sent: at most ${MAX_FIELDS} are read`,
      values,
    };
  }
  for (const key of keys) {
    const texts = form.getAll(key).filter((v): v is string => typeof v === "string");
    if (texts.length > 1) errors[key] = `sent ${texts.length} times; send it once`;
    else if (texts[0] !== undefined && texts[0].length > MAX_FIELD_CHARS) {
      // Not echoed back whole: the form shows its beginning with the problem.
      errors[key] =
        `${texts[0].length.toLocaleString("en-US")} characters: at most ${MAX_FIELD_CHARS.toLocaleString("en-US")} are read`;
      values[key] = texts[0].slice(0, 1_000);
    } else if (texts[0] !== undefined) values[key] = texts[0];
  }
  const result = schema.safeParse(values);
  if (!result.success)
    for (const issue of result.error.issues) errors[issue.path.map(String).join(".") || FORM] ??= issue.message;
  if (result.success && Object.keys(errors).length === 0)
    return { ok: true, value: result.data as z.output<S>, values };
  return { ok: false, errors, message: Object.values(errors).join(" "), values };
}

/** The hidden field in which a settings form carries the version of the settings it was opened with. */
export const SETTING_VERSION_FIELD = "settingVersion";

/**
 * The settings version a form was opened with, or null when the form sent none or a value that is not a whole
 * number (an old page, a hand-made request): the save is then refused with "reload", never done unchecked.
 */
export function readSettingVersion(form: FormData): number | null {
  const values = form.getAll(SETTING_VERSION_FIELD);
  if (values.length !== 1 || typeof values[0] !== "string" || !/^\d{1,9}$/.test(values[0])) return null;
  return Number(values[0]);
}

/** What a save without a readable settings version answers. */
export const MISSING_SETTING_VERSION =
  "This form did not say which version of the settings it was opened with, so nothing was saved: reload the page and make the change again.";
