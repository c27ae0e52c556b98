// Display formatting of the rightsizing pages (exports keep their own exact formats in lib/rightsizing).
import { formatCentsAsUsd, formatUsd as formatAmount } from "@/lib/money";

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/** Integer cents → "$1,234.56" / "−$12.00": the one money format (lib/money.ts), from the rule's cents. */
export function formatUsd(cents: number): string {
  return formatAmount(formatCentsAsUsd(cents));
}

/** A saving signed the way people read it: "+$12.00" saved, "−$3.00" added. */
export function formatSavings(cents: number): string {
  return cents > 0 ? `+${formatUsd(cents)}` : formatUsd(cents);
}

/** Millicores as a Kubernetes person writes them: "250m", "1.5" cores above 10 cores as "12.3 vCPU". */
export function formatCpu(millicores: number | null): string {
  if (millicores === null) return "—";
  if (Math.abs(millicores) >= 10_000) return `${trim(millicores / 1000, 1)} vCPU`;
  return `${trim(millicores, Math.abs(millicores) < 10 ? 1 : 0)}m`;
}

/** Bytes as "460Mi" below 10 GiB, "12.3Gi" above. */
export function formatMemory(bytes: number | null): string {
  if (bytes === null) return "—";
  if (Math.abs(bytes) >= 10 * GIB) return `${trim(bytes / GIB, 1)}Gi`;
  return `${trim(bytes / MIB, Math.abs(bytes) < 10 * MIB ? 1 : 0)}Mi`;
}

/** Totals across replicas: vCPU and GiB with one decimal. */
export function formatVcpu(millicores: number): string {
  return `${trim(millicores / 1000, 1)} vCPU`;
}
export function formatGib(bytes: number): string {
  return `${trim(bytes / GIB, 1)} GiB`;
}

export function formatPct(pct: number | null): string {
  if (pct === null) return "new";
  if (pct === 0) return "0%";
  return `${pct > 0 ? "+" : "−"}${trim(Math.abs(pct), 0)}%`;
}

/** A signed change in units: "−420m", "+140m", "±0". */
export function formatDelta(value: number, unit: (v: number) => string): string {
  if (value === 0) return "±0";
  return `${value > 0 ? "+" : "−"}${unit(Math.abs(value))}`;
}

export function formatReplicas(replicas: number): string {
  return trim(replicas, 1);
}

// Quantities are written the Kubernetes way, without thousands separators ("4000m", "1659Mi").
function trim(value: number, digits: number): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0, useGrouping: false });
}

/**
 * A usage figure with no more digits than its text shows (614 for 613.655088 millicores, whole bytes), so a
 * row's payload does not carry the rest; the value itself when rounding would change the text.
 */
export function toShownCpu(millicores: number | null): number | null {
  return toShown(millicores, formatCpu, (m) =>
    Math.abs(m) >= 10_000 ? Math.round(m / 100) * 100 : Number(m.toFixed(Math.abs(m) < 10 ? 1 : 0)),
  );
}
export function toShownMemory(bytes: number | null): number | null {
  return toShown(bytes, formatMemory, Math.round);
}

function toShown(
  value: number | null,
  format: (v: number | null) => string,
  round: (v: number) => number,
): number | null {
  if (value === null) return null;
  const rounded = round(value);
  return format(rounded) === format(value) ? rounded : value;
}
