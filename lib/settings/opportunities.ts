// Settings of the storage opportunities (docs/rules.md, "Storage opportunities"): Glacier Instant Retrieval prices,
// the share of stored data read back each month per project, and RDS backup retention now and targeted per project.
// One setting document, key "opportunities", read and written through the store like the others.
import { z } from "zod";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import {
  readSettingDocument,
  readStampedDocument,
  writeSettingDocument,
  type SaveOptions,
  type SettingStamp,
} from "./store";

// us-east-1 list prices (Amazon S3 pricing page): Glacier IR storage per GB-month, GET-class requests per 1,000,
// data retrieval per GB, lifecycle transition requests into Glacier IR per 1,000.
export const DEFAULT_OPPORTUNITY_PRICES = {
  glacierIrStorageUsdPerGbMonth: 0.004,
  glacierIrGetUsdPer1000: 0.01,
  glacierIrRetrievalUsdPerGb: 0.03,
  transitionUsdPer1000: 0.02,
};

const price = (what: string) =>
  z
    .number({ message: `${what}: a price in USD` })
    .nonnegative(`${what} cannot be negative`)
    .max(1000);
const percent = z.number({ message: "a percentage from 0 to 100" }).min(0, "at least 0%").max(100, "at most 100%");
/** Automated backups are kept 1–35 days on RDS and Aurora. */
const retentionDays = z
  .number({ message: "a whole number of days from 1 to 35" })
  .int("a whole number of days from 1 to 35")
  .min(1, "at least 1 day")
  .max(35, "at most 35 days (the longest automated backup retention)");
const projectName = z.string().trim().min(1, "a project name").max(200);

const retentionSchema = z
  .object({ now: retentionDays, target: retentionDays })
  .refine((r) => r.target <= r.now, { message: "the target retention cannot be longer than the current one" });

export const opportunitySettingsSchema = z.object({
  prices: z
    .object({
      glacierIrStorageUsdPerGbMonth: price("Glacier IR storage"),
      glacierIrGetUsdPer1000: price("Glacier IR GET requests"),
      glacierIrRetrievalUsdPerGb: price("Glacier IR retrieval"),
      transitionUsdPer1000: price("lifecycle transitions"),
    })
    .default(DEFAULT_OPPORTUNITY_PRICES),
  /** Share of the stored data read back each month (r), unless the project has its own. */
  readSharePercent: percent.default(10),
  readSharePercentByProject: z.record(projectName, percent).default({}),
  /** Average object size assumed for the one-time transition estimate (Cost Explorer has no object counts). */
  assumedObjectSizeMb: z.number().positive("an object size above 0 MB").max(1_000_000).default(4),
  retention: retentionSchema.default({ now: 30, target: 7 }),
  retentionByProject: z.record(projectName, retentionSchema).default({}),
});

export type OpportunitySettings = z.infer<typeof opportunitySettingsSchema>;
export const DEFAULT_OPPORTUNITY_SETTINGS: OpportunitySettings = opportunitySettingsSchema.parse({});

const KEY = "opportunities";

export function parseOpportunitySettings(input: unknown): OpportunitySettings {
  const parsed = opportunitySettingsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "settings"}: ${i.message}`);
  throw new AppError("bad-input", `Invalid opportunity settings: ${problems.join("; ")}.`);
}

export async function getOpportunitySettings(db: Db): Promise<OpportunitySettings> {
  return toOpportunitySettings(await readSettingDocument(db, KEY));
}

/** With the stamp the page's forms carry back, so a save from a page opened before another save is refused. */
export async function getStampedOpportunitySettings(
  db: Db,
): Promise<{ settings: OpportunitySettings; stamp: SettingStamp }> {
  const { value, stamp } = await readStampedDocument(db, KEY);
  return { settings: toOpportunitySettings(value), stamp };
}

function toOpportunitySettings(value: unknown): OpportunitySettings {
  if (value === undefined) return DEFAULT_OPPORTUNITY_SETTINGS;
  try {
    return parseOpportunitySettings(value);
  } catch (err) {
    // A stored document that no longer validates must not take the page down.
    console.error(`Setting "${KEY}" is invalid, using defaults: ${(err as Error).message}`);
    return DEFAULT_OPPORTUNITY_SETTINGS;
  }
}

/** Validates and saves; throws AppError("bad-input") naming each problem. */
export async function saveOpportunitySettings(
  db: Db,
  input: unknown,
  opts: SaveOptions = {},
): Promise<OpportunitySettings> {
  const settings = parseOpportunitySettings(input);
  await writeSettingDocument(db, KEY, settings, opts);
  return settings;
}

/** The read share (0–1) and retention a project's opportunity uses, and whether they are its own. */
export function readShareOf(settings: OpportunitySettings, project: string) {
  const own = settings.readSharePercentByProject[project];
  return { percent: own ?? settings.readSharePercent, isOwn: own !== undefined };
}

export function retentionOf(settings: OpportunitySettings, project: string) {
  const own = settings.retentionByProject[project];
  return { ...(own ?? settings.retention), isOwn: own !== undefined };
}
