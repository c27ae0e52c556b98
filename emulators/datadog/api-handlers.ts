// The two metrics query endpoints: input parsing (zod) and the answer body.
//   GET  /api/v1/query?from=<s>&to=<s>&query=<q>                 → MetricsQueryResponse
//   POST /api/v2/query/timeseries {data:{attributes:{from,to,interval,queries,formulas}}} → TimeseriesFormulaQueryResponse
import { z } from "zod";
import { evaluateQuery, QueryRangeError } from "./evaluator";
import { parseMetricQuery, QueryParseError } from "./query-parser";
import { toV1Body, toV2Body } from "./responses";
import type { V2Output } from "./responses";
import type { SeriesStore } from "./series-store";

/** `chunks` is consumed once, while the answer is written. */
export type ApiAnswer = { status: number; chunks: Iterable<string>; queries: string[] };

/** An input error: 400 with Datadog's `{"errors": [message]}`. */
export class BadRequestError extends Error {}

const epochSeconds = z.coerce.number().int().nonnegative();
const v1ParamsSchema = z.object({ from: epochSeconds, to: epochSeconds, query: z.string().min(1) });

export function answerV1Query(store: SeriesStore, params: URLSearchParams): ApiAnswer {
  const parsed = v1ParamsSchema.safeParse(Object.fromEntries(params));
  if (!parsed.success) {
    throw new BadRequestError(
      `Invalid query parameters: ${z.prettifyError(parsed.error).replace(/\n/g, " ")} (expected from and to in seconds since epoch, and query).`,
    );
  }
  const { from, to, query: queryText } = parsed.data;
  const query = parseOrThrow(queryText);
  const evaluation = evaluateOrThrow(() => evaluateQuery(store, query, from, to, null));
  return {
    status: 200,
    chunks: toV1Body({ queryText, query, evaluation, fromSec: from, toSec: to, unit: store.getUnit(query.metric) }),
    queries: [queryText],
  };
}

const v2BodySchema = z.object({
  data: z.object({
    type: z.literal("timeseries_request"),
    attributes: z.object({
      from: z.number().int().nonnegative(),
      to: z.number().int().nonnegative(),
      interval: z.number().int().positive().optional(),
      queries: z
        .array(z.object({ data_source: z.literal("metrics"), query: z.string().min(1), name: z.string().optional() }))
        .min(1),
      formulas: z.array(z.object({ formula: z.string().min(1), limit: z.unknown().optional() })).optional(),
    }),
  }),
});

export function answerV2Timeseries(store: SeriesStore, body: unknown): ApiAnswer {
  const parsed = v2BodySchema.safeParse(body);
  if (!parsed.success) {
    throw new BadRequestError(
      `Invalid timeseries request: ${z.prettifyError(parsed.error).replace(/\n/g, " ")} (expected data.type "timeseries_request" and data.attributes {from, to (ms), queries [{data_source: "metrics", query, name}], formulas?}).`,
    );
  }
  const { from, to, interval, queries, formulas } = parsed.data.data.attributes;
  const fromSec = Math.floor(from / 1000);
  const toSec = Math.floor(to / 1000);
  const intervalSec = interval === undefined ? null : Math.max(1, Math.round(interval / 1000));
  const named = new Map(queries.map((q, i) => [q.name ?? `query${i + 1}`, q.query]));
  // Without formulas every query is an output; a formula must name one query (no arithmetic here).
  const outputs = (formulas ?? [...named.keys()].map((name) => ({ formula: name }))).map(({ formula }): V2Output => {
    const queryText = named.get(formula.trim());
    if (queryText === undefined) {
      throw new BadRequestError(
        `Formula "${formula}" is not supported: the emulator answers formulas that name one query (${[...named.keys()].join(", ")}).`,
      );
    }
    const query = parseOrThrow(queryText);
    return {
      evaluation: evaluateOrThrow(() => evaluateQuery(store, query, fromSec, toSec, intervalSec)),
      unit: store.getUnit(query.metric),
    };
  });
  return { status: 200, chunks: toV2Body(outputs), queries: queries.map((q) => q.query) };
}

function parseOrThrow(text: string) {
  try {
    return parseMetricQuery(text);
  } catch (error) {
    if (error instanceof QueryParseError) throw new BadRequestError(error.message);
    throw error;
  }
}

function evaluateOrThrow<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof QueryRangeError) throw new BadRequestError(error.message);
    throw error;
  }
}
