// Words every page, export and slide shares, so a missing tag and a month read the same everywhere.

/** The one label for a missing tag value: tables, filters, CSV files (README's CSV contract), slides. */
export const UNTAGGED_LABEL = "(untagged)";

export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

/** "Jan" … "Dec" */
export const SHORT_MONTH_NAMES: readonly string[] = MONTH_NAMES.map((name) => name.slice(0, 3));
