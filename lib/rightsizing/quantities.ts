// Units, rounding and number formatting shared by the rightsizing rules and formatters (money: lib/money.ts).
// Units (chosen once): CPU in millicores, memory in bytes. The sync converts Datadog's nanocores,
// cores and bytes at the boundary; everything here stays in these two units until display.

export const BYTES_PER_MIB = 1024 * 1024;
export const BYTES_PER_GIB = 1024 * 1024 * 1024;
export const MILLICORES_PER_VCPU = 1000;

// Multipliers like 1.15 and 1.3 are not exact in binary (212 × 1.3 = 275.60000000000002, 100 × 1.15 =
// 114.99999999999999), so "round up" first forgives a billionth: an exact 115 must not become 116.
const CEIL_TOLERANCE = 1e-9;

export function ceilTolerant(value: number): number {
  return Math.ceil(value - CEIL_TOLERANCE);
}

export function bytesToMib(bytes: number): number {
  return bytes / BYTES_PER_MIB;
}

export function mibToBytes(mib: number): number {
  return mib * BYTES_PER_MIB;
}

// CPU rounds up to whole millicores, in steps above a threshold (5m above 100m by default).
export function roundCpuUpMillicores(millicores: number, stepAbove: number, step: number): number {
  const whole = ceilTolerant(millicores);
  if (whole <= stepAbove) return whole;
  return ceilTolerant(millicores / step) * step;
}

// Memory rounds up to whole MiB. Returns MiB (an integer).
export function roundMemoryUpMib(mib: number): number {
  return ceilTolerant(mib);
}

// Plain decimal without exponent notation, at most `digits` decimals, trailing zeros trimmed.
export function formatDecimal(value: number, digits: number): string {
  const fixed = value.toFixed(digits);
  const trimmed = fixed.includes(".") ? fixed.replace(/0+$/, "").replace(/\.$/, "") : fixed;
  return trimmed === "-0" ? "0" : trimmed;
}

// Human numbers in reasons: "212", "3.2".
export function formatForReason(value: number): string {
  return formatDecimal(value, 1);
}

// Kubernetes quantity for CPU: millicores are the API's precision, so round to the nearest one.
export function toCpuQuantity(millicores: number): string {
  return `${Math.round(millicores)}m`;
}

// Kubernetes quantity for memory: whole MiB as "276Mi", anything else as plain bytes ("1000000000"),
// which the API accepts and which never loses precision.
export function toMemoryQuantity(bytes: number): string {
  const rounded = Math.round(bytes);
  if (rounded % BYTES_PER_MIB === 0) return `${rounded / BYTES_PER_MIB}Mi`;
  return String(rounded);
}
