import Link from "next/link";
import { getUnitPrices } from "@/lib/rightsizing";
import type { RightsizingSettings } from "@/lib/rightsizing";
import styles from "./rightsizing.module.css";

const usd = (value: number, digits: number) => `$${value.toFixed(digits)}`;

/** The rules with the parameters in force now, so every number on the page can be traced to its rule. */
export function RulesPanel({
  settings,
  clusters,
  isOpen,
}: {
  settings: RightsizingSettings;
  clusters: string[];
  isOpen: boolean;
}) {
  const s = settings;
  const pricedClusters = [...new Set([...clusters, ...Object.keys(s.clusterPricing)])].sort();
  return (
    <details className={`panel ${styles.rules}`} open={isOpen}>
      {/* The summary is the toggle: a link inside it would be a control in a control. */}
      <summary>
        <h2>How recommendations are made</h2>
        <span className="muted">with the current settings</span>
      </summary>
      <p className="muted">
        <Link href="/settings#rightsizing">Change them in Settings</Link>
      </p>
      <dl>
        <dt>Environment decides the rule</dt>
        <dd>
          The idle rule applies only to the non-production list (<code>{s.nonProductionEnvironments.join(", ")}</code>).
          Everything else — including a missing <code>{s.envTagKey}</code> tag and values on neither list — is treated
          as production; values on neither list are flagged “unmapped env”. Environment comes from the{" "}
          <code>{s.envTagKey}</code> tag, else the cluster → environment mapping; team from the{" "}
          <code>{s.teamTagKey}</code> tag, else the namespace → team mapping.
        </dd>
        <dt>Idle non-production (CPU p95 below {s.idleCpuThresholdMillicores}m)</dt>
        <dd>
          CPU request {s.idleCpuRequestMillicores}m; memory request = idle memory (median working set) ×{" "}
          {s.idleMemoryMultiplier}.
        </dd>
        <dt>Production and busy non-production</dt>
        <dd>
          CPU request = p95 × {s.cpuP95Multiplier}; memory request = peak working set × {s.memoryPeakMultiplier}.
        </dd>
        <dt>Guards</dt>
        <dd>
          Memory never below peak × {s.memoryPeakMultiplier} (the row says when this raised it). OOM-killed in the
          window: memory is not lowered. Usage above the request is a raise, shown apart. Limits never go down: the CPU
          limit stays (raised only if below the new request); memory limit = max(current limit, new request).
        </dd>
        <dt>Data</dt>
        <dd>
          Under {s.minDataDays} days of samples: no recommendation. Younger than the {s.windowDays}-day window: flagged
          “young”. No request counts as 0 and is flagged. HPA-scaled workloads are flagged and left out of savings
          totals.
        </dd>
        <dt>Rounding</dt>
        <dd>
          Floors {s.cpuFloorMillicores}m CPU and {s.memoryFloorMib}Mi memory; CPU rounded up to whole millicores (
          {s.cpuStepMillicores}m steps above {s.cpuStepAboveMillicores}m), memory up to whole Mi. Severity by the larger
          change: medium from {s.severity.mediumPct}%, high from {s.severity.highPct}%.
        </dd>
        <dt>Dollars</dt>
        <dd>
          Savings per month = change in requested vCPU and GiB × replicas × {s.hoursPerMonth} hours × the cluster’s unit
          prices. A node’s hourly price is split into vCPU and GiB prices with OpenCost’s ratio (1 vCPU costs as much as
          ~7.46 GiB).
          <div className="table-scroll">
            <table className="data">
              <thead>
                <tr>
                  <th>Cluster</th>
                  <th>Instance type</th>
                  <th className="num">$/vCPU-hour</th>
                  <th className="num">$/GiB-hour</th>
                </tr>
              </thead>
              <tbody>
                {[...pricedClusters, null].map((cluster) => {
                  const prices = getUnitPrices(cluster ?? "", cluster === null ? { ...s, clusterPricing: {} } : s);
                  return (
                    <tr key={cluster ?? "(default)"}>
                      <td>{cluster ?? <span className="muted">any other (default)</span>}</td>
                      <td className="mono">{prices.instanceType}</td>
                      <td className="num mono">{usd(prices.vcpuHourUsd, 5)}</td>
                      <td className="num mono">{usd(prices.gibHourUsd, 5)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </dd>
      </dl>
    </details>
  );
}
