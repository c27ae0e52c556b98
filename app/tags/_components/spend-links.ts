// Links from /tags to the spend report behind a number (lib/reports/view.ts owns the URL format).
import type { Metric } from "@/lib/metrics";
import { UNTAGGED_FILTER, toSpendHref } from "@/lib/reports/view";
import type { Dimension } from "@/lib/reports/datasets";
import type { TagsQuery } from "@/lib/tags/tags-query";

/**
 * /spend grouped by `by`, filtered on one tag as reports show it: the value after aliases, or (untagged).
 * The spend report groups aliased values under their target, so an aliased offender links to the target.
 */
export function toSpendLink(query: TagsQuery, by: Dimension, filter: { key: Dimension; value: string | null }): string {
  return toSpendHref({
    by: [by],
    from: query.from,
    to: query.to,
    granularity: "month",
    metric: query.metric as Metric,
    filters: { [filter.key]: filter.value ?? UNTAGGED_FILTER },
  });
}
