// The spend table as plain, formatted data: built on the server, drawn by one client component
// (app/_components/money-table.tsx). A server-rendered tree of thousands of cells streams as one segment per
// cell (React outlines big payloads), which tripled the page; a data model is sent once, compactly.
import { toDepartmentColor } from "./colors";
import { DIMENSION_LABELS } from "./datasets";
import { toDrillLink } from "./drill";
import { addMoney, formatPercent, formatUsd, formatUsdChange, toRatio } from "@/lib/money";
import { formatPeriod, formatPeriodShort, type Period } from "./periods";
import { toChange, type SpendReport, type SpendRow } from "./spend-report";
import { toSpendHref } from "./view";

export type TableCell = { text: string; title?: string; tone?: "up" | "down" | "missing"; testId?: string };
export type TableHead = { text: string; title?: string; badge?: { text: string; tone: "warn" | "muted" } };
export type TableBadge = { text: string; tone: "warn" | "info"; title: string };
export type TableRow = {
  key: string;
  label: string;
  link?: { href: string; title: string };
  swatch?: string;
  badges: TableBadge[];
  services?: { href: string; title: string };
  cells: TableCell[];
};
export type TableModel = {
  corner: string;
  head: TableHead[];
  firstPeriod: number;
  rows: TableRow[];
  foot: TableCell[];
};

// A page of more rows is slow to send and to read; the rest is one exact "Other" row, and the CSV has every row.
export const MAX_TABLE_ROWS = 100;

export function toSpendTableModel(
  report: SpendReport,
  opts: { allowedDepartments: readonly string[]; path: string; maxRows?: number },
): TableModel {
  const { periods, change, view } = report;
  const maxRows = opts.maxRows ?? MAX_TABLE_ROWS;
  const shown = report.rows.length > maxRows + 1 ? report.rows.slice(0, maxRows) : report.rows;
  const rest = report.rows.slice(shown.length);
  const short = (i: number) => (periods[i] ? formatPeriodShort(periods[i], view.granularity) : "");
  const head: TableHead[] = [
    { text: "Total" },
    { text: "Share" },
    ...(change
      ? [
          {
            text: `Change ${short(change.current)} vs ${short(change.previous)}`,
            title: "Last complete period against the one before",
          },
        ]
      : []),
    ...periods.map((p): TableHead => {
      const status = p.daysWithData === 0 ? "not synced" : p.estimated ? "Estimated" : null;
      return {
        text: formatPeriod(p, view.granularity),
        title: `${p.daysWithData} of ${p.days} days synced`,
        ...(status
          ? { badge: { text: status, tone: status === "Estimated" ? ("warn" as const) : ("muted" as const) } }
          : {}),
      };
    }),
  ];
  const cellsOf = (total: string, amounts: string[]): TableCell[] => [
    money(total),
    { text: formatPercent(toRatio(total, report.total) ?? 0) },
    ...(change ? [changeCell(toChange(amounts[change.current] ?? "0", amounts[change.previous] ?? "0"))] : []),
    ...periods.map((p, i) => amountCell(p, amounts[i] ?? "0")),
  ];
  const rows = shown.map((row) => toRow(row, report, opts, cellsOf(row.total, row.amounts)));
  if (rest.length > 0) {
    const amounts = periods.map((_, i) => addMoney(...rest.map((r) => r.amounts[i] ?? "0")));
    rows.push({
      key: "\u0000other",
      label: `Other (${rest.length} smaller rows — every row is in the CSV)`,
      badges: [],
      cells: cellsOf(addMoney(...rest.map((r) => r.total)), amounts),
    });
  }
  const foot = cellsOf(report.total, report.periodTotals);
  foot[0] = { ...money(report.total), testId: "grand-total" };
  if (report.rows.length === 0) foot[1] = { text: "—" };
  return { corner: view.by.map((d) => DIMENSION_LABELS[d]).join(" · "), head, firstPeriod: change ? 3 : 2, rows, foot };
}

function toRow(
  row: SpendRow,
  report: SpendReport,
  opts: { allowedDepartments: readonly string[]; path: string },
  cells: TableCell[],
): TableRow {
  const drill = toDrillLink(report.view, row.keys);
  const services = drill?.view.by[0] === "service" ? null : toDrillLink(report.view, row.keys, "service");
  const first = row.keys[0];
  const aliased = [...row.aliasedFrom.department, ...row.aliasedFrom.environment];
  const badges: TableBadge[] = [];
  if (row.keys.some((k) => k.status === "not-allowed"))
    badges.push({ text: "not allowed", tone: "warn", title: "Outside the allowed values on /settings" });
  if (row.aliasedAmount && aliased.length > 0) {
    badges.push({
      text: `incl. ${formatUsd(row.aliasedAmount)} tagged ${aliased.map((a) => `“${a}”`).join(", ")}`,
      tone: "info",
      title: "An alias on /settings moved this spend here; the resources still carry the raw value",
    });
  }
  return {
    key: row.keys.map((k) => k.filter).join("\u0000"),
    label: row.keys.map((k) => k.label).join(" · "),
    ...(drill ? { link: { href: toSpendHref(drill.view, opts.path), title: drill.label } } : {}),
    ...(first?.dimension === "department" && row.keys.length === 1
      ? { swatch: toDepartmentColor(first.value, opts.allowedDepartments) }
      : {}),
    badges,
    ...(services ? { services: { href: toSpendHref(services.view, opts.path), title: services.label } } : {}),
    cells,
  };
}

/** Exact cents, with the full stored precision on hover (what the CSV has). */
function money(amount: string): TableCell {
  return { text: formatUsd(amount), title: `${amount} USD` };
}

/** A period's amount; "—" (never $0) when the period was not synced. */
function amountCell(period: Period & { daysWithData: number }, amount: string): TableCell {
  if (period.daysWithData === 0)
    return { text: "—", tone: "missing", title: "No Cost Explorer data synced for this period" };
  return { text: formatUsd(amount) };
}

/** More spend is red, less is green (finance reads cost, not revenue); no percentage against nothing. */
export function changeCell(change: { amount: string; ratio: number | null }): TableCell {
  const isZero = /^-?[0.]+$/.test(change.amount);
  if (isZero && change.ratio === null) return { text: "—" };
  const ratio = change.ratio === null ? "new" : `${change.ratio > 0 ? "+" : ""}${formatPercent(change.ratio)}`;
  const tone = isZero ? undefined : change.amount.startsWith("-") ? ("down" as const) : ("up" as const);
  return {
    text: `${formatUsdChange(change.amount)} (${ratio})`,
    title: `${change.amount} USD`,
    ...(tone ? { tone } : {}),
  };
}
