// Request checks, as strict as Cost Explorer's. Messages quoted from real AWS answers where one is
// known (see README.md "Validation"); the others follow Coral's constraint wording.
import { formatDay, parseDay } from "@/emulators/demo/spend-days";
import { toLatestEnd } from "./calendar";
import { constraintError, ServiceError, validationError } from "./protocol";

export const METRICS = [
  "AmortizedCost",
  "BlendedCost",
  "NetAmortizedCost",
  "NetUnblendedCost",
  "NormalizedUsageAmount",
  "UnblendedCost",
  "UsageQuantity",
] as const;
export type MetricName = (typeof METRICS)[number];

/** Dimensions the emulator has data for; AWS knows more (they are refused with a message saying so). */
export const SUPPORTED_DIMENSIONS = ["SERVICE", "LINKED_ACCOUNT", "RECORD_TYPE", "USAGE_TYPE"] as const;
export type SupportedDimension = (typeof SUPPORTED_DIMENSIONS)[number];
// GroupBy DIMENSION keys AWS accepts (API reference, GetCostAndUsage GroupBy).
const GROUPABLE_DIMENSIONS = [
  "AZ",
  "INSTANCE_TYPE",
  "LEGAL_ENTITY_NAME",
  "INVOICING_ENTITY",
  "LINKED_ACCOUNT",
  "OPERATION",
  "PLATFORM",
  "PURCHASE_TYPE",
  "SERVICE",
  "TENANCY",
  "RECORD_TYPE",
  "USAGE_TYPE",
];

export type DayRange = { start: number; end: number };
export type Grouping = { Type: "DIMENSION"; Key: SupportedDimension } | { Type: "TAG"; Key: string };
/** The clock and the history limit a request is checked against. */
export type Window = { nowDay: number; historyStart: number };

export type CostAndUsageRequest = {
  range: DayRange;
  granularity: "DAILY" | "MONTHLY";
  metrics: MetricName[];
  groupBy: Grouping[];
  filter: unknown;
};

export function parseCostAndUsageRequest(body: Record<string, unknown>, window: Window): CostAndUsageRequest {
  const range = parseTimePeriod(body.TimePeriod, window);
  const granularity = body.Granularity;
  if (granularity === undefined || granularity === null)
    throw constraintError(granularity, "granularity", "Member must not be null");
  if (granularity === "HOURLY")
    throw validationError(
      "Hourly granularity is not enabled for this account (the Costwise emulator serves DAILY and MONTHLY).",
    );
  if (granularity !== "DAILY" && granularity !== "MONTHLY") {
    throw constraintError(granularity, "granularity", "Member must satisfy enum value set: [HOURLY, DAILY, MONTHLY]");
  }
  return {
    range,
    granularity,
    metrics: parseMetrics(body.Metrics),
    groupBy: parseGroupBy(body.GroupBy),
    filter: body.Filter,
  };
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$/;

/** TimePeriod { Start, End }: End exclusive, within the history window and not past the 1st of next month. */
export function parseTimePeriod(value: unknown, window: Window): DayRange {
  if (typeof value !== "object" || value === null)
    throw constraintError(value, "timePeriod", "Member must not be null");
  const { Start, End } = value as { Start?: unknown; End?: unknown };
  const start = parseDate(Start, "timePeriod.start");
  const end = parseDate(End, "timePeriod.end");
  if (start >= end) throw validationError("Start date (and hour) should be before end date (and hour)");
  if (end > toLatestEnd(window.nowDay)) throw validationError("end date past the beginning of next month");
  if (start < window.historyStart) {
    throw validationError(
      `start date is too old: Cost Explorer keeps data from ${formatDay(window.historyStart)} (the 1st of the month 13 months back). Use a later Start.`,
    );
  }
  return { start, end };
}

function parseDate(value: unknown, path: string): number {
  if (value === undefined || value === null) throw constraintError(value, path, "Member must not be null");
  if (typeof value !== "string" || !DATE_PATTERN.test(value)) {
    throw constraintError(
      value,
      path,
      "Member must satisfy regular expression pattern: (\\d{4}-\\d{2}-\\d{2})(T\\d{2}:\\d{2}:\\d{2}Z)?",
    );
  }
  if (value.length > 10)
    throw validationError(`Time of day in ${path} (${value}) is only allowed with HOURLY granularity.`);
  const day = parseDay(value);
  if (day === undefined) throw validationError(`${value} is not a valid date.`);
  return day;
}

function parseMetrics(value: unknown): MetricName[] {
  if (value === undefined || value === null) throw constraintError(value, "metrics", "Member must not be null");
  if (!Array.isArray(value) || value.length === 0)
    throw validationError("Metrics is required: give at least one metric, e.g. UnblendedCost.");
  for (const metric of value) {
    if (typeof metric !== "string" || !(METRICS as readonly string[]).includes(metric)) {
      throw validationError(`Invalid metric name: ${JSON.stringify(metric)}. Valid values are ${METRICS.join(", ")}.`);
    }
  }
  return [...new Set(value as MetricName[])];
}

function parseGroupBy(value: unknown): Grouping[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw constraintError(value, "groupBy", "Member must be a list of group definitions");
  if (value.length > 2) throw validationError(`Group Definitions can have at most 2 elements; got ${value.length}.`);
  const groupings = value.map((entry: unknown): Grouping => {
    const { Type, Key } = (entry ?? {}) as { Type?: unknown; Key?: unknown };
    if (typeof Type !== "string" || typeof Key !== "string" || !Type || !Key) {
      throw validationError("Group Definition is invalid. Both type an key need to be set to a non-empty value.");
    }
    if (Type === "TAG") return { Type, Key };
    if (Type === "COST_CATEGORY")
      throw validationError("Cost categories are not defined in this account (the Costwise emulator has none).");
    if (Type !== "DIMENSION") throw validationError("Group Definition type is invalid.");
    if (!GROUPABLE_DIMENSIONS.includes(Key)) {
      throw validationError(
        `Group Definition dimension is invalid. Valid values are ${GROUPABLE_DIMENSIONS.join(", ")}.`,
      );
    }
    return { Type, Key: toSupportedDimension(Key) };
  });
  const [first, second] = groupings;
  if (first && second && first.Type === second.Type && first.Key === second.Key) {
    throw validationError("Group Definitions must be distinct.");
  }
  return groupings;
}

/** A dimension the emulator has data for, or a ValidationException saying it is AWS-only. */
export function toSupportedDimension(key: string): SupportedDimension {
  if ((SUPPORTED_DIMENSIONS as readonly string[]).includes(key)) return key as SupportedDimension;
  throw validationError(
    `Dimension ${key} is not allowed. (The Costwise emulator serves ${SUPPORTED_DIMENSIONS.join(", ")}.)`,
  );
}

/** MaxResults of GetTags / GetDimensionValues / ListCostAllocationTags: a whole number ≥ 1. */
export function parseMaxResults(value: unknown, path: string, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > max) {
    throw constraintError(value, path, `Member must have value between 1 and ${max}`);
  }
  return value;
}

export function parseOptionalString(value: unknown, path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw constraintError(value, path, "Member must be a string");
  return value;
}

/** The JSON body as an object; anything else is a SerializationException, as on AWS. */
export function parseBody(text: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new ServiceError(
      "SerializationException",
      "Start of structure or map found where not expected, or the body is not JSON.",
    );
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ServiceError("SerializationException", "The request body must be a JSON object.");
  }
  return body as Record<string, unknown>;
}
