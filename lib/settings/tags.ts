// Tag settings: allowed values, aliases and environment categories.
// Stored as JSON in the database later; parsed here so every reader gets the same defaults and checks.
import { z } from "zod";

/** The three cost-allocation tags every resource carries. */
export const TAG_KEYS = ["department", "project", "environment"] as const;
export type TagKey = (typeof TAG_KEYS)[number];

/** Keys whose values come from a fixed list; `project` is free text. */
export const CONSTRAINED_TAG_KEYS = ["department", "environment"] as const;
export type ConstrainedTagKey = (typeof CONSTRAINED_TAG_KEYS)[number];

export const ENVIRONMENT_CATEGORIES = ["customer-serving", "rnd"] as const;
export type EnvironmentCategory = (typeof ENVIRONMENT_CATEGORIES)[number];

/** A raw value as found in the data (matched exactly) and the allowed value its spend is reported under. */
export type TagAlias = { raw: string; value: string };

export type TagSettings = {
  /** Allowed values per key; an empty list means only presence is checked. */
  allowed: Record<ConstrainedTagKey, string[]>;
  aliases: Record<ConstrainedTagKey, TagAlias[]>;
  /** Allowed environment → category; an allowed environment without an entry is R&D. */
  categories: Record<string, EnvironmentCategory>;
  /** Category of spend without an `environment` tag. */
  untaggedEnvironmentCategory: EnvironmentCategory;
};

export type TagSettingsResult = { ok: true; settings: TagSettings } | { ok: false; errors: string[] };

// Until edited, environment allows these four; an empty department list checks presence only.
export const DEFAULT_ENVIRONMENTS = ["production", "staging", "development", "shared"] as const;
// Customer-serving = production; every other environment (and untagged) is R&D (docs/rules.md, Tags).
// Derived from the allowed list when no categories are stored, so a custom list never meets stale defaults.
function toDefaultCategories(environments: readonly string[]): Record<string, EnvironmentCategory> {
  return Object.fromEntries(environments.map((env) => [env, env === "production" ? "customer-serving" : "rnd"]));
}

// AWS tag values: at most 256 Unicode characters of letters, numbers, spaces and `_ . : / = + - @`.
// Holding allowed values to it keeps the exported tag policy and Terraform valid (no `*`, `"`, `$`).
const AWS_TAG_VALUE_MAX = 256;
const AWS_TAG_VALUE_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

const categorySchema = z.enum(ENVIRONMENT_CATEGORIES, {
  error: 'must be "customer-serving" or "rnd"',
});
const aliasSchema = z.object({ raw: z.string(), value: z.string() });

const tagSettingsShape = z.object({
  allowed: z
    .object({
      department: z.array(z.string()).default(() => []),
      environment: z.array(z.string()).default(() => [...DEFAULT_ENVIRONMENTS]),
    })
    .prefault({}),
  aliases: z
    .object({
      department: z.array(aliasSchema).default(() => []),
      environment: z.array(aliasSchema).default(() => []),
    })
    .prefault({}),
  categories: z.record(z.string(), categorySchema).optional(),
  untaggedEnvironmentCategory: categorySchema.default("rnd"),
});

/** Parses stored settings: missing fields get the defaults, then every rule below is checked. */
export const tagSettingsSchema = tagSettingsShape
  .transform((settings): TagSettings => ({
    ...settings,
    categories: settings.categories ?? toDefaultCategories(settings.allowed.environment),
  }))
  .superRefine((settings, ctx) => {
    for (const problem of listTagSettingsProblems(settings)) {
      ctx.addIssue({ code: "custom", message: problem.message, path: problem.path });
    }
  });

export const DEFAULT_TAG_SETTINGS: TagSettings = deepFreeze(tagSettingsSchema.parse({}));

/** Settings from unknown input (database JSON, form data): defaults filled in, or messages a person can act on. */
export function parseTagSettings(input: unknown): TagSettingsResult {
  const parsed = tagSettingsSchema.safeParse(input);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const errors = parsed.error.issues.map((issue) =>
    issue.code === "custom" || issue.path.length === 0
      ? issue.message
      : `Tag settings field ${issue.path.join(".")}: ${issue.message}.`,
  );
  return { ok: false, errors };
}

/** Same as parseTagSettings for settings already typed (the operations call it on their result). */
export function toValidatedTagSettings(settings: TagSettings): TagSettingsResult {
  const errors = listTagSettingsProblems(settings).map((problem) => problem.message);
  return errors.length === 0 ? { ok: true, settings } : { ok: false, errors };
}

/** Compares allowed values the way duplicates are detected: ignoring case and surrounding spaces. */
export function toComparableTagValue(value: string): string {
  return value.trim().toLowerCase();
}

type Problem = { path: (string | number)[]; message: string };

/** Every rule the settings break, each with a message saying what to change. */
export function listTagSettingsProblems(settings: TagSettings): Problem[] {
  const problems: Problem[] = [];
  for (const key of CONSTRAINED_TAG_KEYS) {
    problems.push(...listAllowedValueProblems(key, settings.allowed[key]));
    problems.push(...listAliasProblems(key, settings.allowed[key], settings.aliases[key]));
  }
  const environments = new Set(settings.allowed.environment);
  for (const environment of Object.keys(settings.categories)) {
    if (environments.has(environment)) continue;
    problems.push({
      path: ["categories", environment],
      message: `A category is set for environment "${environment}", which is not an allowed environment: add "${environment}" to the allowed environments, or remove its category.`,
    });
  }
  return problems;
}

function listAllowedValueProblems(key: ConstrainedTagKey, values: string[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  values.forEach((value, index) => {
    const path = ["allowed", key, index];
    if (value.trim() === "") {
      problems.push({ path, message: `Allowed ${key} value #${index + 1} is empty: type a value, or remove the row.` });
      return;
    }
    if (value !== value.trim()) {
      problems.push({
        path,
        message: `Allowed ${key} value "${value}" starts or ends with spaces: AWS compares tag values exactly, so use "${value.trim()}".`,
      });
    }
    if ([...value].length > AWS_TAG_VALUE_MAX) {
      problems.push({
        path,
        message: `Allowed ${key} value "${value.slice(0, 40)}…" is longer than AWS's ${AWS_TAG_VALUE_MAX}-character limit for tag values: shorten it.`,
      });
    }
    if (!AWS_TAG_VALUE_PATTERN.test(value)) {
      problems.push({
        path,
        message: `Allowed ${key} value "${value}" has characters AWS does not accept in tag values: use only letters, numbers, spaces and _ . : / = + - @.`,
      });
    }
    const comparable = toComparableTagValue(value);
    const earlier = seen.get(comparable);
    if (earlier !== undefined) {
      problems.push({
        path,
        message: `Allowed ${key} values "${earlier}" and "${value}" are the same value (compared ignoring case and surrounding spaces): keep one.`,
      });
    } else {
      seen.set(comparable, value);
    }
  });
  return problems;
}

function listAliasProblems(key: ConstrainedTagKey, allowed: string[], aliases: TagAlias[]): Problem[] {
  const problems: Problem[] = [];
  const allowedSet = new Set(allowed);
  const seenRaw = new Set<string>();
  aliases.forEach((alias, index) => {
    const path = ["aliases", key, index];
    if (alias.raw.trim() === "") {
      problems.push({
        path,
        message: `The ${key} alias #${index + 1} has an empty raw value: spend without the "${key}" tag is reported as missing and cannot be aliased; remove the alias.`,
      });
      return;
    }
    if (seenRaw.has(alias.raw)) {
      problems.push({ path, message: `The ${key} alias for "${alias.raw}" is defined more than once: keep one.` });
    }
    seenRaw.add(alias.raw);
    if (allowedSet.has(alias.raw)) {
      problems.push({
        path,
        message: `The ${key} alias "${alias.raw}" → "${alias.value}" is not needed: "${alias.raw}" is itself an allowed ${key}. Remove the alias, or remove "${alias.raw}" from the allowed values first.`,
      });
    }
    if (!allowedSet.has(alias.value)) {
      problems.push({ path, message: toAliasTargetMessage(key, alias, allowed) });
    }
  });
  return problems;
}

function toAliasTargetMessage(key: ConstrainedTagKey, alias: TagAlias, allowed: string[]): string {
  const head = `The ${key} alias "${alias.raw}" → "${alias.value}" points to a value that is not allowed`;
  if (allowed.length === 0) {
    return `${head}: the allowed ${key} list is empty (presence only), so there is nothing to alias to. Add allowed values first.`;
  }
  return `${head}: point it to one of ${allowed.map((v) => `"${v}"`).join(", ")}, or add "${alias.value}" to the allowed ${key} values first.`;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
