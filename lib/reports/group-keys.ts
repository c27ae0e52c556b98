// How one grouped value of a report reads: its label, its tag status, and the filter value that selects it.
import { UNTAGGED_LABEL } from "@/lib/labels";
import { classifyTagValue, type TagStatus } from "@/lib/tags/classify";
import type { EnvironmentCategory, TagSettings } from "@/lib/settings/tags";
import type { Dimension } from "./datasets";
import { UNTAGGED_FILTER } from "./view";

export type GroupKey = {
  dimension: Dimension;
  /** The value reports group under (after aliases); null = the tag is missing. */
  value: string | null;
  /** What a person reads: "(untagged)", "costwise-prod (111111111111)", "Customer-serving". */
  label: string;
  /** Tag status of the grouped value (department, project, environment only). */
  status: Exclude<TagStatus, "aliased"> | null;
  /** The URL filter value that selects this group. */
  filter: string;
};

export const CATEGORY_LABELS: Record<EnvironmentCategory, string> = {
  "customer-serving": "Customer-serving",
  rnd: "R&D",
};

export function toGroupKey(
  dimension: Dimension,
  value: string | null,
  settings: TagSettings,
  accounts: Map<string, string>,
): GroupKey {
  const filter = value ?? UNTAGGED_FILTER;
  if (dimension === "category") {
    return {
      dimension,
      value,
      label: CATEGORY_LABELS[value as EnvironmentCategory] ?? value ?? UNTAGGED_LABEL,
      status: null,
      filter,
    };
  }
  if (dimension === "account") {
    const name = value === null ? undefined : accounts.get(value);
    return { dimension, value, label: name ? `${name} (${value})` : (value ?? UNTAGGED_LABEL), status: null, filter };
  }
  if (dimension === "service") return { dimension, value, label: value ?? UNTAGGED_LABEL, status: null, filter };
  // The value is already resolved: an alias target classifies as allowed, a raw value outside the list as not allowed.
  const { status } = classifyTagValue(dimension, value, settings);
  // A raw value with spaces around it (`Production `) is shown quoted, or it would look like the allowed one.
  const label = value === null ? UNTAGGED_LABEL : value !== value.trim() ? `“${value}”` : value;
  return { dimension, value, label, status: status === "aliased" ? "allowed" : status, filter };
}
