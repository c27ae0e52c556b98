// The emulator's view of the generated spend: the clock, the history limit, and which tag keys are
// activated for cost allocation (a key that is not active reads as absent everywhere, as on AWS).
import { RECORD_TYPES, TAG_KEYS, type SpendTable, type TagKey } from "@/emulators/demo/spend-table";
import type { SupportedDimension } from "./validate";

export type CostAllocationTag = { TagKey: string; Type: "UserDefined" | "AWSGenerated"; Status: "Active" | "Inactive" };

/** department/project/environment are activated; team and owner exist on resources but were never activated. */
export function listDefaultCostAllocationTags(): CostAllocationTag[] {
  return [
    ...TAG_KEYS.map((TagKey): CostAllocationTag => ({ TagKey, Type: "UserDefined", Status: "Active" })),
    { TagKey: "team", Type: "UserDefined", Status: "Inactive" },
    { TagKey: "owner", Type: "UserDefined", Status: "Inactive" },
    { TagKey: "aws:createdBy", Type: "AWSGenerated", Status: "Inactive" },
  ];
}

export type Dataset = {
  table: SpendTable;
  nowDay: number;
  historyStart: number;
  pageSize: number;
  costAllocationTags: CostAllocationTag[];
};

function isDataTagKey(key: string): key is TagKey {
  return (TAG_KEYS as readonly string[]).includes(key);
}

/** Per line key, the raw value of tag `key` ("" when absent, not activated, or never used). */
export function listTagValuesByKey(dataset: Dataset, key: string): string[] {
  const { table } = dataset;
  const isActive = dataset.costAllocationTags.some((tag) => tag.TagKey === key && tag.Status === "Active");
  if (!isActive || !isDataTagKey(key)) return new Array<string>(table.keys.count).fill("");
  const indexes = table.keys.tags[key];
  return Array.from(indexes, (index) => table.tagValues[key][index] ?? "");
}

/** Per line key, its value of a dimension. */
export function listDimensionValuesByKey(dataset: Dataset, dimension: SupportedDimension): string[] {
  const { keys, accounts, services } = dataset.table;
  if (dimension === "SERVICE") return Array.from(keys.service, (i) => services[i] ?? "");
  if (dimension === "LINKED_ACCOUNT") return Array.from(keys.account, (i) => accounts[i]?.id ?? "");
  if (dimension === "USAGE_TYPE") return Array.from(keys.usageType, (i) => dataset.table.usageTypes[i] ?? "");
  return Array.from(keys.recordType, (i) => RECORD_TYPES[i] ?? "");
}

export function toAccountName(dataset: Dataset, id: string): string | undefined {
  return dataset.table.accounts.find((account) => account.id === id)?.name;
}

/** The generated days of [start, end) that already have data (before today). */
export function toVisibleDays(dataset: Dataset, start: number, end: number): { from: number; to: number } {
  const { table } = dataset;
  const from = Math.max(start, table.firstDay);
  const to = Math.min(end, dataset.nowDay, table.firstDay + table.dayCount);
  return { from, to: Math.max(from, to) };
}
