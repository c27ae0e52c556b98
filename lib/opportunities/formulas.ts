// The two storage opportunities as pure formulas (docs/rules.md, "Storage opportunities"), over one month of the
// bill. Money and quantities stay exact decimal strings (1e-12 USD, lib/money.ts): products are rounded once, at
// the twelfth decimal, so the CSV carries full precision and the page rounds to cents only when it shows them.
import { formatCsvNumber } from "@/lib/csv";
import { fromUnits, toUnits } from "@/lib/money";

const UNIT = 10n ** 12n;

/** a × b, exact to 1e-12 (half away from zero). */
function multiply(a: string, b: string): string {
  return fromUnits(divideRounded(toUnits(a) * toUnits(b), UNIT));
}

function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n + d / 2n) / d;
  return negative ? -q : q;
}

const add = (...xs: string[]) => fromUnits(xs.reduce((s, x) => s + toUnits(x), 0n));
const sub = (a: string, b: string) => fromUnits(toUnits(a) - toUnits(b));
const num = (n: number) => formatCsvNumber(n);

export type GlacierPrices = {
  glacierIrStorageUsdPerGbMonth: number;
  glacierIrGetUsdPer1000: number;
  glacierIrRetrievalUsdPerGb: number;
  transitionUsdPer1000: number;
};

export type GlacierInputs = {
  /** Q: S3 Standard storage over the month, GB-months. */
  storageGbMonths: string;
  /** Cs: its cost, USD. */
  storageUsd: string;
  /** G: GET-class requests (Requests-Tier2) over the month. */
  getRequests: string;
  /** Cg: their cost, USD. */
  getUsd: string;
  /** r: the share of the stored data read back each month, 0–1 (as a decimal: "0.1"). */
  readShare: string;
};

export type GlacierResult = {
  currentUsd: string;
  /** Q × storage + Q × r × retrieval + G / 1000 × GET, all at Glacier IR prices. */
  projectedUsd: string;
  projectedStorageUsd: string;
  projectedRetrievalUsd: string;
  projectedGetUsd: string;
  /** Monthly: current − projected (negative: the move would cost money). */
  savingsUsd: string;
  /**
   * The read share at which savings are zero (0–1 and beyond); null without Standard storage. Below 0: the move
   * costs money even if nothing is read back; above 1: it saves even if everything is read every month.
   */
  breakEvenReadShare: number | null;
};

/** S3 Standard → Glacier Instant Retrieval for one project's month. */
export function priceGlacierMove(inputs: GlacierInputs, prices: GlacierPrices): GlacierResult {
  const q = inputs.storageGbMonths;
  const projectedStorageUsd = multiply(q, num(prices.glacierIrStorageUsdPerGbMonth));
  const projectedRetrievalUsd = multiply(multiply(q, inputs.readShare), num(prices.glacierIrRetrievalUsdPerGb));
  const projectedGetUsd = multiply(inputs.getRequests, num(prices.glacierIrGetUsdPer1000 / 1000));
  const projectedUsd = add(projectedStorageUsd, projectedRetrievalUsd, projectedGetUsd);
  const currentUsd = add(inputs.storageUsd, inputs.getUsd);
  const savingsUsd = sub(currentUsd, projectedUsd);
  // savings(r) = current − storage − GETs − Q × r × retrieval = 0  →  r = (current − storage − GETs) / (Q × retrieval)
  const perShare = Number(q) * prices.glacierIrRetrievalUsdPerGb;
  const breakEvenReadShare =
    perShare > 0 ? Number(sub(currentUsd, add(projectedStorageUsd, projectedGetUsd))) / perShare : null;
  return {
    currentUsd,
    projectedUsd,
    projectedStorageUsd,
    projectedRetrievalUsd,
    projectedGetUsd,
    savingsUsd,
    breakEvenReadShare,
  };
}

/**
 * One-time cost of the lifecycle transition requests, from an ASSUMED average object size (Cost Explorer has no
 * object counts): objects ≈ GB stored × 1024 / size in MB, where a month's GB-months are its average GB stored.
 * An estimate, and shown as one.
 */
export function estimateTransitionUsd(
  storageGbMonths: string,
  assumedObjectSizeMb: number,
  transitionUsdPer1000: number,
) {
  const objects = Math.ceil((Number(storageGbMonths) * 1024) / assumedObjectSizeMb);
  return { objects, usd: multiply(String(objects), num(transitionUsdPer1000 / 1000)) };
}

export type RetentionInputs = {
  /** B: backup storage beyond the free allowance over the month, GB-months. */
  backupGbMonths: string;
  /** Cb: its cost, USD. */
  backupUsd: string;
  retentionDaysNow: number;
  retentionDaysTarget: number;
};

export type RetentionResult = {
  currentUsd: string;
  projectedUsd: string;
  savingsUsd: string;
  projectedGbMonths: string;
};

/** RDS backup retention Rnow → Rtarget: backup storage taken as proportional to the days retained. */
export function priceRetentionCut(inputs: RetentionInputs): RetentionResult {
  const { retentionDaysNow: now, retentionDaysTarget: target } = inputs;
  if (!Number.isInteger(now) || !Number.isInteger(target) || now < 1 || target < 1)
    throw new Error(`internal: retention days must be whole numbers ≥ 1 (now ${now}, target ${target}).`);
  const scale = (amount: string) => fromUnits(divideRounded(toUnits(amount) * BigInt(target), BigInt(now)));
  const projectedUsd = scale(inputs.backupUsd);
  return {
    currentUsd: inputs.backupUsd,
    projectedUsd,
    savingsUsd: sub(inputs.backupUsd, projectedUsd),
    projectedGbMonths: scale(inputs.backupGbMonths),
  };
}
