// Deterministic demo spend for the Cost Explorer emulator: the same (seed, now, size) always gives
// the same rows. Usage: generateSpend({ now: new Date("2026-11-26"), size: 1 }).
import {
  ACCOUNTS,
  CREDIT_USD_PER_MONTH,
  SAVINGS_PLAN_USD_PER_DAY,
  SERVICES,
  TAX_USD_PER_MONTH,
  type ServiceId,
} from "./spend-catalog";
import { dayOfMonth, firstOfMonth, parseDay, toDayNumber, weekday } from "./spend-days";
import { listLineItems, SERVICE_IDS, type LineItem, type Tags } from "./spend-lines";
import { hashUnit } from "./spend-random";
import { NO_USAGE_TYPE, listUsagePhases, splitUnits, unitsPerUsdOf, usagePartsOn } from "./usage-types";
import {
  AMORTIZE,
  RECORD_TYPES,
  TAG_KEYS,
  toAmortized,
  UNITS_PER_USD,
  type AmortizeRule,
  type LineKeys,
  type RecordType,
  type SpendTable,
  type TagKey,
} from "./spend-table";

export const DEFAULT_SEED = 20_261_126;
const DAYS_PER_MONTH = 30.4375;
const NOISE = 0.08; // ±4 % day to day
const RAMP_DAYS = 30; // new projects grow into their size over their first month

export type SpendOptions = {
  now: Date;
  /** 1 = the normal demo company; 10 = ten times the projects and three years of history. */
  size?: number;
  seed?: number;
  /** First generated day (YYYY-MM-DD); default the 1st of the month 13 months (size 1) or 36 months (larger) back. */
  from?: string;
};

/** Generates from `from` up to the end of the month after the month of `now`, so the clock can move ahead. */
export function generateSpend(options: SpendOptions): SpendTable {
  const size = options.size ?? 1;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(size) || size < 1) throw new Error(`size must be a whole number ≥ 1 (got ${size}).`);
  const nowDay = toDayNumber(options.now);
  if (Number.isNaN(nowDay)) throw new Error("now is not a valid date.");
  const firstDay = options.from === undefined ? firstOfMonth(nowDay, size > 1 ? -36 : -13) : parseDay(options.from);
  if (firstDay === undefined) throw new Error(`from must be a day as YYYY-MM-DD (got "${options.from}").`);
  const endDay = firstOfMonth(nowDay, 2);
  const dayCount = endDay - firstDay;
  if (dayCount <= 0) throw new Error(`from (${options.from}) must be before ${endDay}.`);

  const items = listLineItems({ seed, size, nowDay });
  const keyBuilder = createKeyBuilder();
  const untagged: Tags = { department: "", project: "", environment: "" };
  const itemKeys = items.map((item) => {
    // Plan-eligible EC2 lines have one usage type (covered and negation rows carry it too).
    const firstUsageType = item.usage[0]?.parts[0]?.usageType ?? NO_USAGE_TYPE;
    return {
      usage: item.usage.map((phase) => ({
        fromDay: phase.fromDay,
        parts: phase.parts,
        keys: phase.parts.map((part) =>
          keyBuilder.idOf(item.account, item.service, "Usage", AMORTIZE.same, item.tags, part.usageType),
        ),
      })),
      covered: item.isPlanEligible
        ? keyBuilder.idOf(
            item.account,
            item.service,
            "SavingsPlanCoveredUsage",
            AMORTIZE.savingsPlanRate,
            item.tags,
            firstUsageType,
          )
        : -1,
      negation: item.isPlanEligible
        ? keyBuilder.idOf(item.account, item.service, "SavingsPlanNegation", AMORTIZE.zero, item.tags, firstUsageType)
        : -1,
    };
  });
  const taxKeys = ACCOUNTS.map((_, account) =>
    keyBuilder.idOf(account, "tax", "Tax", AMORTIZE.same, untagged, NO_USAGE_TYPE),
  );
  const creditKey = keyBuilder.idOf(0, "ec2", "Credit", AMORTIZE.same, untagged, NO_USAGE_TYPE);
  const feeUsageType = usagePartsOn(listUsagePhases({ project: "", department: "", service: "savingsPlan" }), 0)[0]
    ?.usageType;
  const feeUsedKey = keyBuilder.idOf(
    0,
    "savingsPlan",
    "SavingsPlanRecurringFee",
    AMORTIZE.zero,
    untagged,
    feeUsageType,
  );
  const feeUnusedKey = keyBuilder.idOf(
    0,
    "savingsPlan",
    "SavingsPlanRecurringFee",
    AMORTIZE.same,
    untagged,
    feeUsageType,
  );

  const isActive = (item: LineItem, day: number) => item.startDay <= day && day < item.endDay;
  const dayStart = new Uint32Array(dayCount + 1);
  for (let d = 0; d < dayCount; d++) {
    const day = firstDay + d;
    let rows = 2 + (dayOfMonth(day) === 1 ? ACCOUNTS.length + 1 : 0);
    for (const item of items)
      if (isActive(item, day)) rows += item.isPlanEligible ? 3 : usagePartsOn(item.usage, day).length;
    dayStart[d + 1] = (dayStart[d] ?? 0) + rows;
  }

  const rowTotal = dayStart[dayCount] ?? 0;
  const key = new Uint32Array(rowTotal);
  const unblended = new Float64Array(rowTotal);
  let row = 0;
  const push = (keyId: number, units: number) => {
    key[row] = keyId;
    unblended[row] = units;
    row++;
  };
  const peakDay = firstOfMonth(nowDay, -8);
  const planUnits = Math.round(SAVINGS_PLAN_USD_PER_DAY * size * UNITS_PER_USD);
  const coverableUnits = Math.floor((planUnits * 100) / 72);
  const todayUnits = new Float64Array(items.length);
  for (let d = 0; d < dayCount; d++) {
    const day = firstDay + d;
    let eligibleUnits = 0;
    items.forEach((item, i) => {
      todayUnits[i] = isActive(item, day) ? toUnits(item, day, seed, peakDay) : 0;
      if (item.isPlanEligible) eligibleUnits += todayUnits[i] ?? 0;
    });
    // The plan covers eligible usage pro rata up to its commitment; the rest stays on demand.
    const ratio = eligibleUnits > 0 ? Math.min(1, coverableUnits / eligibleUnits) * (1 - 1e-9) : 0;
    let effectiveUnits = 0;
    items.forEach((item, i) => {
      if (!isActive(item, day)) return;
      const units = todayUnits[i] ?? 0;
      const keys = itemKeys[i];
      if (!keys) return;
      if (!item.isPlanEligible) {
        const phase = usagePartsOnKeys(keys.usage, day);
        splitUnits(units, phase.parts).forEach((part, p) => push(phase.keys[p] ?? 0, part));
        return;
      }
      const covered = Math.floor(units * ratio);
      push(keys.usage[0]?.keys[0] ?? 0, units - covered);
      push(keys.covered, covered);
      push(keys.negation, -covered);
      effectiveUnits += toAmortized(AMORTIZE.savingsPlanRate, covered);
    });
    push(feeUsedKey, effectiveUnits);
    push(feeUnusedKey, planUnits - effectiveUnits);
    if (dayOfMonth(day) === 1) {
      const trend = Math.pow(1.02, (day - peakDay) / DAYS_PER_MONTH);
      taxKeys.forEach((taxKey, account) =>
        push(taxKey, Math.round((TAX_USD_PER_MONTH[account] ?? 0) * size * trend * UNITS_PER_USD)),
      );
      push(creditKey, -Math.round(CREDIT_USD_PER_MONTH * size * UNITS_PER_USD));
    }
  }
  if (row !== rowTotal) throw new Error(`internal: counted ${rowTotal} rows but wrote ${row}.`);

  const { keys, tagValues, usageTypes, firstService: firstServiceOf } = keyBuilder.build();
  const serviceUnits = SERVICE_IDS.map((id) => SERVICES[id].unitsPerUsd);
  return {
    seed,
    size,
    firstDay,
    dayCount,
    dayStart,
    key,
    unblended,
    keys,
    accounts: ACCOUNTS,
    services: SERVICE_IDS.map((id) => SERVICES[id].name),
    tagValues,
    usageTypes,
    // Per usage type; a usage type shared by services (DataTransfer-Out-Bytes) has one rate, the first service's.
    unitsPerUsd: Float64Array.from(usageTypes, (usageType, index) =>
      unitsPerUsdOf(usageType, serviceUnits[firstServiceOf[index] ?? 0] ?? 0),
    ),
  };
}

/** The usage phase in force on `day`, with its line keys. */
function usagePartsOnKeys<T extends { fromDay: number }>(phases: T[], day: number): T {
  let found = phases[0] as T;
  for (const phase of phases) if (day >= phase.fromDay) found = phase;
  return found;
}

function toUnits(item: LineItem, day: number, seed: number, peakDay: number): number {
  let usd = item.usdPerDay * Math.pow(item.growth, (day - peakDay) / DAYS_PER_MONTH);
  const dow = weekday(day);
  if (dow === 0 || dow === 6) usd *= item.weekendFactor;
  usd *= 1 + NOISE * (hashUnit(seed, item.noiseId, day) - 0.5);
  for (const change of item.changes) if (day >= change.fromDay) usd *= change.factor;
  const age = day - item.startDay;
  if (age < RAMP_DAYS) usd *= (age + 1) / RAMP_DAYS;
  return Math.round(usd * UNITS_PER_USD);
}

/** Deduplicates line keys and dictionary-encodes their tag values. */
function createKeyBuilder() {
  const ids = new Map<string, number>();
  const rows: {
    account: number;
    service: number;
    recordType: number;
    amortize: number;
    usageType: number;
    tags: number[];
  }[] = [];
  const usageTypes: string[] = [];
  const usageTypeIndex = new Map<string, number>();
  const firstService: number[] = [];
  const tagValues = Object.fromEntries(TAG_KEYS.map((k) => [k, [""]])) as Record<TagKey, string[]>;
  const tagIndex = Object.fromEntries(TAG_KEYS.map((k) => [k, new Map([["", 0]])])) as Record<
    TagKey,
    Map<string, number>
  >;
  const indexOfTag = (tagKey: TagKey, value: string) => {
    let index = tagIndex[tagKey].get(value);
    if (index === undefined) {
      index = tagValues[tagKey].push(value) - 1;
      tagIndex[tagKey].set(value, index);
    }
    return index;
  };
  return {
    idOf(
      account: number,
      service: ServiceId,
      recordType: RecordType,
      amortize: AmortizeRule,
      tags: Tags,
      usageType = NO_USAGE_TYPE,
    ): number {
      let usageTypeId = usageTypeIndex.get(usageType);
      if (usageTypeId === undefined) {
        usageTypeId = usageTypes.push(usageType) - 1;
        usageTypeIndex.set(usageType, usageTypeId);
        firstService.push(SERVICE_IDS.indexOf(service));
      }
      const entry = {
        account,
        service: SERVICE_IDS.indexOf(service),
        recordType: RECORD_TYPES.indexOf(recordType),
        amortize,
        usageType: usageTypeId,
        tags: TAG_KEYS.map((k) => indexOfTag(k, tags[k])),
      };
      const text = `${entry.account}|${entry.service}|${entry.recordType}|${amortize}|${usageTypeId}|${entry.tags.join(",")}`;
      let id = ids.get(text);
      if (id === undefined) {
        id = rows.push(entry) - 1;
        ids.set(text, id);
      }
      return id;
    },
    build(): { keys: LineKeys; tagValues: Record<TagKey, string[]>; usageTypes: string[]; firstService: number[] } {
      const column = (pick: (r: (typeof rows)[number]) => number) => Uint8Array.from(rows, pick);
      const tags = Object.fromEntries(
        TAG_KEYS.map((k, i) => [k, Uint16Array.from(rows, (r) => r.tags[i] ?? 0)]),
      ) as Record<TagKey, Uint16Array>;
      const keys: LineKeys = {
        count: rows.length,
        account: column((r) => r.account),
        service: column((r) => r.service),
        recordType: column((r) => r.recordType),
        amortize: column((r) => r.amortize),
        usageType: Uint16Array.from(rows, (r) => r.usageType),
        tags,
      };
      return { keys, tagValues, usageTypes, firstService };
    },
  };
}
