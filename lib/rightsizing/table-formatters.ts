// Table exports of rightsizing rows: CSV rows for the shared CSV writer (README's CSV contract: header row, units
// in headers, no thousands separators, plain negatives, money at full precision) and a Markdown table with the
// same rows for a ticket or chat message.
import { formatCentsAsUsd } from "@/lib/money";
import { BYTES_PER_MIB, bytesToMib, formatDecimal, toCpuQuantity, toMemoryQuantity } from "./quantities";
import { UNTAGGED_LABEL } from "@/lib/labels";
import type { RightsizingRow } from "./types";

export const RIGHTSIZING_CSV_COLUMNS = [
  "cluster",
  "namespace",
  "workload_kind",
  "workload",
  "container",
  "environment",
  "team",
  "replicas",
  "rule",
  "direction",
  "severity",
  "cpu_request_millicores",
  "cpu_limit_millicores",
  "memory_request_mib",
  "memory_limit_mib",
  "cpu_p95_millicores",
  "cpu_max_millicores",
  "memory_idle_mib",
  "memory_peak_mib",
  "recommended_cpu_request_millicores",
  "recommended_cpu_limit_millicores",
  "recommended_memory_request_mib",
  "recommended_memory_limit_mib",
  "cpu_change_millicores",
  "cpu_change_pct",
  "memory_change_mib",
  "memory_change_pct",
  "monthly_savings_usd",
  "in_savings_totals",
  "flags",
  "reason",
] as const;

/** The columns of RIGHTSIZING_CSV_COLUMNS that hold numbers (written plain, never escaped as text). */
export const RIGHTSIZING_CSV_NUMBER_COLUMNS = RIGHTSIZING_CSV_COLUMNS.filter(
  (c) => c === "replicas" || /_(millicores|mib|pct|usd)$/.test(c),
);

// Integer bytes → MiB written exactly (k / 2^20 has at most 20 decimals, all of which toFixed(20)
// gets right); measured (fractional) bytes → 3 decimals. Empty cell for "not set".
function mibCell(bytes: number | null): string {
  if (bytes === null) return "";
  if (!Number.isInteger(bytes)) return formatDecimal(bytes / BYTES_PER_MIB, 3);
  const whole = Math.trunc(bytes / BYTES_PER_MIB);
  const fraction = formatDecimal((Math.abs(bytes) % BYTES_PER_MIB) / BYTES_PER_MIB, 20);
  const sign = bytes < 0 && whole === 0 ? "-" : "";
  return fraction === "0" ? `${sign}${whole}` : `${sign}${whole}.${fraction.slice(2)}`;
}

function numberCell(value: number | null, digits = 3): string {
  return value === null ? "" : formatDecimal(value, digits);
}

// One row per container, every row of the input in its order; the header is RIGHTSIZING_CSV_COLUMNS:
// toCsv(RIGHTSIZING_CSV_COLUMNS, toRightsizingCsvRows(rows)) with the shared CSV writer.
export function toRightsizingCsvRows(rows: RightsizingRow[]): string[][] {
  const body = rows.map(({ usage, recommendation: rec, savings }) => {
    const next = rec.recommended;
    const change = rec.change;
    return [
      usage.cluster,
      usage.namespace,
      usage.workloadKind,
      usage.workload,
      usage.container,
      rec.environment.value ?? UNTAGGED_LABEL,
      rec.team.value,
      numberCell(usage.replicas),
      rec.rule,
      rec.direction,
      rec.severity,
      numberCell(rec.current.cpuRequest),
      numberCell(rec.current.cpuLimit),
      mibCell(rec.current.memoryRequest),
      mibCell(rec.current.memoryLimit),
      numberCell(usage.cpu.p95),
      numberCell(usage.cpu.max),
      mibCell(usage.memory.idle),
      mibCell(usage.memory.peak),
      numberCell(next?.cpuRequest ?? null),
      numberCell(next?.cpuLimit ?? null),
      mibCell(next?.memoryRequest ?? null),
      mibCell(next?.memoryLimit ?? null),
      numberCell(change?.cpuMillicores ?? null),
      numberCell(change?.cpuPct ?? null, 1),
      mibCell(change?.memoryBytes ?? null),
      numberCell(change?.memoryPct ?? null, 1),
      formatCentsAsUsd(savings.monthlyCents),
      rec.isInSavingsTotals ? "true" : "false",
      rec.flags.join(" "),
      rec.reason,
    ];
  });
  return body;
}

const MARKDOWN_COLUMNS = [
  "Cluster",
  "Namespace",
  "Workload",
  "Container",
  "Env",
  "Replicas",
  "CPU request",
  "CPU limit",
  "Memory request",
  "Memory limit",
  "Savings $/month",
  "Flags",
  "Reason",
];

// Every line break a Markdown renderer may honour (CR alone, NEL, LS, PS too) would end the table row.
function escapeMarkdown(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/\r\n|[\n\r\v\f\u0085\u2028\u2029]/g, " ");
}

function pct(value: number | null): string {
  if (value === null || value === 0) return "";
  return ` (${value > 0 ? "+" : ""}${formatDecimal(value, 0)}%)`;
}

// "500m → 120m (-76%)", "none", "1000m" (unchanged), "—" when there is no recommendation.
function transition(now: number | null, next: number | null | undefined, unit: (v: number) => string, p = ""): string {
  const from = now === null ? "none" : unit(now);
  if (next === undefined) return from;
  const to = next === null ? "none" : unit(next);
  return from === to ? from : `${from} → ${to}${p}`;
}

const memoryUnit = (bytes: number) =>
  bytes % BYTES_PER_MIB === 0 ? toMemoryQuantity(bytes) : `${formatDecimal(bytesToMib(bytes), 1)}Mi`;

function savingsCell(rec: RightsizingRow["recommendation"], cents: number): string {
  if (rec.recommended === null) return "—";
  if (rec.hpa.isScaled) return `${formatCentsAsUsd(cents)} (HPA, not in totals)`;
  return formatCentsAsUsd(cents);
}

// Same rows, same order as the CSV; compact columns (current → recommended) for reading.
export function toMarkdownTable(rows: RightsizingRow[]): string {
  const lines = [`| ${MARKDOWN_COLUMNS.join(" | ")} |`, `|${MARKDOWN_COLUMNS.map(() => " --- ").join("|")}|`];
  for (const { usage, recommendation: rec, savings } of rows) {
    const next = rec.recommended ?? undefined;
    const cells = [
      usage.cluster,
      usage.namespace,
      `${usage.workloadKind}/${usage.workload}`,
      usage.container,
      rec.environment.value ?? UNTAGGED_LABEL,
      formatDecimal(usage.replicas, 2),
      transition(rec.current.cpuRequest, next?.cpuRequest, toCpuQuantity, pct(rec.change?.cpuPct ?? null)),
      transition(rec.current.cpuLimit, next?.cpuLimit, toCpuQuantity),
      transition(rec.current.memoryRequest, next?.memoryRequest, memoryUnit, pct(rec.change?.memoryPct ?? null)),
      transition(rec.current.memoryLimit, next?.memoryLimit, memoryUnit),
      savingsCell(rec, savings.monthlyCents),
      rec.flags.join(", "),
      rec.reason,
    ];
    lines.push(`| ${cells.map(escapeMarkdown).join(" | ")} |`);
  }
  return `${lines.join("\n")}\n`;
}
