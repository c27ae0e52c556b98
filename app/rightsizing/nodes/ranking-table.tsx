import type { RankedNodeType } from "@/lib/nodes/ranking";

const CATEGORY = { general: "General purpose", compute: "Compute optimised", memory: "Memory optimised" } as const;

/** Every node type with its unit prices, split the way the rightsizing dollars are. */
export function RankingTable({ rows }: { rows: RankedNodeType[] }) {
  return (
    <div className="table-scroll">
      <table className="data" aria-label="Node types by unit price">
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">Kind</th>
            <th scope="col">Architecture</th>
            <th scope="col" className="num">
              vCPU
            </th>
            <th scope="col" className="num">
              GiB
            </th>
            <th scope="col" className="num">
              $ / hour
            </th>
            <th scope="col" className="num">
              $ / vCPU-hour
            </th>
            <th scope="col" className="num">
              $ / GiB-hour
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <tr key={t.instanceType}>
              <th scope="row">
                {t.instanceType}
                {t.isBurstable ? <span className="badge warn"> burstable</span> : null}
              </th>
              <td>{CATEGORY[t.category]}</td>
              <td>{t.arch === "arm64" ? "Graviton (arm64)" : "x86_64"}</td>
              <td className="num">{t.vcpu}</td>
              <td className="num">{t.memoryGib}</td>
              <td className="num">{`$${t.hourlyUsd}`}</td>
              <td className="num">{`$${t.vcpuHourUsd.toFixed(5)}`}</td>
              <td className="num">{`$${t.gibHourUsd.toFixed(5)}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
