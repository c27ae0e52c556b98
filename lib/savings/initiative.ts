// A savings initiative: a named change with a date and a scope. The scope is a filter the spend
// report answers exactly (lib/reports: same filter values, same datasets), so the ledger's numbers are the
// numbers /spend shows for the same filter. Parsed from form data and from the database the same way.
import { z } from "zod";
import { isDay } from "@/lib/dates";
import { AppError } from "@/lib/errors";
import { blankAsAbsent } from "@/lib/search-params";
import { chooseDataset, DIMENSION_LABELS, DIMENSIONS, toNotExactMessage, type Dimension } from "@/lib/reports/datasets";
import { parseSpendView } from "@/lib/reports/view";

export const INITIATIVE_KINDS = ["bill", "rightsizing"] as const;
export type InitiativeKind = (typeof INITIATIVE_KINDS)[number];
export const DEFAULT_MONTHS = 3;

export type InitiativeScope = {
  /** One value per filtered dimension, as reports show it (after aliases); none = the whole bill. */
  filters: Partial<Record<Dimension, string>>;
  /** Rightsizing initiatives: which rows' potential is still on the table (none = every cluster). */
  rightsizing?: { cluster?: string; environment?: string };
};

export type InitiativeInput = {
  name: string;
  description: string;
  changeDate: string;
  kind: InitiativeKind;
  months: number;
  scope: InitiativeScope;
};

export type Initiative = InitiativeInput & {
  id: number;
  createdAt: Date;
  updatedAt: Date;
  /** Set when the stored scope no longer parses (edited by hand): the ledger says so instead of measuring. */
  scopeError: string | null;
};

const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);
const optionalText = z
  .string()
  .trim()
  .max(200, "at most 200 characters")
  .optional()
  .transform((s) => (s ? s : undefined));

const filtersSchema = z.object(
  Object.fromEntries(DIMENSIONS.map((d) => [d, optionalText])) as Record<Dimension, typeof optionalText>,
);

export const scopeSchema = z.object({
  filters: filtersSchema.prefault({}),
  rightsizing: z.object({ cluster: optionalText, environment: optionalText }).optional(),
});

// The fields of an initiative, shared by the stored shape and the form (which sends them flat, as text).
const fields = {
  name: text(120).min(1, "give the initiative a name, e.g. “Recordings moved to Glacier Instant Retrieval”"),
  description: text(280).default(""),
  changeDate: z.string().trim().refine(isDay, "a date as YYYY-MM-DD, e.g. 2026-06-01"),
  kind: z.enum(INITIATIVE_KINDS, { message: "bill or rightsizing" }).default("bill"),
  months: z.coerce
    .number({ message: "a whole number of months from 1 to 12" })
    .int("a whole number of months from 1 to 12")
    .min(1, "at least 1 month")
    .max(12, "at most 12 months")
    .default(DEFAULT_MONTHS),
};

const inputSchema = z.object({ ...fields, scope: scopeSchema.prefault({}) });

export type FieldErrors = Partial<Record<string, string>>;
export type ParsedInitiative = { ok: true; value: InitiativeInput } | { ok: false; errors: FieldErrors };

/** Validates an initiative; errors are keyed by field ("name", "changeDate", "scope", "department", …). */
export function parseInitiativeInput(input: unknown, now: Date): ParsedInitiative {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[issue.path.length - 1] ?? "form");
      errors[key] ??= issue.message;
    }
    return { ok: false, errors };
  }
  const value = parsed.data as InitiativeInput;
  const filters = Object.fromEntries(
    Object.entries(value.scope.filters).filter(([, v]) => v !== undefined),
  ) as InitiativeScope["filters"];
  const problem = checkScopeFilters(filters, now);
  if (problem) return { ok: false, errors: { scope: problem } };
  const rightsizing = value.kind === "rightsizing" ? compact(value.scope.rightsizing ?? {}) : undefined;
  return { ok: true, value: { ...value, scope: rightsizing ? { filters, rightsizing } : { filters } } };
}

function compact<T extends Record<string, string | undefined>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Null when the spend report answers these filters exactly; else what is wrong, in words. */
export function checkScopeFilters(filters: InitiativeScope["filters"], now: Date): string | null {
  const dimensions = Object.keys(filters) as Dimension[];
  try {
    parseSpendView({ ...filters, by: dimensions[0] ?? "department" }, now);
  } catch (err) {
    if (err instanceof AppError) return err.message;
    throw err;
  }
  if (chooseDataset(dimensions) === null) return toNotExactMessage(dimensions);
  return null;
}

/**
 * The form of /savings, as it is posted (lib/form-data.ts): flat text fields (department, project, …,
 * rs_cluster, rs_environment; `id` when it edits one). Problems are keyed by field; a scope the spend report
 * cannot answer exactly is keyed `scope`.
 */
export function initiativeFormSchema(now: Date) {
  return z
    .object({
      id: blankAsAbsent(z.string().optional()),
      name: fields.name,
      description: fields.description,
      changeDate: fields.changeDate,
      kind: blankAsAbsent(fields.kind),
      months: blankAsAbsent(fields.months),
      ...(Object.fromEntries(DIMENSIONS.map((d) => [d, optionalText])) as Record<Dimension, typeof optionalText>),
      rs_cluster: optionalText,
      rs_environment: optionalText,
    })
    .transform((form, ctx): { id: number | null; initiative: InitiativeInput } => {
      // The hidden id of the initiative being edited: only a tampered or stale form gets it wrong.
      if (form.id !== undefined && !/^[1-9]\d*$/.test(form.id))
        ctx.addIssue({
          code: "custom",
          path: ["form"],
          message: `Not an initiative id: "${form.id}". Reload the page.`,
        });
      const filters = compact(Object.fromEntries(DIMENSIONS.map((d) => [d, form[d]]))) as InitiativeScope["filters"];
      const problem = checkScopeFilters(filters, now);
      if (problem) ctx.addIssue({ code: "custom", path: ["scope"], message: problem });
      const rightsizing =
        form.kind === "rightsizing"
          ? compact({ cluster: form.rs_cluster, environment: form.rs_environment })
          : undefined;
      const { name, description, changeDate, kind, months } = form;
      return {
        id: form.id === undefined ? null : Number(form.id),
        initiative: {
          name,
          description,
          changeDate,
          kind,
          months,
          scope: rightsizing ? { filters, rightsizing } : { filters },
        },
      };
    });
}

/** The delete form of /savings: the initiative's id. */
export const initiativeIdFormSchema = z.object({
  id: z
    .string({ error: "Name the initiative to delete." })
    .regex(/^[1-9]\d*$/, { error: (issue) => `Not an initiative id: "${String(issue.input)}".` })
    .transform(Number),
});

/** What the form shows to edit an initiative: its fields as text, the scope's filters flat. */
export function toInitiativeFormValues(initiative: Initiative): Record<string, string> {
  const { scope } = initiative;
  return {
    name: initiative.name,
    description: initiative.description,
    changeDate: initiative.changeDate,
    kind: initiative.kind,
    months: String(initiative.months),
    ...compact(scope.filters),
    ...(scope.rightsizing?.cluster ? { rs_cluster: scope.rightsizing.cluster } : {}),
    ...(scope.rightsizing?.environment ? { rs_environment: scope.rightsizing.environment } : {}),
  } as Record<string, string>;
}

/**
 * What /savings reads from its URL: an initiative to edit (`?edit=ID`), or a new one's prefill, as the
 * candidates link it (`?new=1&name=…&project=…&changeDate=…`).
 */
const PREFILL_FIELDS = ["name", "description", "changeDate", "kind", "months", ...DIMENSIONS] as const;
export type PrefillField = (typeof PREFILL_FIELDS)[number];
const prefill = z.string().optional();
export const savingsParamsSchema = z.object({
  edit: prefill,
  ...(Object.fromEntries(PREFILL_FIELDS.map((k) => [k, prefill])) as Record<PrefillField, typeof prefill>),
});
export type SavingsParams = z.infer<typeof savingsParamsSchema>;

/** "Project video-recordings · Service Amazon Simple Storage Service"; "The whole bill" without filters. */
export function formatScope(scope: InitiativeScope): string {
  const parts = DIMENSIONS.flatMap((d) =>
    scope.filters[d] === undefined ? [] : [`${DIMENSION_LABELS[d]} ${scope.filters[d]}`],
  );
  return parts.length > 0 ? parts.join(" · ") : "The whole bill";
}

/** A stored scope; one that no longer parses (edited by hand) comes back with the problem, never as a guess. */
export function parseStoredScope(value: unknown, now: Date): { scope: InitiativeScope; error: string | null } {
  const parsed = scopeSchema.safeParse(value);
  if (!parsed.success)
    return {
      scope: { filters: {} },
      error: `The stored scope cannot be read (${parsed.error.issues[0]?.message}); edit the initiative to set it again.`,
    };
  const filters = compact(parsed.data.filters) as InitiativeScope["filters"];
  const scope = parsed.data.rightsizing ? { filters, rightsizing: compact(parsed.data.rightsizing) } : { filters };
  return { scope, error: checkScopeFilters(filters, now) };
}
