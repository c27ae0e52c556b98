import Link from "next/link";
import { Money } from "@/app/_components/money";
import { Swatch } from "@/app/_components/swatch";
import { toDepartmentColor } from "@/lib/reports/colors";
import { addMoney, compareMoney, formatPercent, toRatio } from "@/lib/money";
import type { SpendReport } from "@/lib/reports/spend-report";
import { toSpendHref } from "@/lib/reports/view";

type Line = { label: string; value: string | null; filter: string; cs: string; rnd: string };

/** Departments across, customer-serving and R&D side by side (a report by department × category over the range). */
export function CategoryPivot({
  report,
  allowedDepartments,
}: {
  report: SpendReport;
  allowedDepartments: readonly string[];
}) {
  const lines = new Map<string, Line>();
  for (const row of report.rows) {
    const [department, category] = row.keys;
    if (!department || !category) continue;
    const line = lines.get(department.filter) ?? {
      label: department.label,
      value: department.value,
      filter: department.filter,
      cs: "0",
      rnd: "0",
    };
    if (category.value === "customer-serving") line.cs = addMoney(line.cs, row.total);
    else line.rnd = addMoney(line.rnd, row.total);
    lines.set(department.filter, line);
  }
  const sorted = [...lines.values()].sort((a, b) => compareMoney(addMoney(b.cs, b.rnd), addMoney(a.cs, a.rnd)));
  const totals = { cs: addMoney("0", ...sorted.map((l) => l.cs)), rnd: addMoney("0", ...sorted.map((l) => l.rnd)) };
  const view = { ...report.view, by: ["category" as const], granularity: "month" as const };
  return (
    <div className="table-scroll">
      <table className="data money">
        <thead>
          <tr>
            <th className="sticky" scope="col">
              Department
            </th>
            <th className="num" scope="col">
              Customer-serving
            </th>
            <th className="num" scope="col">
              R&amp;D
            </th>
            <th className="num" scope="col">
              Total
            </th>
            <th className="num" scope="col">
              Customer-serving share
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((l) => {
            const total = addMoney(l.cs, l.rnd);
            return (
              <tr key={l.filter}>
                <td className="sticky">
                  <span className="row-label">
                    <Swatch color={toDepartmentColor(l.value, allowedDepartments)} />
                    <Link
                      href={toSpendHref(
                        { ...view, filters: { ...report.view.filters, department: l.filter } },
                        "/spend/categories",
                      )}
                    >
                      {l.label}
                    </Link>
                  </span>
                </td>
                <td className="num">
                  <Money amount={l.cs} />
                </td>
                <td className="num">
                  <Money amount={l.rnd} />
                </td>
                <td className="num">
                  <Money amount={total} />
                </td>
                <td className="num">{formatPercent(toRatio(l.cs, total) ?? 0)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <td className="sticky">Total</td>
            <td className="num">
              <Money amount={totals.cs} />
            </td>
            <td className="num">
              <Money amount={totals.rnd} />
            </td>
            <td className="num">
              <Money amount={report.total} />
            </td>
            <td className="num">{formatPercent(toRatio(totals.cs, report.total) ?? 0)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
