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

/** Which save of a settings document a page was opened with: the version bumped by every save, when, by whom. */
export type SettingStamp = { version: number; updatedAt: string | null; updatedBy: string | null };

const NEVER_SAVED: SettingStamp = { version: 0, updatedAt: null, updatedBy: null };

/** The stamp of a setting key (version 0 when it was never saved): pages put it in their forms. */
export async function readSettingStamp(db: Db, key: string): Promise<SettingStamp> {
  const row = await db.prisma.setting.findUnique({
    where: { key },
    select: { version: true, updatedAt: true, updatedBy: true },
  });
  return row ? { version: row.version, updatedAt: row.updatedAt.toISOString(), updatedBy: row.updatedBy } : NEVER_SAVED;
}

/** Who saves, and the version their form was opened with (omitted: the command line, which overwrites). */
export type SaveOptions = {
  expectedVersion?: number;
  by?: string;
  /** Told the version the save wrote: the form that saved carries it next, without waiting for the page to refresh. */
  onSaved?: (version: number) => void;
};

/**
 * A save from a page opened before someone else's save: refused, nothing written, saying who changed what when,
 * so the person reloads and makes their change on top instead of silently undoing the other one.
 */
export class SettingConflictError extends AppError {
  constructor(
    readonly key: string,
    readonly current: SettingStamp,
  ) {
    const who = current.updatedBy ?? "someone";
    const when = current.updatedAt ? ` at ${current.updatedAt.slice(0, 16).replace("T", " ")} UTC` : "";
    super(
      "conflict",
      `These settings were changed by ${who}${when} since you opened this page, so yours were not saved. Reload the page to see their change, then make yours again.`,
    );
    this.name = "SettingConflictError";
  }
}

/**
 * Stores a setting key's JSON document (validate before calling) and returns its new version. With
 * `expectedVersion`, the write happens only if the stored version still is that one, checked in the UPDATE
 * statement itself (`WHERE version = …`), so two saves racing from pages opened at the same version cannot both
 * land: the second throws SettingConflictError. A first save (version 0) creates the row; a concurrent first save
 * loses on the primary key and is a conflict too.
 */
export async function writeSettingDocument(
  db: Db,
  key: string,
  value: unknown,
  opts: SaveOptions = {},
): Promise<number> {
  const version = await writeVersioned(db, key, value, opts);
  opts.onSaved?.(version);
  return version;
}

async function writeVersioned(db: Db, key: string, value: unknown, opts: SaveOptions): Promise<number> {
  const document = value as Prisma.InputJsonValue;
  const by = opts.by ?? null;
  const data = { value: document, updatedAt: new Date(), updatedBy: by, version: { increment: 1 } };
  if (opts.expectedVersion === undefined) {
    const row = await db.prisma.setting.upsert({
      where: { key },
      create: { key, value: document, version: 1, updatedBy: by },
      update: data,
      select: { version: true },
    });
    return row.version;
  }
  const { count } = await db.prisma.setting.updateMany({ where: { key, version: opts.expectedVersion }, data });
  if (count === 1) return opts.expectedVersion + 1;
  if (opts.expectedVersion === 0) {
    try {
      await db.prisma.setting.create({ data: { key, value: document, version: 1, updatedBy: by } });
      return 1;
    } catch (err) {
      if ((err as { code?: string }).code !== "P2002") throw err; // someone else's first save won the key
    }
  }
  throw new SettingConflictError(key, await readSettingStamp(db, key));
}

/** A setting key's document and its stamp, read in one statement so the two always belong together. */
export async function readStampedDocument(db: Db, key: string): Promise<{ value: unknown; stamp: SettingStamp }> {
  const row = await db.prisma.setting.findUnique({ where: { key } });
  if (!row) return { value: undefined, stamp: NEVER_SAVED };
  return {
    value: row.value,
    stamp: { version: row.version, updatedAt: row.updatedAt.toISOString(), updatedBy: row.updatedBy },
  };
}

async function readSetting<T>(db: Db, def: SettingDef<T>): Promise<T> {
  return (await readStampedSetting(db, def)).settings;
}

async function readStampedSetting<T>(db: Db, def: SettingDef<T>): Promise<{ settings: T; stamp: SettingStamp }> {
  const { value, stamp } = await readStampedDocument(db, def.key);
  return { settings: toSettings(def, value), stamp };
}

function toSettings<T>(def: SettingDef<T>, value: unknown): T {
  if (value === undefined) return def.defaults;
  try {
    return def.parse(value);
  } catch (err) {
    // A stored document that no longer validates (e.g. after an upgrade) must not take every page down.
    console.error(`Setting "${def.key}" is invalid, using defaults: ${(err as Error).message}`);
    return def.defaults;
  }
}

async function writeSetting<T>(db: Db, def: SettingDef<T>, value: unknown, opts: SaveOptions): Promise<T> {
  const parsed = def.parse(value);
  await writeSettingDocument(db, def.key, parsed, opts);
  return parsed;
}

export const getTagSettings = (db: Db) => readSetting(db, tagSettings);
export const getRightsizingSettings = (db: Db) => readSetting(db, rightsizingSettings);
/** With the stamp a page's forms carry back, so a save from a page opened before another save is refused. */
export const getStampedTagSettings = (db: Db) => readStampedSetting(db, tagSettings);
export const getStampedRightsizingSettings = (db: Db) => readStampedSetting(db, rightsizingSettings);

/** Validates and saves; throws AppError("bad-input") with the problems when invalid. */
export async function saveTagSettings(db: Db, value: TagSettings, opts: SaveOptions = {}): Promise<TagSettings> {
  const checked = toValidatedTagSettings(value);
  if (!checked.ok) throw new AppError("bad-input", `Invalid tag settings: ${checked.errors.join("; ")}`);
  return writeSetting(db, tagSettings, checked.settings, opts);
}

export const saveRightsizingSettings = (db: Db, value: unknown, opts: SaveOptions = {}) =>
  writeSetting(db, rightsizingSettings, value, opts);
