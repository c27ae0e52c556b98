import type { SpendReport } from "@/lib/reports/spend-report";
import { toSpendTableModel } from "@/lib/reports/table-model";
import { MoneyTable } from "./money-table";

/** One row per group: total, share, change and each period, exact cents; every row drills down. */
export function SpendTable({
  report,
  allowedDepartments,
  path = "/spend",
}: {
  report: SpendReport;
  allowedDepartments: readonly string[];
  path?: string;
}) {
  return <MoneyTable model={toSpendTableModel(report, { allowedDepartments, path })} />;
}
