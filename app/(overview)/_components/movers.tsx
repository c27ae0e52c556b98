import Link from "next/link";
import { Change, Money } from "@/app/_components/money";
import { Swatch } from "@/app/_components/swatch";
import { toDepartmentColor } from "@/lib/reports/colors";
import type { Mover } from "@/lib/reports/overview";
import { toSpendHref } from "@/lib/reports/view";
import styles from "./overview.module.css";

/** Departments or projects whose spend rose or fell most between the last two full months. */
export function Movers({
  title,
  movers,
  allowedDepartments,
  isDepartment,
}: {
  title: string;
  movers: Mover[];
  allowedDepartments: readonly string[];
  isDepartment: boolean;
}) {
  if (movers.length === 0)
    return <p className={`muted ${styles.movers}`}>No change between the last two full months.</p>;
  return (
    <div className="table-scroll">
      <table className={`data money ${styles.movers}`} aria-label={title}>
        <thead>
          <tr>
            <th scope="col">{isDepartment ? "Department" : "Project"}</th>
            <th className="num" scope="col">
              Change
            </th>
            <th className="num" scope="col">
              Last month
            </th>
          </tr>
        </thead>
        <tbody>
          {movers.map(({ row, amount, view }) => {
            const key = row.keys[0];
            return (
              <tr key={key?.filter}>
                <td>
                  <span className="row-label">
                    {isDepartment ? <Swatch color={toDepartmentColor(key?.value ?? null, allowedDepartments)} /> : null}
                    <Link href={toSpendHref(view)}>{key?.label}</Link>
                  </span>
                </td>
                <td className="num">
                  <Change change={row.change} />
                </td>
                <td className="num">
                  <Money amount={amount} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
