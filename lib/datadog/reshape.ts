// Datadog v2 timeseries answer (as Datadog sends it, read as it streams in) → our columnar series, checked and
// converted to our units once, here at the boundary: CPU to millicores, memory to bytes.
import { JSONParser } from "@streamparser/json";
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

// The answer as Datadog sends it (snake_case), read piece by piece: the series' tags and units, the bucket times,
// then one row of values per series. The small pieces are checked with zod; the rows (millions of numbers) in
// one loop each.
const unitSchema = z
  .object({ family: z.string().optional(), name: z.string().optional(), scale_factor: z.number().optional() })
  .nullable();
const seriesSchema = z.object({
  group_tags: z.array(z.string()).optional(),
  query_index: z.number().int().optional(),
  unit: z.array(unitSchema).nullable().optional(),
});
const timesSchema = z.array(z.number());

type SeriesHead = { tags: Record<string, string>; scale: number };

/**
 * Memory for the rows of one answer at a time, reused by the next answer read into it: the rows of an answer read
 * with it are valid until the next answer is read with it. The sync folds each answer into its statistics before
 * it reads the next one, so one array serves all its answers (the largest one's size, ~31 MB at size 10) instead
 * of one per answer — the garbage collector frees those late, and two or three of them, dead, stayed at once.
 */
export type RowBuffer = { take(length: number): Float64Array };

export function createRowBuffer(): RowBuffer {
  let values = new Float64Array(0);
  return {
    take(length) {
      if (values.length < length) values = new Float64Array(length);
      return values.subarray(0, length);
    },
  };
}

/**
 * Builds one Timeseries from the pieces of an answer as they arrive, in any order: a row of values is converted
 * (and its raw numbers dropped) as soon as its series and the times are known, else kept until they are.
 */
export function createTimeseriesAssembler(query: PlannedQuery, window: QueryWindow, buffer?: RowBuffer) {
  const heads: SeriesHead[] = [];
  const rows: Float64Array[] = [];
  const waiting = new Map<number, unknown>();
  let times: number[] | null = null;
  let kept: number[] = [];
  let rowCount = 0;
  let sawAnswer = false;
  const fail = (detail: string): never => {
    throw new DatadogAnswerError(query, detail);
  };
  // CPU is kept to 1e-6 millicores (= 1 nanocore), so 0.07 cores is 70m, not 70.00000000000001m.
  const convertRow = (index: number, row: unknown, times: number[]): Float64Array => {
    if (!Array.isArray(row)) return fail(`values row ${index} is not an array`);
    if (row.length !== times.length) fail(`series ${index} has ${row.length} values for ${times.length} times`);
    const scale = heads[index]!.scale;
    const cpu = query.values.kind === "cpu";
    const out = rowStorage(index);
    for (let k = 0; k < kept.length; k++) {
      const v: unknown = row[kept[k]!];
      if (v === null) out[k] = NaN;
      else if (typeof v === "number" && Number.isFinite(v))
        out[k] = cpu ? Math.round(v * scale * 1e6) / 1e6 : v * scale;
      else fail(`series ${index} holds ${JSON.stringify(v)} where a number or null belongs`);
    }
    return out;
  };
  // The rows of the series known when the first row is converted share one array (the buffer's, if given): one
  // allocation per answer (~31 MB for 3,000 series of 1,344 buckets) instead of thousands of ~10 KB ones that
  // fragment the memory allocator's heap and keep the process's resident size up.
  let slab: { rows: number; width: number; values: Float64Array } | null = null;
  const rowStorage = (index: number): Float64Array => {
    const width = kept.length;
    const length = heads.length * width;
    slab ??= { rows: heads.length, width, values: buffer ? buffer.take(length) : new Float64Array(length) };
    if (index >= slab.rows || width !== slab.width) return new Float64Array(width);
    return slab.values.subarray(index * width, (index + 1) * width);
  };
  const convertWaiting = () => {
    if (!times) return;
    for (const [index, row] of waiting) {
      if (!heads[index]) continue;
      rows[index] = convertRow(index, row, times);
      waiting.delete(index);
    }
  };
  return {
    /** The answer is a timeseries answer (its `data.type`), even if it holds no series. */
    type(value: unknown) {
      if (value !== "timeseries_response") fail(`data.type is ${JSON.stringify(value)}, not "timeseries_response"`);
      sawAnswer = true;
    },
    series(index: number, value: unknown) {
      sawAnswer = true;
      const parsed = seriesSchema.safeParse(value);
      if (!parsed.success)
        fail(`unexpected shape of series ${index} (${z.prettifyError(parsed.error).replace(/\n/g, " ")})`);
      const s = parsed.data!;
      heads[index] = { tags: toTagMap(s.group_tags ?? []), scale: toScale(query, s.unit?.[0] ?? null) };
      convertWaiting();
    },
    times(value: unknown) {
      sawAnswer = true;
      const parsed = timesSchema.safeParse(value);
      if (!parsed.success) fail("data.attributes.times is not a list of numbers");
      const list = parsed.data!;
      for (let i = 1; i < list.length; i++) {
        if (!(list[i]! > list[i - 1]!)) fail(`times are not ascending at position ${i}`);
      }
      // Keep the buckets inside [from, to): Datadog may include the bucket that starts at `to`.
      const fromSec = window.fromSec - query.lookbackSeconds;
      kept = [];
      list.forEach((ms, i) => {
        const sec = ms / 1000;
        if (sec >= fromSec && sec < window.toSec) kept.push(i);
      });
      times = list;
      convertWaiting();
    },
    row(index: number, value: unknown) {
      sawAnswer = true;
      rowCount = Math.max(rowCount, index + 1);
      if (times && heads[index]) rows[index] = convertRow(index, value, times);
      else waiting.set(index, value);
    },
    finish(): Timeseries {
      if (!sawAnswer) fail("unexpected shape (no data.attributes with series, times and values)");
      if (rowCount !== heads.length) fail(`${heads.length} series but ${rowCount} rows of values`);
      const list = times ?? [];
      if (!times) kept = [];
      for (const [index, row] of waiting) rows[index] = convertRow(index, row, list);
      waiting.clear();
      return {
        intervalSeconds: toIntervalSeconds(list, query.intervalSeconds),
        times: Float64Array.from(kept, (i) => list[i]! / 1000),
        series: heads.map((head, index) => ({ tags: head.tags, values: rows[index]! })),
      };
    },
  };
}

/** A whole answer, already parsed (as Datadog sends it), checked and converted: the streaming reader's twin. */
export function reshapeTimeseries(answer: unknown, query: PlannedQuery, window: QueryWindow): Timeseries {
  const assembler = createTimeseriesAssembler(query, window);
  const data = (answer as { data?: { type?: unknown; attributes?: Record<string, unknown> } } | null)?.data;
  if (data?.type !== undefined) assembler.type(data.type);
  const attributes = data?.attributes;
  if (attributes && typeof attributes === "object") {
    const { series, times, values } = attributes;
    if (Array.isArray(series)) series.forEach((s, i) => assembler.series(i, s));
    if (times !== undefined) assembler.times(times);
    if (Array.isArray(values)) values.forEach((row, i) => assembler.row(i, row));
  }
  return assembler.finish();
}

/** Where the reader spent its time: tokenizing and converting, while the answer streams in. */
export type ReadTimings = { parseMs: number };

/**
 * Reads a v2 timeseries answer as it streams in, with a streaming JSON parser: each series and each row of values
 * is handed to the assembler as soon as it is complete, so neither the answer's text nor its generic parsed tree
 * is ever held whole — only the compact Float64Array rows it becomes (in `buffer`, if given: see RowBuffer).
 */
export async function readTimeseries(
  chunks: AsyncIterable<Uint8Array>,
  query: PlannedQuery,
  window: QueryWindow,
  timings?: ReadTimings,
  buffer?: RowBuffer,
): Promise<Timeseries> {
  const assembler = createTimeseriesAssembler(query, window, buffer);
  // numberBufferSize: numbers are collected in a small buffer instead of string concatenation (3× faster here).
  const parser = new JSONParser({
    paths: ["$.data.type", "$.data.attributes.series.*", "$.data.attributes.times", "$.data.attributes.values.*"],
    keepStack: false,
    numberBufferSize: 64,
  });
  parser.onValue = ({ value, key, stack }) => {
    const parent = stack[stack.length - 1]?.key;
    if (key === "type") assembler.type(value);
    else if (key === "times") assembler.times(value);
    else if (parent === "series" && typeof key === "number") assembler.series(key, value);
    else if (parent === "values" && typeof key === "number") assembler.row(key, value);
  };
  let bytes = 0;
  const step = (write: () => void) => {
    const started = performance.now();
    try {
      write();
    } catch (err) {
      if (err instanceof DatadogAnswerError) throw err;
      throw new SyntaxError(`the answer is not valid JSON: ${(err as Error).message}`);
    } finally {
      if (timings) timings.parseMs += performance.now() - started;
    }
  };
  // Text, not bytes: the parser decodes UTF-8 byte by byte, slower than TextDecoder (which keeps a character
  // split across two chunks for the next one).
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for await (const chunk of chunks) {
    bytes += chunk.length;
    step(() => parser.write(decoder.decode(chunk, { stream: true })));
  }
  if (bytes === 0) throw new SyntaxError("the answer is empty");
  step(() => {
    const rest = decoder.decode();
    if (rest) parser.write(rest);
    if (!parser.isEnded) parser.end();
  });
  return assembler.finish();
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
  if (unit.family !== family || unit.scale_factor === undefined) {
    throw new DatadogAnswerError(
      query,
      `unit "${unit.name ?? "?"}" (family ${unit.family ?? "?"}) where a ${family} unit was expected`,
    );
  }
  return unit.scale_factor * toOurs;
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
