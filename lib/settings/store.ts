import type { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { DEFAULT_TAG_SETTINGS, parseTagSettings, toValidatedTagSettings, type TagSettings } from "./tags";
import { defaultRightsizingSettings, parseRightsizingSettings, type RightsizingSettings } from "./rightsizing";

/**
 * Settings people edit on /settings, one JSON document per key in the `setting` table.
 * Read on every request (they are small) so a change shows on every page at once.
 */
type SettingDef<T> = { key: string; defaults: T; parse(input: unknown): T };

const tagSettings: SettingDef<TagSettings> = {
  key: "tags",
  defaults: DEFAULT_TAG_SETTINGS,
  parse(input) {
    const r = parseTagSettings(input);
    if (!r.ok) throw new AppError("bad-input", `Invalid tag settings: ${r.errors.join("; ")}`);
    return r.settings;
  },
};

const rightsizingSettings: SettingDef<RightsizingSettings> = {
  key: "rightsizing",
  defaults: defaultRightsizingSettings,
  parse(input) {
    try {
      return parseRightsizingSettings(input);
    } catch (err) {
      throw new AppError("bad-input", (err as Error).message);
    }
  },
};

/** The stored JSON document of a setting key, or undefined when none is stored. */
export async function readSettingDocument(db: Db, key: string): Promise<unknown> {
  const row = await db.prisma.setting.findUnique({ where: { key }, select: { value: true } });
  return row?.value;
}

/** Stores a setting key's JSON document (validate before calling); one statement (INSERT … ON CONFLICT). */
export async function writeSettingDocument(db: Db, key: string, value: unknown): Promise<void> {
  const document = value as Prisma.InputJsonValue;
  await db.prisma.setting.upsert({
    where: { key },
    create: { key, value: document },
    update: { value: document, updatedAt: new Date() },
  });
}

async function readSetting<T>(db: Db, def: SettingDef<T>): Promise<T> {
  const value = await readSettingDocument(db, def.key);
  if (value === undefined) return def.defaults;
  try {
    return def.parse(value);
  } catch (err) {
    // A stored document that no longer validates (e.g. after an upgrade) must not take every page down.
    console.error(`Setting "${def.key}" is invalid, using defaults: ${(err as Error).message}`);
    return def.defaults;
  }
}

async function writeSetting<T>(db: Db, def: SettingDef<T>, value: unknown): Promise<T> {
  const parsed = def.parse(value);
  await writeSettingDocument(db, def.key, parsed);
  return parsed;
}

export const getTagSettings = (db: Db) => readSetting(db, tagSettings);
export const getRightsizingSettings = (db: Db) => readSetting(db, rightsizingSettings);

/** Validates and saves; throws AppError("bad-input") with the problems when invalid. */
export async function saveTagSettings(db: Db, value: TagSettings): Promise<TagSettings> {
  const checked = toValidatedTagSettings(value);
  if (!checked.ok) throw new AppError("bad-input", `Invalid tag settings: ${checked.errors.join("; ")}`);
  return writeSetting(db, tagSettings, checked.settings);
}

export const saveRightsizingSettings = (db: Db, value: unknown) => writeSetting(db, rightsizingSettings, value);
