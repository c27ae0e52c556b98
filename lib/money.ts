// The one money module. An amount is an exact decimal string of USD (what Postgres `numeric` gives us); the few
// sums done in JS (chart "Other", changes, savings) use integer units, never floats, and formatting happens
// only at display. Rules that round each row once and then add rows up (rightsizing savings, request costs)
// keep whole cents as integers, turned into an amount with formatCentsAsUsd.

/** Integer units per USD: 1e-12 USD. AWS sends at most 10 decimals, so sums of them stay exact. */
const SCALE = 12;
const UNIT = 10n ** BigInt(SCALE);
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** Parses a plain decimal ("-1234.5678", "12", ".5"); more than 12 decimals are rounded half away from zero. */
export function toUnits(decimal: string): bigint {
  const match = DECIMAL.exec(decimal.trim());
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) throw new Error(`Not a decimal amount: "${decimal}"`);
  const [, sign, whole = "", fraction = ""] = match;
  const kept = fraction.slice(0, SCALE).padEnd(SCALE, "0");
  let units = BigInt(whole || "0") * UNIT + BigInt(kept);
  if ((fraction[SCALE] ?? "0") >= "5") units += 1n;
  return sign === "-" ? -units : units;
}

/** Units back to a plain decimal without trailing zeros ("1234.5", "-0.01", "0"). */
export function fromUnits(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / UNIT;
  const fraction = (abs % UNIT).toString().padStart(SCALE, "0").replace(/0+$/, "");
  const text = fraction ? `${whole}.${fraction}` : `${whole}`;
  return negative && text !== "0" ? `-${text}` : text;
}

export function addMoney(...amounts: string[]): string {
  return fromUnits(amounts.reduce((sum, amount) => sum + toUnits(amount), 0n));
}

export function subtractMoney(a: string, b: string): string {
  return fromUnits(toUnits(a) - toUnits(b));
}

export function isZeroMoney(amount: string): boolean {
  return toUnits(amount) === 0n;
}

export function compareMoney(a: string, b: string): number {
  const d = toUnits(a) - toUnits(b);
  return d === 0n ? 0 : d < 0n ? -1 : 1;
}

/** Whole cents, rounded half away from zero (what a bill shows). */
export function toCents(amount: string): bigint {
  const units = toUnits(amount);
  const perCent = UNIT / 100n;
  const abs = units < 0n ? -units : units;
  const cents = (abs + perCent / 2n) / perCent;
  return units < 0n ? -cents : cents;
}

/**
 * A dollar figure computed in floating point (unit price × hours) to whole cents, rounded half away from zero.
 * Snapping to 1e-6 cents first removes binary noise (0.0225 × 2190 × 100 = 4927.499999… must count as 4927.5
 * → 4928). Never returns -0.
 */
export function roundToCents(usd: number): number {
  const snapped = Number(Math.abs(usd * 100).toFixed(6));
  const cents = Math.round(snapped) * Math.sign(usd);
  return cents === 0 ? 0 : cents;
}

/** Integer cents → an amount with two decimals, "-12.34" (CSV contract: plain negatives, no separators). */
export function formatCentsAsUsd(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const dollars = Math.floor(abs / 100);
  const rest = String(abs % 100).padStart(2, "0");
  return `${sign}${dollars}.${rest}`;
}

/** Exact cents for tables: "$1,234,567.89", "−$12.00" (a real minus sign reads better on a projector). */
export function formatUsd(amount: string): string {
  const cents = toCents(amount);
  const abs = cents < 0n ? -cents : cents;
  const dollars = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const text = `$${dollars}.${(abs % 100n).toString().padStart(2, "0")}`;
  return cents < 0n ? `−${text}` : text;
}

/** Signed exact change: "+$1,234.00" / "−$56.78". */
export function formatUsdChange(amount: string): string {
  const text = formatUsd(amount);
  return toCents(amount) > 0n ? `+${text}` : text;
}

/** A number for charts only (display, never arithmetic on money). */
export function toChartNumber(amount: string): number {
  return Number(amount);
}

/** Compact dollars for chart axes and bars: "$1.2M", "$345k", "$12.3k", "$950", "−$4k". */
export function formatUsdShort(value: number): string {
  const abs = Math.abs(value);
  const sign = value < 0 ? "−" : "";
  const scaled = (n: number, unit: string) => `${sign}$${n >= 100 ? Math.round(n) : Number(n.toFixed(1))}${unit}`;
  if (abs >= 1e9) return scaled(abs / 1e9, "B");
  if (abs >= 1e6) return scaled(abs / 1e6, "M");
  if (abs >= 1e3) return scaled(abs / 1e3, "k");
  return `${sign}$${Math.round(abs)}`;
}

/** "12.3%" (one decimal; "<0.1%" for tiny non-zero shares). */
export function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return "—";
  const pct = ratio * 100;
  if (pct !== 0 && Math.abs(pct) < 0.1) return pct > 0 ? "<0.1%" : "−<0.1%";
  const text = `${Math.abs(pct).toFixed(1)}%`;
  return pct < 0 ? `−${text}` : text;
}

/** The ratio a / b for shares and changes (display only); null when b is zero. */
export function toRatio(a: string, b: string): number | null {
  const denominator = toUnits(b);
  if (denominator === 0n) return null;
  // Scale to keep 1e-9 precision before the float division.
  return Number((toUnits(a) * 1_000_000_000n) / denominator) / 1e9;
}
