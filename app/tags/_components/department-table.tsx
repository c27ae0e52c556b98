import Link from "next/link";
import { cssVars, toPercent } from "@/app/_components/css-vars";
import { Swatch } from "@/app/_components/swatch";
import { toDepartmentColor } from "@/lib/reports/colors";
import { formatPercent, formatUsd, toRatio } from "@/lib/money";
import type { ComplianceReport } from "@/lib/tags/compliance-report";
import { toSpendLink } from "./spend-links";
import styles from "./tags.module.css";

/** Compliance per department, grouped as every report groups them (aliases applied). */
export function DepartmentTable({
  report,
  allowedDepartments,
}: {
  report: ComplianceReport;
  allowedDepartments: string[];
}) {
  return (
    <section className="panel" aria-label="Compliance by department">
      <h2>By department</h2>
      <div className="table-scroll">
        <table className="data">
          <thead>
            <tr>
              <th>Department</th>
              <th className="num">Compliant</th>
              <th className="num">Not allowed</th>
              <th className="num">Missing a tag</th>
              <th className="num">Total</th>
              <th>Compliant share</th>
            </tr>
          </thead>
          <tbody>
            {report.departments.map((d) => {
              const share = toRatio(d.compliant, d.total) ?? 0;
              return (
                <tr key={d.department ?? "(untagged)"}>
                  <td>
                    <Swatch color={toDepartmentColor(d.department, allowedDepartments)} className={styles.swatch} />
                    <Link href={toSpendLink(report.query, "project", { key: "department", value: d.department })}>
                      {d.department === null ? "(untagged)" : d.department}
                    </Link>{" "}
                    {d.departmentStatus === "not-allowed" ? <span className="badge warn">not allowed</span> : null}
                    {d.regroupedFrom.length > 0 ? (
                      <span className={styles.note}>
                        incl. {formatUsd(d.regroupedSpend)} aliased from{" "}
                        {d.regroupedFrom.map((v) => JSON.stringify(v)).join(", ")}
                      </span>
                    ) : null}
                  </td>
                  <td className="num">{formatUsd(d.compliant)}</td>
                  <td className="num">{formatUsd(d.notAllowed)}</td>
                  <td className="num">{formatUsd(d.missing)}</td>
                  <td className="num">{formatUsd(d.total)}</td>
                  <td>
                    <span className={styles.meter} aria-hidden>
                      <span style={cssVars({ "--share": toPercent(share) })} />
                    </span>
                    {formatPercent(share)}
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th>All departments</th>
              <th className="num">{formatUsd(report.overall.compliant)}</th>
              <th className="num">{formatUsd(report.overall.notAllowed)}</th>
              <th className="num">{formatUsd(report.overall.missing)}</th>
              <th className="num">{formatUsd(report.overall.total)}</th>
              <th>{formatPercent(toRatio(report.overall.compliant, report.overall.total) ?? 0)}</th>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className={styles.caption}>
        A cost row counts once: missing a tag first, else not allowed. Aliased values group under their department here
        and in every report, and stay &ldquo;not allowed&rdquo; until the resources are retagged.
      </p>
    </section>
  );
}
