// The three cost metrics every report, export and the sync agree on: their names in URLs and exports, how pages
// label them, and the column that holds each in cost_daily, cost_day and cost_monthly.

/** As offered on the pages and in exports, the default first. */
export const METRICS = ["amortized", "unblended", "net_amortized"] as const;
export type Metric = (typeof METRICS)[number];

export function isMetric(value: string): value is Metric {
  return (METRICS as readonly string[]).includes(value);
}

/** Reports, the tags page and the exports read amortized spend unless asked otherwise. */
export const DEFAULT_METRIC: Metric = "amortized";

export const METRIC_LABELS: Record<Metric, string> = {
  amortized: "Amortized",
  unblended: "Unblended",
  net_amortized: "Net amortized",
};

/** Metric → its column in the cost tables, so a column name written into SQL never comes from input. */
export const METRIC_COLUMN: Record<Metric, string> = {
  amortized: "amortized",
  unblended: "unblended",
  net_amortized: "net_amortized",
};

/** The metrics in the order the cost tables declare their columns, which is the order the sync writes them in. */
export const STORED_METRICS = ["unblended", "amortized", "net_amortized"] as const satisfies readonly Metric[];
