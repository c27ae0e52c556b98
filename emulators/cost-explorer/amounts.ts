// Amounts as Cost Explorer writes them: decimal strings without trailing zeros ("3.3", "0",
// "0.0000000282"). Money stays in integer units of 1e-8 USD until it becomes text here.
import { UNITS_PER_USD } from "@/emulators/demo/spend-table";

const FRACTION_DIGITS = String(UNITS_PER_USD).length - 1;

/** Integer 1e-8 USD units → "1234.56789012"; exact (no float arithmetic on the digits). */
export function formatUnits(units: number): string {
  if (!Number.isSafeInteger(units)) throw new Error(`internal: amount ${units} is not an exact integer of 1e-8 USD.`);
  if (units === 0) return "0";
  const sign = units < 0 ? "-" : "";
  const abs = Math.abs(units);
  const whole = Math.floor(abs / UNITS_PER_USD);
  const fraction = abs - whole * UNITS_PER_USD;
  if (fraction === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(fraction).padStart(FRACTION_DIGITS, "0").replace(/0+$/, "")}`;
}

/** Usage quantities are not money: up to 10 decimals like AWS, trailing zeros dropped. */
export function formatQuantity(quantity: number): string {
  if (quantity === 0) return "0";
  return quantity.toFixed(10).replace(/\.?0+$/, "");
}
