/**
 * A chart's numbers as a table, one click away under the chart: the text alternative for readers who cannot see
 * the picture (a screen reader, a greyscale printout, a colour they cannot tell apart), and for exact values.
 */
export type ChartTableProps = {
  /** Says what the table holds, e.g. "Spend by department per month". */
  caption: string;
  /** The heading of the first column (what each row is: a month, a team). */
  rowHeader: string;
  columns: string[];
  rows: { label: string; values: string[] }[];
};

export function ChartTable({ caption, rowHeader, columns, rows }: ChartTableProps) {
  return (
    <details className="chart-data">
      <summary>Show the chart as a table</summary>
      <div className="table-scroll">
        <table className="data">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{rowHeader}</th>
              {columns.map((c) => (
                <th key={c} scope="col" className="num">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                {r.values.map((v, i) => (
                  <td key={columns[i] ?? i} className="num">
                    {v}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
