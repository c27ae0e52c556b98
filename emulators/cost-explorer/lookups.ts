// GetDimensionValues, GetTags and ListCostAllocationTags: what values exist in a period, and which
// tag keys are activated. Lists page at the emulator's page size (or MaxResults when smaller).
import { formatDay } from "@/emulators/demo/spend-days";
import { listDimensionValuesByKey, listTagValuesByKey, toAccountName, toVisibleDays, type Dataset } from "./dataset";
import { compileFilter } from "./filter";
import { decodeToken, fingerprintOf, toPage } from "./paging";
import { constraintError, validationError } from "./protocol";
import { parseMaxResults, parseOptionalString, parseTimePeriod, toSupportedDimension, type DayRange } from "./validate";

/** Unblended cost per line key over the visible days of the range (NaN = no row at all). */
function sumByKey(dataset: Dataset, range: DayRange, mask: Uint8Array): Float64Array {
  const { table } = dataset;
  const sums = new Float64Array(table.keys.count).fill(Number.NaN);
  const { from, to } = toVisibleDays(dataset, range.start, range.end);
  const rowEnd = table.dayStart[to - table.firstDay] ?? 0;
  for (let row = table.dayStart[from - table.firstDay] ?? 0; row < rowEnd; row++) {
    const key = table.key[row] ?? 0;
    if (!mask[key]) continue;
    sums[key] = (Number.isNaN(sums[key] ?? 0) ? 0 : (sums[key] ?? 0)) + (table.unblended[row] ?? 0);
  }
  return sums;
}

function matchesSearch(value: string, search: string | undefined): boolean {
  return search === undefined || value.toLowerCase().includes(search.toLowerCase());
}

function parseSortBy(value: unknown): void {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value)) throw constraintError(value, "sortBy", "Member must be a list of sort definitions");
}

export function getDimensionValues(dataset: Dataset, body: Record<string, unknown>) {
  const range = parseTimePeriod(body.TimePeriod, dataset);
  if (typeof body.Dimension !== "string") throw constraintError(body.Dimension, "dimension", "Member must not be null");
  const dimension = toSupportedDimension(body.Dimension);
  const context = parseOptionalString(body.Context, "context") ?? "COST_AND_USAGE";
  if (context !== "COST_AND_USAGE")
    throw validationError(`Context ${context} is not served by the Costwise emulator (only COST_AND_USAGE).`);
  const search = parseOptionalString(body.SearchString, "searchString");
  parseSortBy(body.SortBy);
  const size = Math.min(parseMaxResults(body.MaxResults, "maxResults", 10_000) ?? dataset.pageSize, dataset.pageSize);
  const fingerprint = fingerprintOf(body, "NextPageToken");
  const offset = decodeToken(body.NextPageToken, fingerprint);

  const sums = sumByKey(dataset, range, compileFilter(dataset, body.Filter));
  const valueOfKey = listDimensionValuesByKey(dataset, dimension);
  const costs = new Map<string, number>();
  sums.forEach((sum, key) => {
    const value = valueOfKey[key] ?? "";
    if (!Number.isNaN(sum) && matchesSearch(value, search)) costs.set(value, (costs.get(value) ?? 0) + sum);
  });
  // Biggest first, as in the console's lists (the published example is not alphabetical).
  const values = [...costs].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([value]) => value);
  const { page, nextToken } = toPage(values, offset, size, fingerprint);
  return {
    DimensionValues: page.map((value) => ({
      Attributes: dimension === "LINKED_ACCOUNT" ? { description: toAccountName(dataset, value) ?? value } : {},
      Value: value,
    })),
    ...(nextToken ? { NextPageToken: nextToken } : {}),
    ReturnSize: page.length,
    TotalSize: values.length,
  };
}

export function getTags(dataset: Dataset, body: Record<string, unknown>) {
  const range = parseTimePeriod(body.TimePeriod, dataset);
  const tagKey = parseOptionalString(body.TagKey, "tagKey");
  const search = parseOptionalString(body.SearchString, "searchString");
  parseSortBy(body.SortBy);
  const size = Math.min(parseMaxResults(body.MaxResults, "maxResults", 10_000) ?? dataset.pageSize, dataset.pageSize);
  const fingerprint = fingerprintOf(body, "NextPageToken");
  const offset = decodeToken(body.NextPageToken, fingerprint);

  const sums = sumByKey(dataset, range, compileFilter(dataset, body.Filter));
  const present = (key: number) => !Number.isNaN(sums[key] ?? Number.NaN);
  const found = new Set<string>();
  const candidateKeys = tagKey === undefined ? dataset.costAllocationTags.map((tag) => tag.TagKey) : [tagKey];
  for (const candidate of candidateKeys) {
    const values = listTagValuesByKey(dataset, candidate);
    values.forEach((value, key) => {
      if (value === "" || !present(key)) return;
      const shown = tagKey === undefined ? candidate : value;
      if (matchesSearch(shown, search)) found.add(shown);
    });
  }
  const tags = [...found].sort();
  const { page, nextToken } = toPage(tags, offset, size, fingerprint);
  return {
    ...(nextToken ? { NextPageToken: nextToken } : {}),
    ReturnSize: page.length,
    Tags: page,
    TotalSize: tags.length,
  };
}

const TAG_ACTIVATED_ON = "2024-03-01T00:00:00Z";

export function listCostAllocationTags(dataset: Dataset, body: Record<string, unknown>) {
  const status = parseOptionalString(body.Status, "status");
  if (status !== undefined && status !== "Active" && status !== "Inactive") {
    throw constraintError(status, "status", "Member must satisfy enum value set: [Active, Inactive]");
  }
  const type = parseOptionalString(body.Type, "type");
  if (type !== undefined && type !== "AWSGenerated" && type !== "UserDefined") {
    throw constraintError(type, "type", "Member must satisfy enum value set: [AWSGenerated, UserDefined]");
  }
  const tagKeys = body.TagKeys;
  if (
    tagKeys !== undefined &&
    (!Array.isArray(tagKeys) || tagKeys.length > 100 || tagKeys.some((k) => typeof k !== "string"))
  ) {
    throw constraintError(tagKeys, "tagKeys", "Member must be a list of at most 100 strings");
  }
  const size = parseMaxResults(body.MaxResults, "maxResults", 1000) ?? 100;
  const fingerprint = fingerprintOf(body, "NextToken");
  const offset = decodeToken(body.NextToken, fingerprint);
  const lastUsed = `${formatDay(dataset.nowDay - 1)}T00:00:00Z`;
  const tags = dataset.costAllocationTags
    .filter((tag) => (status === undefined || tag.Status === status) && (type === undefined || tag.Type === type))
    .filter((tag) => tagKeys === undefined || (tagKeys as string[]).includes(tag.TagKey))
    .map((tag) => ({
      LastUpdatedDate: TAG_ACTIVATED_ON,
      LastUsedDate: lastUsed,
      Status: tag.Status,
      TagKey: tag.TagKey,
      Type: tag.Type,
    }));
  const { page, nextToken } = toPage(tags, offset, size, fingerprint);
  return { CostAllocationTags: page, ...(nextToken ? { NextToken: nextToken } : {}) };
}
