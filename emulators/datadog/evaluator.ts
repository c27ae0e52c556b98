// Runs a parsed query against a series store the way Datadog does: first roll up each source series
// in time (per bucket of the answer's interval), then aggregate in space, per bucket, across the
// source series of the same group.
import type { MetricQuery, SpaceAggregator, TimeAggregator } from "./query-parser";
import { matchesTagValue } from "./query-parser";
import type { SeriesStore, SourceSeries, Tags } from "./series-store";
import { countBuckets, resolveIntervalSeconds } from "./intervals";

export type EvaluatedGroup = {
  /** Sorted `key:value` of the group-by tags (`key:N/A` when a series lacks the tag). */
  tagSet: string[];
  /** One value per bucket; NaN where no source series of the group had a sample. */
  values: Float64Array;
};

export type Evaluation = {
  intervalSeconds: number;
  /** Start (seconds) of the first bucket: the first multiple of the interval ≥ from. */
  firstBucketSec: number;
  bucketCount: number;
  groups: EvaluatedGroup[];
  /** Source series that matched the filters. */
  sourceSeriesCount: number;
};

export class QueryRangeError extends Error {}

/** Datadog's placeholder for a group-by tag a series does not carry. */
export const MISSING_TAG_VALUE = "N/A";

export function evaluateQuery(
  store: SeriesStore,
  query: MetricQuery,
  fromSec: number,
  toSec: number,
  requestedIntervalSec: number | null,
): Evaluation {
  if (!Number.isFinite(fromSec) || !Number.isFinite(toSec) || toSec <= fromSec) {
    throw new QueryRangeError(`Invalid time range: from (${fromSec}) must be before to (${toSec}).`);
  }
  const intervalSeconds = resolveIntervalSeconds(fromSec, toSec, query.rollup?.intervalSeconds ?? requestedIntervalSec);
  const firstBucketSec = Math.ceil(fromSec / intervalSeconds) * intervalSeconds;
  const bucketCount = countBuckets(fromSec, toSec, intervalSeconds);
  const sources = store.listSeries(query.metric).filter((s) => matchesFilters(s.tags, query));

  const groups = new Map<string, { tagSet: string[]; acc: Float64Array; count: Uint32Array }>();
  const rolled = createRollup(query.rollup?.aggregator ?? "avg", bucketCount, firstBucketSec, intervalSeconds);
  const space = query.spaceAggregator ?? "avg";
  for (const source of sources) {
    const tagSet = query.groupBy.map((key) => `${key}:${source.tags[key] ?? MISSING_TAG_VALUE}`).sort();
    const groupKey = tagSet.join(",");
    let group = groups.get(groupKey);
    if (!group) {
      group = {
        tagSet,
        acc: new Float64Array(bucketCount).fill(space === "min" ? Infinity : space === "max" ? -Infinity : 0),
        count: new Uint32Array(bucketCount),
      };
      groups.set(groupKey, group);
    }
    if (bucketCount === 0) continue;
    rolled.run(source, toSec);
    foldIntoGroup(space, rolled, group.acc, group.count);
  }

  const evaluated = [...groups.values()]
    .map(({ tagSet, acc, count }) => ({ tagSet, values: finishGroup(space, acc, count) }))
    .sort((a, b) => compareText(a.tagSet.join(","), b.tagSet.join(",")));
  return { intervalSeconds, firstBucketSec, bucketCount, groups: evaluated, sourceSeriesCount: sources.length };
}

function matchesFilters(tags: Tags, query: MetricQuery): boolean {
  for (const filter of query.filters) {
    const value = tags[filter.key];
    const isMatch = value !== undefined && matchesTagValue(filter.value, value.toLowerCase());
    if (isMatch === filter.isNegated) return false;
  }
  return true;
}

type Rollup = { values: Float64Array; counts: Uint32Array; run(source: SourceSeries, toSec: number): void };

/** Time rollup of one source series into reusable per-bucket arrays. */
function createRollup(
  aggregator: TimeAggregator,
  bucketCount: number,
  firstBucketSec: number,
  intervalSeconds: number,
): Rollup {
  const values = new Float64Array(bucketCount);
  const counts = new Uint32Array(bucketCount);
  const initial = aggregator === "min" ? Infinity : aggregator === "max" ? -Infinity : 0;
  const bucketOf = (t: number) => Math.floor((t - firstBucketSec) / intervalSeconds);
  const visitors: Record<TimeAggregator, (t: number, v: number) => void> = {
    avg: (t, v) => {
      const b = bucketOf(t);
      values[b]! += v;
      counts[b]!++;
    },
    sum: (t, v) => {
      const b = bucketOf(t);
      values[b]! += v;
      counts[b]!++;
    },
    count: (t) => {
      const b = bucketOf(t);
      values[b]! += 1;
      counts[b]!++;
    },
    min: (t, v) => {
      const b = bucketOf(t);
      if (v < values[b]!) values[b] = v;
      counts[b]!++;
    },
    max: (t, v) => {
      const b = bucketOf(t);
      if (v > values[b]!) values[b] = v;
      counts[b]!++;
    },
  };
  const visit = visitors[aggregator];
  return {
    values,
    counts,
    run(source, toSec) {
      values.fill(initial);
      counts.fill(0);
      source.read(firstBucketSec, toSec, visit);
      if (aggregator === "avg") for (let b = 0; b < bucketCount; b++) if (counts[b]! > 0) values[b]! /= counts[b]!;
    },
  };
}

function foldIntoGroup(space: SpaceAggregator, rolled: Rollup, acc: Float64Array, count: Uint32Array): void {
  const { values, counts } = rolled;
  for (let b = 0; b < acc.length; b++) {
    if (counts[b] === 0) continue;
    const v = values[b]!;
    if (space === "min") {
      if (v < acc[b]!) acc[b] = v;
    } else if (space === "max") {
      if (v > acc[b]!) acc[b] = v;
    } else acc[b]! += v;
    count[b]!++;
  }
}

/** Final per-bucket values, computed in place (size-10 answers hold thousands of groups). */
function finishGroup(space: SpaceAggregator, acc: Float64Array, count: Uint32Array): Float64Array {
  for (let b = 0; b < acc.length; b++) {
    acc[b] = count[b] === 0 ? NaN : space === "avg" ? acc[b]! / count[b]! : acc[b]!;
  }
  return acc;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
