"use client";
import Link from "next/link";
import type { TableCell, TableModel } from "@/lib/reports/table-model";
import { Swatch } from "./swatch";

/** Draws a spend table model: sticky labels, exact cents, drill links; keyboard users follow the links. */
export function MoneyTable({ model }: { model: TableModel }) {
  const edge = (i: number) => (i === model.firstPeriod ? "num first-period" : "num");
  return (
    <div className="table-scroll">
      <table className="data money">
        <thead>
          <tr>
            <th className="sticky" scope="col">
              {model.corner}
            </th>
            {model.head.map((h, i) => (
              <th key={i} className={edge(i)} scope="col" title={h.title}>
                {h.text}
                {h.badge ? <span className={`badge ${h.badge.tone}`}>{h.badge.text}</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.rows.map((row) => (
            <tr key={row.key}>
              <td className="sticky">
                <span className="row-label">
                  {row.swatch ? <Swatch color={row.swatch} /> : null}
                  {row.link ? (
                    <Link href={row.link.href} title={row.link.title}>
                      {row.label}
                    </Link>
                  ) : (
                    <span>{row.label}</span>
                  )}
                  {row.badges.map((b) => (
                    <span key={b.text} className={`badge ${b.tone === "warn" ? "warn" : ""}`} title={b.title}>
                      {b.text}
                    </span>
                  ))}
                  {row.services ? (
                    <Link className="row-link" href={row.services.href} title={row.services.title}>
                      services →
                    </Link>
                  ) : null}
                </span>
              </td>
              {row.cells.map((c, i) => (
                <Cell key={i} cell={c} className={edge(i)} />
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td className="sticky">Total</td>
            {model.foot.map((c, i) => (
              <Cell key={i} cell={c} className={edge(i)} />
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function Cell({ cell, className }: { cell: TableCell; className: string }) {
  const tone = cell.tone === "missing" ? " missing" : "";
  const text = cell.tone === "up" || cell.tone === "down" ? <span className={cell.tone}>{cell.text}</span> : cell.text;
  return (
    <td className={className + tone} data-testid={cell.testId} title={cell.tone === "missing" ? cell.title : undefined}>
      {cell.title && cell.tone !== "missing" ? <span title={cell.title}>{text}</span> : text}
    </td>
  );
}
