// How numbers read on a slide: whole dollars for facts, compact dollars for headlines ($412k), one-decimal
// percentages — each the page's number rounded to fewer digits, never a different number.
import { formatUsd, formatUsdShort, toChartNumber } from "@/lib/money";

/** "$17,584" (rounded half away from zero to whole dollars, like the bill's cents rounding). */
export function formatUsdWhole(amount: string): string {
  return formatUsd(roundToDollars(amount)).slice(0, -3);
}

function roundToDollars(amount: string): string {
  const negative = amount.trim().startsWith("-");
  const [whole = "0", fraction = ""] = amount.trim().replace(/^[+-]/, "").split(".");
  const up = (fraction[0] ?? "0") >= "5";
  const dollars = (BigInt(whole || "0") + (up ? 1n : 0n)).toString();
  return negative && dollars !== "0" ? `-${dollars}` : dollars;
}

/** "$412k" */
export function formatUsdCompact(amount: string): string {
  return formatUsdShort(toChartNumber(amount));
}

/** A display number for a chart: dollars to the cent as a float. */
export function toChartValue(amount: string): number {
  return Math.round(toChartNumber(amount) * 100) / 100;
}
