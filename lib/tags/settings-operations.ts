// Edits to the tag settings: from /settings, and from /tags (the allowed lists, an alias from an offender).
// Each returns new settings or errors a person can act on; the input is never changed.
import {
  toComparableTagValue,
  toValidatedTagSettings,
  type ConstrainedTagKey,
  type EnvironmentCategory,
  type TagAlias,
  type TagSettings,
  type TagSettingsResult,
} from "@/lib/settings/tags";

/** Adds an allowed value (typed by a person, so surrounding spaces are trimmed). */
export function addAllowedValue(settings: TagSettings, key: ConstrainedTagKey, value: string): TagSettingsResult {
  const trimmed = value.trim();
  if (trimmed === "") return fail(`Cannot add an empty ${key} value: type the value to allow.`);
  const existing = findSameValue(settings.allowed[key], trimmed);
  if (existing !== undefined) {
    return fail(
      `Cannot add "${trimmed}": "${existing}" is already an allowed ${key} (values are compared ignoring case).`,
    );
  }
  const alias = settings.aliases[key].find((a) => a.raw === trimmed);
  if (alias) {
    // Allowing it would move its spend out of the alias target in every report: make that an explicit step.
    return fail(
      `Cannot add "${trimmed}": it is an alias of "${alias.value}", so its spend is reported under "${alias.value}". Remove the alias first if "${trimmed}" should be its own ${key} value.`,
    );
  }
  return toValidatedTagSettings(withKey(settings, key, [...settings.allowed[key], trimmed], settings.aliases[key]));
}

export type RemoveAllowedValueOptions = {
  /** Also remove the aliases that point to the value; without it, such aliases make the removal fail. */
  dropAliases?: boolean;
};

/**
 * Removes an allowed value. Aliases pointing to it are refused by default: dropping them silently would
 * regroup spend a person grouped on purpose. The error names them; pass `dropAliases` to remove them too,
 * after which their raw values show as not allowed. An environment's category goes with it.
 */
export function removeAllowedValue(
  settings: TagSettings,
  key: ConstrainedTagKey,
  value: string,
  options: RemoveAllowedValueOptions = {},
): TagSettingsResult {
  if (!settings.allowed[key].includes(value)) {
    return fail(
      `Cannot remove "${value}": it is not an allowed ${key}. Allowed: ${listQuoted(settings.allowed[key])}.`,
    );
  }
  const pointing = settings.aliases[key].filter((a) => a.value === value);
  if (pointing.length > 0 && !options.dropAliases) {
    return fail(
      `Cannot remove "${value}": the ${key} aliases ${listQuoted(pointing.map((a) => a.raw))} point to it. Remove those aliases first, or remove "${value}" together with its aliases (their spend will then show as not allowed).`,
    );
  }
  const next = withKey(
    settings,
    key,
    settings.allowed[key].filter((v) => v !== value),
    settings.aliases[key].filter((a) => a.value !== value),
  );
  return toValidatedTagSettings(key === "environment" ? withoutCategory(next, value) : next);
}

/**
 * Renames an allowed value, keeping its place in the list. The old value becomes an alias of the new one
 * (resources still tagged with it keep grouping under the new name), aliases of the old value follow, and
 * so does an environment's category. An alias whose raw value is the new name becomes redundant and is
 * dropped if it pointed to the renamed value; if it pointed elsewhere the rename is refused.
 */
export function renameAllowedValue(
  settings: TagSettings,
  key: ConstrainedTagKey,
  from: string,
  to: string,
): TagSettingsResult {
  const target = to.trim();
  const index = settings.allowed[key].indexOf(from);
  if (index === -1) {
    return fail(`Cannot rename "${from}": it is not an allowed ${key}. Allowed: ${listQuoted(settings.allowed[key])}.`);
  }
  if (target === "") return fail(`Cannot rename "${from}" to an empty value: type the new name.`);
  if (target === from) return fail(`Cannot rename "${from}" to itself: type a different name.`);
  const clash = findSameValue(
    settings.allowed[key].filter((v) => v !== from),
    target,
  );
  if (clash !== undefined) {
    return fail(
      `Cannot rename "${from}" to "${target}": "${clash}" is already an allowed ${key}. To merge them, remove "${from}" and add the alias "${from}" → "${clash}".`,
    );
  }
  const shadowing = settings.aliases[key].find((a) => a.raw === target);
  if (shadowing && shadowing.value !== from) {
    return fail(
      `Cannot rename "${from}" to "${target}": "${target}" is an alias of "${shadowing.value}", and renaming would move its spend. Remove that alias first.`,
    );
  }
  const allowed = settings.allowed[key].map((v, i) => (i === index ? target : v));
  const aliases: TagAlias[] = [
    ...settings.aliases[key]
      .filter((a) => a.raw !== target)
      .map((a) => (a.value === from ? { raw: a.raw, value: target } : a)),
    { raw: from, value: target },
  ];
  let next = withKey(settings, key, allowed, aliases);
  const category = settings.categories[from];
  if (key === "environment" && category !== undefined) {
    const rest = withoutCategory(next, from);
    next = { ...rest, categories: { ...rest.categories, [target]: category } };
  }
  return toValidatedTagSettings(next);
}

/**
 * Maps a raw value exactly as it appears in the data (spaces and case kept: `Production ` is its own raw
 * value) to an allowed value. Adding the same alias twice is a no-op.
 */
export function addAlias(settings: TagSettings, key: ConstrainedTagKey, raw: string, value: string): TagSettingsResult {
  if (raw.trim() === "") {
    return fail(
      `Cannot alias an empty ${key}: spend without the "${key}" tag is reported as missing. Tag those resources instead.`,
    );
  }
  if (settings.allowed[key].includes(raw)) {
    return fail(`Cannot alias "${raw}": it is already an allowed ${key}, so its spend is reported as itself.`);
  }
  if (!settings.allowed[key].includes(value)) {
    return fail(
      settings.allowed[key].length === 0
        ? `Cannot alias "${raw}" to "${value}": the allowed ${key} list is empty (presence only). Add allowed values first.`
        : `Cannot alias "${raw}" to "${value}": "${value}" is not an allowed ${key}. Choose one of ${listQuoted(settings.allowed[key])}.`,
    );
  }
  const existing = settings.aliases[key].find((a) => a.raw === raw);
  if (existing?.value === value) return { ok: true, settings };
  if (existing) {
    return fail(
      `Cannot alias "${raw}" to "${value}": it is already an alias of "${existing.value}". Remove that alias first.`,
    );
  }
  const aliases = [...settings.aliases[key], { raw, value }];
  return toValidatedTagSettings(withKey(settings, key, settings.allowed[key], aliases));
}

/** Removes the alias of a raw value (matched exactly); its spend then shows under the raw value as not allowed. */
export function removeAlias(settings: TagSettings, key: ConstrainedTagKey, raw: string): TagSettingsResult {
  if (!settings.aliases[key].some((a) => a.raw === raw)) {
    return fail(`Cannot remove the ${key} alias "${raw}": there is no such alias.`);
  }
  const aliases = settings.aliases[key].filter((a) => a.raw !== raw);
  return toValidatedTagSettings(withKey(settings, key, settings.allowed[key], aliases));
}

/** Sets whether an allowed environment serves customers or is R&D. */
export function setEnvironmentCategory(
  settings: TagSettings,
  environment: string,
  category: EnvironmentCategory,
): TagSettingsResult {
  if (!settings.allowed.environment.includes(environment)) {
    return fail(
      `Cannot set a category for "${environment}": it is not an allowed environment. Add it first; allowed: ${listQuoted(settings.allowed.environment)}.`,
    );
  }
  return toValidatedTagSettings({ ...settings, categories: { ...settings.categories, [environment]: category } });
}

/** Sets the category of spend that has no `environment` tag. */
export function setUntaggedEnvironmentCategory(
  settings: TagSettings,
  category: EnvironmentCategory,
): TagSettingsResult {
  return toValidatedTagSettings({ ...settings, untaggedEnvironmentCategory: category });
}

function withKey(settings: TagSettings, key: ConstrainedTagKey, allowed: string[], aliases: TagAlias[]): TagSettings {
  return {
    ...settings,
    allowed: { ...settings.allowed, [key]: allowed },
    aliases: { ...settings.aliases, [key]: aliases },
  };
}

function withoutCategory(settings: TagSettings, environment: string): TagSettings {
  const categories = Object.fromEntries(Object.entries(settings.categories).filter(([env]) => env !== environment));
  return { ...settings, categories };
}

function findSameValue(values: readonly string[], value: string): string | undefined {
  const comparable = toComparableTagValue(value);
  return values.find((v) => toComparableTagValue(v) === comparable);
}

function listQuoted(values: readonly string[]): string {
  return values.length === 0 ? "(none)" : values.map((v) => `"${v}"`).join(", ");
}

function fail(error: string): TagSettingsResult {
  return { ok: false, errors: [error] };
}
