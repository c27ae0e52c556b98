// Display helpers of /commitments: Cost Explorer's percentage strings and months, formatted only here.
const MONTH = new Intl.DateTimeFormat("en-US", { month: "short", year: "numeric", timeZone: "UTC" });

export const formatMonth = (day: string) => MONTH.format(new Date(`${day}T00:00:00Z`));
/** "87.4567" (a percentage as Cost Explorer writes it) → "87.5%". */
export const formatPercentText = (value: string) => `${Number(value).toFixed(1)}%`;
export const formatHours = (value: string) => Math.round(Number(value)).toLocaleString("en-US");

/** A link to /savings with a new initiative prefilled: the purchase, dated today, scoped to the service's spend. */
export function toRecordHref(input: { name: string; description: string; service: string; changeDate: string }) {
  const params = new URLSearchParams({ new: "1", ...input });
  return `/savings?${params.toString()}#initiative-form`;
}
