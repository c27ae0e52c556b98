// The one classifier of raw tag values, suggestions for values outside the lists
// and the customer-serving / R&D category of an environment.
//
// Semantics, shared with the SQL in ./sql.ts:
// - Missing: no tag (null/undefined), "" (AWS reports untagged as `department$`) or only TAG_WHITESPACE.
// - Everything else matches exactly, case and spaces included, like AWS tag values and tag policies:
//   `Production ` and `Prod` are not `production`; they are not allowed unless an alias maps them.
// - `value` is what reports group under: the allowed value, the alias target, or for a value not allowed
//   the raw value unchanged (not trimmed), so each report row is one raw value an alias can fix.
import type { EnvironmentCategory, TagKey, TagSettings } from "@/lib/settings/tags";

export type TagStatus = "allowed" | "aliased" | "not-allowed" | "missing";

export type TagClassification = {
  status: TagStatus;
  /** The value reports group under; null when the tag is missing. */
  value: string | null;
  /** The value as stored (null when the tag is absent). */
  raw: string | null;
};

/** The characters that alone make a tag value count as missing (the same set is passed to SQL btrim). */
export const TAG_WHITESPACE = " \t\n\r\f\v";

// Typed as a guard so the `false` branch narrows to string; a `true` result may also be whitespace-only.
export function isMissingTagValue(raw: string | null | undefined): raw is null | undefined | "" {
  if (raw === null || raw === undefined) return true;
  for (const char of raw) if (!TAG_WHITESPACE.includes(char)) return false;
  return true;
}

export function classifyTagValue(
  key: TagKey,
  raw: string | null | undefined,
  settings: TagSettings,
): TagClassification {
  if (isMissingTagValue(raw)) return { status: "missing", value: null, raw: raw ?? null };
  // `project` is free text and an empty allowed list checks presence only.
  if (key === "project") return { status: "allowed", value: raw, raw };
  const allowed = settings.allowed[key];
  if (allowed.length === 0 || allowed.includes(raw)) return { status: "allowed", value: raw, raw };
  const alias = settings.aliases[key].find((a) => a.raw === raw);
  if (alias) return { status: "aliased", value: alias.value, raw };
  return { status: "not-allowed", value: raw, raw };
}

/**
 * Customer-serving or R&D for a raw `environment` value: missing → the untagged setting; allowed or
 * aliased → the category of the resolved value (R&D when none is set); not allowed → R&D, since
 * "every other environment is R&D" and an unknown environment is still an environment.
 */
export function categorizeEnvironment(
  rawEnvironment: string | null | undefined,
  settings: TagSettings,
): EnvironmentCategory {
  const { status, value } = classifyTagValue("environment", rawEnvironment, settings);
  if (status === "missing") return settings.untaggedEnvironmentCategory;
  if (status === "not-allowed" || value === null) return "rnd";
  return settings.categories[value] ?? "rnd";
}

/** The mapping shown next to the customer-serving / R&D report: each allowed environment and its category. */
export function listEnvironmentCategories(
  settings: TagSettings,
): { environment: string; category: EnvironmentCategory }[] {
  return settings.allowed.environment.map((environment) => ({
    environment,
    category: settings.categories[environment] ?? "rnd",
  }));
}

// Common abbreviations that are not prefixes of the full word (prefixes like `prod`, `dev`, `fin` are
// found by the prefix rule). Used only when the expansion is an allowed value.
const COMMON_ABBREVIATIONS: Record<string, string> = {
  prd: "production",
  stg: "staging",
  stage: "staging",
  dvlp: "development",
  mktg: "marketing",
};

// Shortest raw value treated as an abbreviation by prefix: `fin` → finance, but `s` or `de` guess too much.
const MIN_PREFIX_LENGTH = 3;

/**
 * The allowed value a raw value most likely meant, or null when nothing is close or two are equally close.
 * In order: same value ignoring case and surrounding spaces (`Platform`, `Production `); a common
 * abbreviation or a prefix of exactly one value (`prod`, `Prod`, `dev`, `fin`); then spelling, by
 * Damerau-Levenshtein distance (optimal string alignment) of at most a quarter of the value's length,
 * at least 1 (`paymnets` → payments, `stagign` → staging).
 */
export function suggestAllowedValue(raw: string | null | undefined, allowed: readonly string[]): string | null {
  if (isMissingTagValue(raw) || allowed.length === 0) return null;
  const wanted = normalize(raw);
  const candidates = allowed.map((value) => ({ value, comparable: normalize(value) }));

  const same = candidates.find((c) => c.comparable === wanted);
  if (same) return same.value;

  const expanded = COMMON_ABBREVIATIONS[wanted];
  const abbreviated = expanded === undefined ? undefined : candidates.find((c) => c.comparable === expanded);
  if (abbreviated) return abbreviated.value;

  if ([...wanted].length >= MIN_PREFIX_LENGTH) {
    const prefixed = candidates.filter((c) => c.comparable.startsWith(wanted));
    if (prefixed.length === 1 && prefixed[0]) return prefixed[0].value;
  }

  let best: { value: string; distance: number } | null = null;
  let tied = false;
  for (const candidate of candidates) {
    const limit = Math.max(1, Math.floor([...candidate.comparable].length / 4));
    const distance = toEditDistance(wanted, candidate.comparable, limit);
    if (distance > limit) continue;
    if (best === null || distance < best.distance) {
      best = { value: candidate.value, distance };
      tied = false;
    } else if (distance === best.distance) {
      tied = true;
    }
  }
  return best !== null && !tied ? best.value : null;
}

function normalize(value: string): string {
  return value.trim().toLowerCase();
}

/**
 * Damerau-Levenshtein distance, optimal-string-alignment variant (an adjacent swap costs 1).
 * Returns limit + 1 as soon as the distance is known to exceed `limit`.
 */
export function toEditDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > limit) return limit + 1;
  const width = t.length + 1;
  // d[i * width + j] = distance between the first i chars of s and the first j chars of t.
  const d: number[] = [];
  const get = (i: number, j: number) => d[i * width + j] ?? Number.POSITIVE_INFINITY;
  for (let j = 0; j <= t.length; j++) d[j] = j;
  for (let i = 1; i <= s.length; i++) {
    d[i * width] = i;
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let distance = Math.min(get(i - 1, j) + 1, get(i, j - 1) + 1, get(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        distance = Math.min(distance, get(i - 2, j - 2) + 1);
      }
      d[i * width + j] = distance;
      rowMin = Math.min(rowMin, distance);
    }
    if (rowMin > limit) return limit + 1;
  }
  return Math.min(get(s.length, t.length), limit + 1);
}
