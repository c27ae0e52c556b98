// Recording an opportunity as a savings initiative, and the in-place edits of its settings on /opportunities.
import { z } from "zod";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { formatPercent, formatUsd } from "@/lib/money";
import { blankAsAbsent } from "@/lib/search-params";
import { createInitiative } from "@/lib/savings/initiatives-store";
import type { Initiative } from "@/lib/savings/initiative";
import { getOpportunitySettings, saveOpportunitySettings } from "@/lib/settings/opportunities";
import { getTagSettings, type SaveOptions } from "@/lib/settings/store";
import { toOpportunityInitiative } from "./initiative";
import { getOpportunities, type OpportunityKind } from "./read";

/** Finds the opportunity as the page showed it (same month, current settings) and records it as an initiative. */
export async function recordOpportunity(
  db: Db,
  input: { kind: OpportunityKind; project: string; month: string },
  now: Date,
): Promise<Initiative> {
  const [opportunities, tags] = await Promise.all([getOpportunitySettings(db), getTagSettings(db)]);
  const result = await getOpportunities(db, { month: input.month }, { opportunities, tags }, now);
  if (input.kind === "s3-glacier-ir") {
    const o = result.glacier.find((row) => row.project === input.project);
    if (!o) throw new AppError("not-found", `No S3 opportunity for project "${input.project}" in ${input.month}.`);
    const detail =
      `${Number(o.storageGbMonths).toFixed(0)} GB-months in S3 Standard, ${Number(o.getRequests).toFixed(0)} GET requests, ` +
      `${o.readSharePercent}% read back a month; ${formatUsd(o.currentUsd)} now → ${formatUsd(o.projectedUsd)} on Glacier IR.`;
    return createInitiative(db, toOpportunityInitiative({ ...o, detail }, now), now);
  }
  const o = result.retention.find((row) => row.project === input.project);
  if (!o)
    throw new AppError("not-found", `No RDS backup opportunity for project "${input.project}" in ${input.month}.`);
  const detail =
    `${Number(o.backupGbMonths).toFixed(0)} GB-months of backups, retention ${o.retentionDaysNow} → ${o.retentionDaysTarget} days; ` +
    `${formatUsd(o.currentUsd)} now → ${formatUsd(o.projectedUsd)}.`;
  return createInitiative(db, toOpportunityInitiative({ ...o, detail }, now), now);
}

const optionalNumber = blankAsAbsent(z.coerce.number({ message: "a number" }).optional());

/** A project's read share (percent); blank = back to the default. */
export const readShareFormSchema = z.object({
  project: z.string().trim().min(1).max(200),
  readSharePercent: optionalNumber,
});

/** A project's retention now and target (days); both blank = back to the defaults. */
export const retentionFormSchema = z.object({
  project: z.string().trim().min(1).max(200),
  now: optionalNumber,
  target: optionalNumber,
});

/** The defaults and prices. */
export const defaultsFormSchema = z.object({
  readSharePercent: z.coerce.number({ message: "a number" }),
  retentionNow: z.coerce.number({ message: "a number" }),
  retentionTarget: z.coerce.number({ message: "a number" }),
  assumedObjectSizeMb: z.coerce.number({ message: "a number" }),
  glacierIrStorageUsdPerGbMonth: z.coerce.number({ message: "a number" }),
  glacierIrGetUsdPer1000: z.coerce.number({ message: "a number" }),
  glacierIrRetrievalUsdPerGb: z.coerce.number({ message: "a number" }),
  transitionUsdPer1000: z.coerce.number({ message: "a number" }),
});

export async function saveProjectReadShare(
  db: Db,
  input: z.output<typeof readShareFormSchema>,
  opts: SaveOptions = {},
) {
  const settings = await getOpportunitySettings(db);
  const byProject = { ...settings.readSharePercentByProject };
  if (input.readSharePercent === undefined) delete byProject[input.project];
  else byProject[input.project] = input.readSharePercent;
  return saveOpportunitySettings(db, { ...settings, readSharePercentByProject: byProject }, opts);
}

export async function saveProjectRetention(
  db: Db,
  input: z.output<typeof retentionFormSchema>,
  opts: SaveOptions = {},
) {
  const settings = await getOpportunitySettings(db);
  const byProject = { ...settings.retentionByProject };
  if (input.now === undefined && input.target === undefined) delete byProject[input.project];
  else
    byProject[input.project] = {
      now: input.now ?? settings.retention.now,
      target: input.target ?? settings.retention.target,
    };
  return saveOpportunitySettings(db, { ...settings, retentionByProject: byProject }, opts);
}

export async function saveOpportunityDefaults(
  db: Db,
  input: z.output<typeof defaultsFormSchema>,
  opts: SaveOptions = {},
) {
  const settings = await getOpportunitySettings(db);
  return saveOpportunitySettings(
    db,
    {
      ...settings,
      readSharePercent: input.readSharePercent,
      retention: { now: input.retentionNow, target: input.retentionTarget },
      assumedObjectSizeMb: input.assumedObjectSizeMb,
      prices: {
        glacierIrStorageUsdPerGbMonth: input.glacierIrStorageUsdPerGbMonth,
        glacierIrGetUsdPer1000: input.glacierIrGetUsdPer1000,
        glacierIrRetrievalUsdPerGb: input.glacierIrRetrievalUsdPerGb,
        transitionUsdPer1000: input.transitionUsdPer1000,
      },
    },
    opts,
  );
}

/** "12.3%" for a break-even share; words when it is out of 0–100 %. */
export function describeBreakEven(share: number | null): string {
  if (share === null) return "—";
  if (share < 0) return "never";
  if (share > 1) return "always";
  return formatPercent(share);
}
