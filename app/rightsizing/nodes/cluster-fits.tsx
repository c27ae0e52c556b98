import Link from "next/link";
import { formatUsd, formatUsdChange } from "@/lib/money";
import type { ClusterFit } from "@/lib/nodes/ranking";
import styles from "./nodes.module.css";

const SHOWN = 6;

function recordHref(fit: ClusterFit, to: string, today: string) {
  const params = new URLSearchParams({
    new: "1",
    name: `${fit.cluster} nodes: ${fit.current.type.instanceType} → ${to}`,
    description: `Node group moved to ${to} for the recommended requests (${fit.gibPerVcpu.toFixed(1)} GiB per vCPU).`,
    service: "Amazon Elastic Compute Cloud - Compute",
    changeDate: today,
  });
  return `/savings?${params.toString()}#initiative-form`;
}

/** One cluster: the recommended requests' shape, the current node type and the cheapest candidates beside it. */
export function ClusterFitPanel({ fit, today }: { fit: ClusterFit; today: string }) {
  const cheapest = fit.candidates[0];
  const isCurrentCheapest = !cheapest || cheapest.fit.monthlyCost === fit.current.fit.monthlyCost;
  const shown = fit.candidates.slice(0, SHOWN);
  return (
    <section className="panel" aria-label={`Cluster ${fit.cluster}`}>
      <h2>{fit.cluster}</h2>
      <p className={styles.verdict} data-testid={`node-verdict-${fit.cluster}`}>
        Recommended requests: {(fit.need.cpuMillicores / 1000).toFixed(1)} vCPU and {fit.need.memoryGib.toFixed(1)} GiB
        ({fit.gibPerVcpu.toFixed(1)} GiB per vCPU,{" "}
        {fit.gibPerVcpu > 4 ? "memory-heavy" : fit.gibPerVcpu < 2 ? "CPU-heavy" : "balanced"}).{" "}
        {isCurrentCheapest || !cheapest ? (
          <>
            <strong>{fit.current.type.instanceType}</strong>, the current type, is already the cheapest fit.
          </>
        ) : (
          <>
            Cheapest: <strong>{cheapest.type.instanceType}</strong>, {cheapest.fit.nodes} nodes for{" "}
            {formatUsd(cheapest.fit.monthlyCost)} a month against {fit.current.fit.nodes} ×{" "}
            {fit.current.type.instanceType} for {formatUsd(fit.current.fit.monthlyCost)} (
            {formatUsdChange(cheapest.differenceMonthly)} a month).{" "}
            <Link href={recordHref(fit, cheapest.type.instanceType, today)}>Record as initiative</Link>
          </>
        )}
      </p>
      <div className="table-scroll">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Node type</th>
              <th scope="col" className="num">
                vCPU / GiB
              </th>
              <th scope="col" className="num">
                Nodes needed
              </th>
              <th scope="col">Limited by</th>
              <th scope="col" className="num">
                Monthly cost
              </th>
              <th scope="col" className="num">
                Against current
              </th>
            </tr>
          </thead>
          <tbody>
            <tr className={styles.current}>
              <th scope="row">
                {fit.current.type.instanceType} <span className="badge muted">current</span>
              </th>
              <td className="num">{`${fit.current.type.vcpu} / ${fit.current.type.memoryGib}`}</td>
              <td className="num">{fit.current.fit.nodes}</td>
              <td>{fit.current.fit.limitedBy === "memory" ? "memory" : "CPU"}</td>
              <td className="num">{formatUsd(fit.current.fit.monthlyCost)}</td>
              <td className="num">—</td>
            </tr>
            {shown.map((c, i) => (
              <tr key={c.type.instanceType} className={i === 0 ? styles.cheapest : undefined}>
                <th scope="row">
                  {c.type.instanceType}
                  {c.type.isBurstable ? <span className="badge warn"> burstable</span> : null}
                </th>
                <td className="num">{`${c.type.vcpu} / ${c.type.memoryGib}`}</td>
                <td className="num">{c.fit.nodes}</td>
                <td>{c.fit.limitedBy === "memory" ? "memory" : "CPU"}</td>
                <td className="num">{formatUsd(c.fit.monthlyCost)}</td>
                <td className="num">{formatUsdChange(c.differenceMonthly)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
