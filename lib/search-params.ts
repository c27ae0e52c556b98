// Reading a URL's search parameters (and export options, which are the same strings) with a zod schema: the one
// way every page, route handler and export reads a URL. The rules it applies to every parameter:
// - A parameter the schema reads once but the URL gives several times (`?metric=a&metric=b`) is bad input: which
//   one was meant is a guess, and a page and its download must never guess differently.
// - Parameters the schema does not read are ignored, repeated or not (a link may carry tracking parameters);
//   exports refuse them separately, so a typo in a download option is not a silently ignored filter.
// - Every problem is reported at once, each message naming the parameter and what it takes.
import { z } from "zod";
import { AppError } from "@/lib/errors";

export type SearchParamsInput = URLSearchParams | Readonly<Record<string, string | readonly string[] | undefined>>;

/** A parse that cannot throw: the value, or every problem in words (and `message`, the problems as one line). */
export type Parsed<T> =
  { ok: true; value: T } | { ok: false; kind: "bad-input" | "not-found"; problems: string[]; message: string };

export function refuse(problems: string[], kind: "bad-input" | "not-found" = "bad-input"): Parsed<never> {
  return { ok: false, kind, problems, message: problems.join(" ") };
}

/** Parses search parameters with `schema`; a repeated parameter is a problem of its own (and read as absent). */
export function parseSearchParams<S extends z.ZodType>(schema: S, input: SearchParamsInput): Parsed<z.output<S>> {
  const { params, problems } = toSingleValues(input, readKeys(schema));
  const result = schema.safeParse(params);
  if (!result.success) problems.push(...result.error.issues.map(toProblem));
  if (problems.length > 0) return refuse(problems);
  return { ok: true, value: result.data as z.output<S> };
}

/** Every parameter once, as a plain record: what a route handler passes on to an export. */
export function toSingleParams(input: SearchParamsInput): Parsed<Record<string, string>> {
  const { params, problems } = toSingleValues(input);
  return problems.length > 0 ? refuse(problems) : { ok: true, value: params };
}

/**
 * An empty (or blank) value read as an absent one: what a plain GET form sends for a field left at "any".
 * Wrap the fields of a schema that a GET form fills.
 */
export function blankAsAbsent<S extends z.ZodType>(schema: S) {
  return z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema);
}

/** A schema's error naming the parameter and the value it got: `paramError("sort", "expected one of …")`. */
export function paramError(name: string, text: string) {
  return { error: (issue: { input?: unknown }) => `${name}="${String(issue.input ?? "")}": ${text}` };
}

/** The rows a table shows per page: the same choice on every paged table. */
export const PAGE_SIZES = [25, 50, 100, 200] as const;

// Numbers arrive as text from a URL (and as numbers from code that builds a query).
const numberText = (name: string, text: string) =>
  z.coerce
    .string()
    .regex(/^-?\d+(\.\d+)?$/, paramError(name, text))
    .transform(Number);

/** `?<name>=N`, a page number from 1 (default 1); past the last page is read as the last page by the table. */
export function pageNumberParam(name: string) {
  return blankAsAbsent(
    numberText(name, "expected a page number")
      .pipe(
        z.number().int(paramError(name, "expected a whole page number")).min(1, paramError(name, "pages start at 1")),
      )
      .default(1),
  );
}

/** `?<name>=N`, one of PAGE_SIZES (default 50). */
export function pageSizeParam(name: string) {
  return blankAsAbsent(
    numberText(name, "expected a page size")
      .refine(
        (n) => (PAGE_SIZES as readonly number[]).includes(n),
        paramError(name, `expected one of ${PAGE_SIZES.join(", ")}`),
      )
      .default(50),
  );
}

/** One page of a table's rows, and where it stands among all of them. */
export type RowsPage<T> = {
  rows: T[];
  /** The page shown: the one asked for, or the last one when that is past the end. */
  page: number;
  pageCount: number;
  /** Every row's count, over all pages. */
  total: number;
  size: number;
};

/** Page `page` of `rows` at `size` a page; a page past the end shows the last one. */
export function toRowsPage<T>(rows: readonly T[], page: number, size: number): RowsPage<T> {
  const pageCount = Math.max(1, Math.ceil(rows.length / size));
  const shown = Math.min(Math.max(1, page), pageCount);
  return { rows: rows.slice((shown - 1) * size, shown * size), page: shown, pageCount, total: rows.length, size };
}

/**
 * A read that refuses input only the data can judge (a team or cluster that is not in the synced data), as a
 * `Parsed`, so a page shows it like any other bad link; every other failure is thrown on to the error page.
 */
export async function settleInput<T>(read: Promise<T>): Promise<Parsed<T>> {
  try {
    return { ok: true, value: await read };
  } catch (err) {
    if (err instanceof AppError && (err.kind === "bad-input" || err.kind === "not-found"))
      return refuse([err.message], err.kind);
    throw err;
  }
}

// The parameters a schema reads: an object's keys (also behind a transform); null when it reads any key.
function readKeys(schema: z.ZodType): ReadonlySet<string> | null {
  if (schema instanceof z.ZodObject) return new Set(Object.keys(schema.shape));
  if (schema instanceof z.ZodPipe) return readKeys(schema.in as z.ZodType);
  return null;
}

function toSingleValues(
  input: SearchParamsInput,
  keys: ReadonlySet<string> | null = null,
): { params: Record<string, string>; problems: string[] } {
  const entries: [string, readonly string[]][] =
    input instanceof URLSearchParams
      ? [...new Set(input.keys())].map((key) => [key, input.getAll(key)])
      : Object.entries(input).flatMap(([key, value]) =>
          value === undefined ? [] : [[key, typeof value === "string" ? [value] : value]],
        );
  const params: Record<string, string> = {};
  const problems: string[] = [];
  for (const [key, values] of entries) {
    if (keys && !keys.has(key)) continue;
    if (values.length > 1) problems.push(`${key} is given ${values.length} times; give it once.`);
    else if (values[0] !== undefined) params[key] = values[0];
  }
  return { params, problems };
}

// Schemas write messages that name their parameter ("metric must be one of …"); one that does not (zod's own
// wording) gets the parameter's name in front, so no message leaves the reader guessing which input is meant.
function toProblem(issue: z.core.$ZodIssue): string {
  const name = issue.path.map(String).join(".");
  return name && !issue.message.includes(name) ? `${name}: ${issue.message}` : issue.message;
}
