// Filter expressions (And / Or / Not / Dimensions / Tags), checked like AWS and evaluated once per
// line key: the result is a mask the aggregation reads per row, so filters cost nothing per row.
import { listDimensionValuesByKey, listTagValuesByKey, type Dataset } from "./dataset";
import { validationError } from "./protocol";
import { toSupportedDimension } from "./validate";

const ROOTS = ["And", "Or", "Not", "Dimensions", "Tags", "CostCategories"] as const;
// GetCostAndUsage API reference: Dimensions take EQUALS/CASE_SENSITIVE; Tags also ABSENT.
const DIMENSION_MATCH = ["EQUALS", "CASE_SENSITIVE"];
const TAG_MATCH = ["EQUALS", "ABSENT", "CASE_SENSITIVE"];

/** 1 for every line key the expression keeps; all ones without a filter. */
export function compileFilter(dataset: Dataset, expression: unknown): Uint8Array {
  const count = dataset.table.keys.count;
  if (expression === undefined || expression === null) return new Uint8Array(count).fill(1);
  return evaluate(dataset, expression);
}

function evaluate(dataset: Dataset, expression: unknown): Uint8Array {
  if (typeof expression !== "object" || expression === null || Array.isArray(expression)) {
    throw validationError("Expression must be an object with one of And, Or, Not, Dimensions, Tags or CostCategories.");
  }
  const node = expression as Record<string, unknown>;
  const roots = ROOTS.filter((root) => node[root] !== undefined && node[root] !== null);
  const [root] = roots;
  if (roots.length !== 1 || !root) {
    throw validationError(
      'Expression has zero or more than one roots. Only one root operator is allowed for each expression: "and", "or", "not", "tag" or "dimensionValue"',
    );
  }
  const value = node[root];
  if (root === "And" || root === "Or") return combine(dataset, root, value);
  if (root === "Not") return evaluate(dataset, value).map((bit) => 1 - bit);
  if (root === "Dimensions") return matchDimension(dataset, value);
  if (root === "Tags") return matchTag(dataset, value);
  throw validationError("Cost categories are not defined in this account (the Costwise emulator has none).");
}

function combine(dataset: Dataset, operator: "And" | "Or", operands: unknown): Uint8Array {
  if (!Array.isArray(operands) || operands.length < 2)
    throw validationError(`${operator} expression must have at least 2 operands`);
  const masks = operands.map((operand) => evaluate(dataset, operand));
  const result = new Uint8Array(dataset.table.keys.count).fill(operator === "And" ? 1 : 0);
  for (const mask of masks) {
    for (let i = 0; i < result.length; i++)
      result[i] = operator === "And" ? (result[i] ?? 0) & (mask[i] ?? 0) : (result[i] ?? 0) | (mask[i] ?? 0);
  }
  return result;
}

type Matcher = { Key?: unknown; Values?: unknown; MatchOptions?: unknown };

function matchDimension(dataset: Dataset, value: unknown): Uint8Array {
  const { Key, Values, MatchOptions } = (value ?? {}) as Matcher;
  if (typeof Key !== "string" || !Key) throw validationError("Dimensions.Key is required, e.g. SERVICE.");
  const dimension = toSupportedDimension(Key);
  parseMatchOptions(MatchOptions, DIMENSION_MATCH, "Dimensions");
  const values = parseValues(Values, `Dimensions ${Key}`);
  if (values.length === 0) throw validationError(`Dimensions ${Key} needs at least one value.`);
  const wanted = new Set(values);
  return Uint8Array.from(listDimensionValuesByKey(dataset, dimension), (v) => (wanted.has(v) ? 1 : 0));
}

function matchTag(dataset: Dataset, value: unknown): Uint8Array {
  const { Key, Values, MatchOptions } = (value ?? {}) as Matcher;
  if (typeof Key !== "string" || !Key) throw validationError("Tags.Key is required, e.g. department.");
  const options = parseMatchOptions(MatchOptions, TAG_MATCH, "Tags");
  const values = parseValues(Values, `Tags ${Key}`);
  const isAbsentWanted = options.includes("ABSENT");
  if (!isAbsentWanted && values.length === 0) {
    throw validationError(`Tags ${Key} needs Values, or MatchOptions ["ABSENT"] to select spend without the tag.`);
  }
  // An empty value stands for "no tag", as in the group key "department$".
  const wanted = new Set(values);
  if (isAbsentWanted) wanted.add("");
  return Uint8Array.from(listTagValuesByKey(dataset, Key), (v) => (wanted.has(v) ? 1 : 0));
}

function parseMatchOptions(value: unknown, allowed: string[], where: string): string[] {
  if (value === undefined || value === null) return ["EQUALS"];
  if (!Array.isArray(value)) throw validationError(`${where}.MatchOptions must be a list.`);
  for (const option of value) {
    if (typeof option !== "string" || !allowed.includes(option)) {
      throw validationError(
        `MatchOptions ${JSON.stringify(option)} is not supported for ${where} in GetCostAndUsage; valid values are ${allowed.join(", ")}.`,
      );
    }
  }
  return value as string[];
}

function parseValues(value: unknown, where: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string"))
    throw validationError(`${where}: Values must be a list of strings.`);
  return value as string[];
}
