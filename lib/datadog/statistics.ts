// The usage statistics, defined once. Pure functions over one
// merged series (values per replica, replicas already merged with `max`); NaN = no data in a bucket.

/**
 * Nearest-rank percentile of ascending `sorted`: the smallest value with at least p % of the values at
 * or below it — always a value that was observed. p is a whole number in 1..100.
 */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p * sorted.length) / 100); // p × n is exact for whole p, so no float drift
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export type Distribution = {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Index of the first bucket with data. */
  firstIndex: number;
};

/** Percentiles of the buckets that have data (CPU over the `avg` rollup; idle memory = its p50). */
export function toDistribution(values: Float64Array): Distribution | null {
  let samples = 0;
  let firstIndex = -1;
  for (let i = 0; i < values.length; i++) {
    if (values[i]! !== values[i]!) continue;
    if (firstIndex < 0) firstIndex = i;
    samples++;
  }
  if (samples === 0) return null;
  // Sorted in a scratch array reused by every call: a fresh copy per container (3,000 × 1,344 values per answer
  // at size 10) was ~32 MB of memory outside the heap per answer, freed only when the garbage collector got to it.
  const sorted = scratch(samples);
  let k = 0;
  for (const v of values) if (v === v) sorted[k++] = v;
  sorted.sort();
  return {
    samples,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[samples - 1]!,
    firstIndex,
  };
}

export function maxOf(values: Float64Array): number | null {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  return max === -Infinity ? null : max;
}

/** The last value with data (current requests and limits). */
export function lastOf(values: Float64Array): number | null {
  for (let i = values.length - 1; i >= 0; i--) if (values[i]! === values[i]!) return values[i]!;
  return null;
}

/**
 * Time-weighted mean pod count: the pods counted per bucket, summed, over the number of buckets from
 * the first one with pods to the end of the window (a bucket without pods counts 0). A CronJob that
 * runs 30 minutes a day gets about 0.02: what its requests cost is its pods' running time.
 */
export function timeWeightedMean(
  times: Float64Array,
  values: Float64Array,
  intervalSeconds: number,
  windowToSec: number,
): number {
  let first = -1;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i]! !== values[i]!) continue;
    if (first < 0) first = i;
    sum += values[i]!;
  }
  if (first < 0) return 0;
  const buckets = Math.max(1, Math.round((windowToSec - times[first]!) / intervalSeconds));
  return sum / buckets;
}

/**
 * Sum of the increases of a gauge that resets (restarts of a container, counted per pod and summed
 * over pods): positive steps between consecutive buckets with data; drops (a pod replaced) are not
 * counted. The first value counts as an increase from 0 only if it appears after the window start.
 */
export function sumIncreases(times: Float64Array, values: Float64Array, windowFromSec: number): number {
  let total = 0;
  let previous: number | null = null;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    if (previous === null) {
      if (times[i]! > windowFromSec) total += Math.max(0, v);
    } else if (v > previous) {
      total += v - previous;
    }
    previous = v;
  }
  return total;
}

type Gauge = { times: Float64Array; values: Float64Array };

/**
 * OOM kills in the window, where the metrics exist: restarts that happened while the container's last
 * termination reason was OOMKilled (the `reason:oomkilled` series is > 0 in that bucket), and at least
 * one per pod whose first OOM kill shows up in the window (the series rises).
 */
export function countOomKills(restarts: Gauge | null, oomKilled: Gauge | null, windowFromSec: number): number {
  if (!oomKilled) return 0;
  const rises = sumIncreases(oomKilled.times, oomKilled.values, windowFromSec);
  if (!restarts) return Math.round(rises);
  const isOomAt = new Map<number, boolean>();
  oomKilled.times.forEach((t, i) => isOomAt.set(t, oomKilled.values[i]! > 0));
  let duringOom = 0;
  let previous: number | null = null;
  for (let i = 0; i < restarts.values.length; i++) {
    const v = restarts.values[i]!;
    if (v !== v) continue;
    if (previous !== null && v > previous && isOomAt.get(restarts.times[i]!) === true) duringOom += v - previous;
    previous = v;
  }
  return Math.round(Math.max(rises, duringOom));
}

/**
 * Folds one series into per-hour slots of the window (index = (t − from) / chartInterval): the mean of
 * the buckets in each slot, or their max.
 */
export function foldIntoSlots(
  target: Float64Array,
  times: Float64Array,
  values: Float64Array,
  fromSec: number,
  slotSeconds: number,
  how: "avg" | "max",
): void {
  // Per-slot sums and counts in scratch arrays reused by every call (one fold per container and answer).
  const sums = how === "avg" ? scratchSums(target.length) : null;
  const counts = how === "avg" ? scratchCounts(target.length) : null;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    const slot = Math.floor((times[i]! - fromSec) / slotSeconds);
    if (slot < 0 || slot >= target.length) continue;
    if (sums && counts) {
      sums[slot]! += v;
      counts[slot]!++;
    } else if (!(target[slot]! >= v)) {
      target[slot] = v; // NaN (empty) or smaller
    }
  }
  if (sums && counts) for (let s = 0; s < target.length; s++) if (counts[s]! > 0) target[s] = sums[s]! / counts[s]!;
}

// Scratch arrays of the folds: grown when a longer one is needed, never shrunk (a few series' worth). The
// statistics are synchronous, so no two calls ever share one at the same time.
let sortScratch = new Float64Array(0);
let sumScratch = new Float64Array(0);
let countScratch = new Uint16Array(0);

/** The first `length` entries of the sorting scratch (their content is whatever the last call left). */
function scratch(length: number): Float64Array {
  if (sortScratch.length < length) sortScratch = new Float64Array(length);
  return sortScratch.subarray(0, length);
}

function scratchSums(length: number): Float64Array {
  if (sumScratch.length < length) sumScratch = new Float64Array(length);
  return sumScratch.subarray(0, length).fill(0);
}

function scratchCounts(length: number): Uint16Array {
  if (countScratch.length < length) countScratch = new Uint16Array(length);
  return countScratch.subarray(0, length).fill(0);
}
