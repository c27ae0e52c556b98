// Datadog v2 timeseries answer (as the real client deserialises it) → our columnar series, checked and
// converted to our units once, here at the boundary: CPU to millicores, memory to bytes.
import { z } from "zod";
import type { PlannedQuery, QueryWindow } from "./query-plan";

export type Series = {
  /** Group tags, e.g. { kube_namespace: "payments", kube_deployment: "N/A" }. */
  tags: Record<string, string>;
  /** One value per entry of `times`; NaN where Datadog had no data. */
  values: Float64Array;
};

export type Timeseries = {
  /** Interval of the answer in seconds: the one asked for, unless Datadog raised it (points cap). */
  intervalSeconds: number;
  /** Bucket starts in epoch seconds, ascending, inside the window [from − the query's lookback, to). */
  times: Float64Array;
  series: Series[];
};

export class DatadogAnswerError extends Error {
  constructor(query: PlannedQuery, detail: string) {
    super(
      `Datadog's answer to ${query.query} is not usable: ${detail}. Run the sync again; if it persists, check the metric names and the Datadog site.`,
    );
    this.name = "DatadogAnswerError";
  }
}

const unitSchema = z
  .object({ family: z.string().optional(), name: z.string().optional(), scaleFactor: z.number().optional() })
  .nullable();

// The small parts are checked with zod; `values` (millions of numbers) is checked in one loop below.
const answerSchema = z.object({
  data: z.object({
    type: z.literal("timeseries_response").optional(),
    attributes: z.object({
      series: z
        .array(
          z.object({
            groupTags: z.array(z.string()).optional(),
            queryIndex: z.number().int().optional(),
            unit: z.array(unitSchema).nullable().optional(),
          }),
        )
        .optional(),
      times: z.array(z.number()).optional(),
      values: z.array(z.unknown()).optional(), // rows checked below: zod per value is too slow for millions
    }),
  }),
});

export function reshapeTimeseries(answer: unknown, query: PlannedQuery, window: QueryWindow): Timeseries {
  const parsed = answerSchema.safeParse(answer);
  if (!parsed.success)
    throw new DatadogAnswerError(query, `unexpected shape (${z.prettifyError(parsed.error).replace(/\n/g, " ")})`);
  const { series = [], times = [], values = [] } = parsed.data.data.attributes;
  if (values.length !== series.length) {
    throw new DatadogAnswerError(query, `${series.length} series but ${values.length} rows of values`);
  }
  for (let i = 1; i < times.length; i++) {
    if (!(times[i]! > times[i - 1]!)) throw new DatadogAnswerError(query, `times are not ascending at position ${i}`);
  }

  // Keep the buckets inside [from, to): Datadog may include the bucket that starts at `to`.
  const kept: number[] = [];
  const fromSec = window.fromSec - query.lookbackSeconds;
  times.forEach((ms, i) => {
    const sec = ms / 1000;
    if (sec >= fromSec && sec < window.toSec) kept.push(i);
  });
  const keptTimes = Float64Array.from(kept, (i) => times[i]! / 1000);

  return {
    intervalSeconds: toIntervalSeconds(times, query.intervalSeconds),
    times: keptTimes,
    series: series.map((s, index) => {
      const row = values[index];
      if (!Array.isArray(row)) throw new DatadogAnswerError(query, `values row ${index} is not an array`);
      if (row.length !== times.length) {
        throw new DatadogAnswerError(query, `series ${index} has ${row.length} values for ${times.length} times`);
      }
      const scale = toScale(query, s.unit?.[0] ?? null);
      // CPU is kept to 1e-6 millicores (= 1 nanocore), so 0.07 cores is 70m, not 70.00000000000001m.
      const convert =
        query.values.kind === "cpu" ? (v: number) => Math.round(v * scale * 1e6) / 1e6 : (v: number) => v * scale;
      const out = new Float64Array(kept.length);
      for (let k = 0; k < kept.length; k++) {
        const v = row[kept[k]!];
        if (v === null) out[k] = NaN;
        else if (typeof v === "number" && Number.isFinite(v)) out[k] = convert(v);
        else
          throw new DatadogAnswerError(
            query,
            `series ${index} holds ${JSON.stringify(v)} where a number or null belongs`,
          );
      }
      return { tags: toTagMap(s.groupTags ?? []), values: out };
    }),
  };
}

/**
 * The answer's interval: the smallest step between its bucket times (gaps are simply absent in v2
 * answers). With fewer than two times, the interval asked for.
 */
function toIntervalSeconds(timesMs: readonly number[], requested: number): number {
  let step = Infinity;
  for (let i = 1; i < timesMs.length; i++) step = Math.min(step, timesMs[i]! - timesMs[i - 1]!);
  return Number.isFinite(step) ? step / 1000 : requested;
}

/** Multiplier from Datadog's unit to ours. Datadog's scale_factor is relative to the family's base (core, byte). */
function toScale(query: PlannedQuery, unit: z.infer<typeof unitSchema>): number {
  const v = query.values;
  if (v.kind === "count") return 1;
  const toOurs = v.kind === "cpu" ? 1000 : 1; // cores → millicores; bytes stay bytes
  if (!unit) return v.defaultScale * toOurs;
  const family = v.kind === "cpu" ? "cpu" : "bytes";
  if (unit.family !== family || unit.scaleFactor === undefined) {
    throw new DatadogAnswerError(
      query,
      `unit "${unit.name ?? "?"}" (family ${unit.family ?? "?"}) where a ${family} unit was expected`,
    );
  }
  return unit.scaleFactor * toOurs;
}

/** ["kube_namespace:payments", "env:N/A"] → { kube_namespace: "payments", env: "N/A" }; values may hold ":". */
export function toTagMap(groupTags: readonly string[]): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of groupTags) {
    const colon = tag.indexOf(":");
    if (colon > 0) tags[tag.slice(0, colon)] = tag.slice(colon + 1);
  }
  return tags;
}
