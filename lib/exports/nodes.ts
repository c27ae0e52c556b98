import { toCsv } from "@/lib/csv";
import { badInput } from "@/lib/errors";
import { nodesParamsSchema } from "@/lib/nodes/params";
import { getNodeFits } from "@/lib/nodes/read";
import { splitInstancePrice } from "@/lib/rightsizing/pricing";
import type { ExportDefinition } from "./types";

const COLUMNS = [
  "cluster",
  "instance_type",
  "is_current",
  "category",
  "architecture",
  "burstable",
  "vcpu",
  "memory_gib",
  "hourly_usd",
  "vcpu_hour_usd",
  "gib_hour_usd",
  "nodes_needed",
  "limited_by",
  "monthly_cost_usd",
  "difference_vs_current_usd",
] as const;

/** Per cluster, its current node type and every candidate: nodes needed for the recommended requests and the cost. */
export const nodesExport: ExportDefinition = {
  name: "nodes",
  // Whole clusters, every team's requests summed: readers only.
  access: "read",
  summary: "per cluster, the nodes each candidate type needs for the recommended requests, and their monthly cost",
  options: {
    format: "csv | json (default csv)",
    overhead: "packing overhead in percent (default 15)",
    candidates: "same-arch | any-arch (default same-arch)",
  },
  async run(options, { db }) {
    const format = options.format ?? "csv";
    if (format !== "csv" && format !== "json") throw badInput(`format must be csv or json (got "${format}").`);
    const parsed = nodesParamsSchema.safeParse({ overhead: options.overhead, candidates: options.candidates });
    if (!parsed.success)
      throw badInput(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join("; "));
    const { clusters } = await getNodeFits(db, parsed.data);
    const rows = clusters.flatMap((c) =>
      [c.current, ...c.candidates.filter((x) => x.type.instanceType !== c.current.type.instanceType)].map((x) => {
        const unit = splitInstancePrice({ ...x.type, hourlyUsd: Number(x.type.hourlyUsd) }, 730);
        return {
          cluster: c.cluster,
          instance_type: x.type.instanceType,
          is_current: x === c.current,
          category: x.type.category,
          architecture: x.type.arch,
          burstable: x.type.isBurstable,
          vcpu: x.type.vcpu,
          memory_gib: x.type.memoryGib,
          hourly_usd: x.type.hourlyUsd,
          vcpu_hour_usd: unit.vcpuHourUsd.toFixed(6),
          gib_hour_usd: unit.gibHourUsd.toFixed(6),
          nodes_needed: x.fit.nodes,
          limited_by: x.fit.limitedBy,
          monthly_cost_usd: x.fit.monthlyCost,
          difference_vs_current_usd: x.differenceMonthly,
        };
      }),
    );
    if (format === "json") {
      return { filename: "nodes.json", contentType: "application/json", body: JSON.stringify(rows, null, 2) + "\n" };
    }
    return {
      filename: "nodes.csv",
      contentType: "text/csv; charset=utf-8",
      body: toCsv(
        [...COLUMNS],
        rows.map((r) => COLUMNS.map((k) => r[k])),
      ),
    };
  },
};
