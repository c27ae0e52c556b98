import type { DecisionView } from "@/lib/rightsizing/decisions-store";
import type { DecisionStatus } from "@/lib/rightsizing/decisions";
import { DecisionCell } from "./decision-cell";

// Applied and drifted first (what happened), then what waits, then what was set aside.
const ORDER: DecisionStatus[] = ["drifted", "applied", "changed", "accepted", "open", "snoozed", "declined"];

/** Every decided row of the team in one list, whatever page of the table it is on: declined rows shown apart. */
export function DecisionsPanel({ decisions }: { decisions: DecisionView[] }) {
  if (decisions.length === 0) return null;
  const sorted = [...decisions].sort(
    (a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || a.workload.localeCompare(b.workload),
  );
  return (
    <section className="panel" aria-label="Decisions">
      <h2>Decisions</h2>
      <div className="table-scroll">
        <table className="data">
          <thead>
            <tr>
              <th>Container</th>
              <th>Recommendation decided on</th>
              <th className="num">$ / month then</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((d) => (
              <tr key={`${d.cluster}/${d.namespace}/${d.workloadKind}/${d.workload}/${d.container}`}>
                <td>
                  <span className="mono">
                    {d.namespace}/{d.workload} {d.container}
                  </span>
                  <div className="muted">{d.cluster}</div>
                </td>
                <td className="mono">
                  {Math.round(d.recommended.cpu)}m · {Math.round(d.recommended.memory / 1048576)}Mi
                </td>
                <td className="num">${d.monthlySavingUsd}</td>
                <td>
                  <DecisionCell decision={d} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
