// Exports an engineer can apply: YAML `resources:` blocks per workload, ready to paste into a
// manifest (also a valid strategic-merge patch: containers merge by name), and one
// `kubectl set resources` command per container. Written by hand: small, deterministic, no dependency.
import { toCpuQuantity, toMemoryQuantity } from "./quantities";
import { toWorkloadKey } from "./summarize";
import type { ResourceValues, RightsizingRow } from "./types";

type KindInfo = { kind: string; apiVersion: string | null; podSpecPath: string[] };

const KINDS: Record<string, KindInfo> = {
  deployment: { kind: "Deployment", apiVersion: "apps/v1", podSpecPath: ["spec", "template", "spec"] },
  statefulset: { kind: "StatefulSet", apiVersion: "apps/v1", podSpecPath: ["spec", "template", "spec"] },
  daemonset: { kind: "DaemonSet", apiVersion: "apps/v1", podSpecPath: ["spec", "template", "spec"] },
  replicaset: { kind: "ReplicaSet", apiVersion: "apps/v1", podSpecPath: ["spec", "template", "spec"] },
  job: { kind: "Job", apiVersion: "batch/v1", podSpecPath: ["spec", "template", "spec"] },
  cronjob: {
    kind: "CronJob",
    apiVersion: "batch/v1",
    podSpecPath: ["spec", "jobTemplate", "spec", "template", "spec"],
  },
  pod: { kind: "Pod", apiVersion: "v1", podSpecPath: ["spec"] },
};

function getKindInfo(workloadKind: string): KindInfo {
  return (
    KINDS[workloadKind.toLowerCase()] ?? {
      kind: workloadKind,
      apiVersion: null,
      podSpecPath: ["spec", "template", "spec"],
    }
  );
}

// YAML 1.1 (what kubectl's parser speaks) reads yes/no/on/off/true/null and numbers as non-strings:
// quote anything that is not a plain name starting with a letter.
const YAML_KEYWORDS = new Set(["y", "n", "yes", "no", "on", "off", "true", "false", "null"]);
function yamlString(value: string): string {
  const isPlain = /^[A-Za-z][A-Za-z0-9._-]*$/.test(value) && !YAML_KEYWORDS.has(value.toLowerCase());
  // JSON's escapes are YAML's, but JSON leaves NEL, LS and PS raw, which YAML 1.1 reads as line breaks.
  return isPlain
    ? value
    : JSON.stringify(value).replace(
        /[\u0085\u2028\u2029]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
      );
}

// A YAML (or shell) comment ends at any line break: YAML 1.1 counts CR, NEL, LS and PS as breaks too, so a
// workload or team name holding one must not start a line of its own.
function comment(text: string): string {
  return `# ${text.replace(/\r\n|[\n\r\v\f\u0085\u2028\u2029]/g, " ")}`;
}

// "10m" and "276Mi" are strings to any YAML parser; plain bytes are quoted so they stay one too.
function quantity(text: string): string {
  return /^\d+$/.test(text) ? `"${text}"` : text;
}

function resourceLines(values: ResourceValues, indent: string): string[] {
  const lines = [`${indent}resources:`];
  const section = (name: string, cpu: number | null, memory: number | null) => {
    if (cpu === null && memory === null) return; // no limit stays no limit: leave the key absent
    lines.push(`${indent}  ${name}:`);
    if (cpu !== null) lines.push(`${indent}    cpu: ${quantity(toCpuQuantity(cpu))}`);
    if (memory !== null) lines.push(`${indent}    memory: ${quantity(toMemoryQuantity(memory))}`);
  };
  section("requests", values.cpuRequest, values.memoryRequest);
  section("limits", values.cpuLimit, values.memoryLimit);
  return lines;
}

function groupByWorkload(rows: RightsizingRow[]): RightsizingRow[][] {
  const groups = new Map<string, RightsizingRow[]>();
  for (const row of rows) {
    const key = toWorkloadKey(row.usage);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups.values()];
}

function describeWorkload(row: RightsizingRow): string {
  const { usage, recommendation: rec } = row;
  const env = rec.environment.value ?? "no environment";
  return `${usage.cluster} · ${usage.namespace} · ${usage.workloadKind}/${usage.workload} · team ${rec.team.value} · ${env}`;
}

// One YAML document per workload with at least one recommendation; containers without one are named in
// a comment with the reason. Workloads with none at all are listed in comments at the end.
export function toYaml(rows: RightsizingRow[]): string {
  const documents: string[] = [];
  const skippedWorkloads: string[] = [];
  for (const group of groupByWorkload(rows)) {
    const first = group[0];
    if (!first) continue;
    const recommended = group.filter((row) => row.recommendation.recommended !== null);
    const skipped = group.filter((row) => row.recommendation.recommended === null);
    const skipLines = skipped.map((row) =>
      comment(`container ${row.usage.container} left out: ${row.recommendation.reason}`),
    );
    if (recommended.length === 0) {
      skippedWorkloads.push(comment(describeWorkload(first)), ...skipLines);
      continue;
    }
    const info = getKindInfo(first.usage.workloadKind);
    const lines = [comment(describeWorkload(first))];
    if (info.apiVersion === null) lines.push(comment(`unknown kind ${info.kind}: set apiVersion yourself`));
    else lines.push(`apiVersion: ${info.apiVersion}`);
    lines.push(`kind: ${yamlString(info.kind)}`, "metadata:");
    lines.push(`  name: ${yamlString(first.usage.workload)}`, `  namespace: ${yamlString(first.usage.namespace)}`);
    let indent = "";
    for (const key of info.podSpecPath) {
      lines.push(`${indent}${key}:`);
      indent += "  ";
    }
    lines.push(`${indent}containers:`);
    for (const row of recommended) {
      const values = row.recommendation.recommended;
      if (values === null) continue;
      lines.push(`${indent}  ${comment(row.recommendation.reason)}`);
      lines.push(`${indent}  - name: ${yamlString(row.usage.container)}`);
      lines.push(...resourceLines(values, `${indent}    `));
    }
    lines.push(...skipLines);
    documents.push(lines.join("\n"));
  }
  const tail = skippedWorkloads.length ? [["# No recommendation:", ...skippedWorkloads].join("\n")] : [];
  return `${[...documents, ...tail].join("\n---\n")}\n`;
}

function shellArg(value: string): string {
  return /^[A-Za-z0-9_.,=:/@%+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function quantityList(cpu: number | null, memory: number | null): string | null {
  const parts = [
    cpu === null ? null : `cpu=${toCpuQuantity(cpu)}`,
    memory === null ? null : `memory=${toMemoryQuantity(memory)}`,
  ].filter((p) => p !== null);
  return parts.length ? parts.join(",") : null;
}

// One `kubectl set resources` per container, in row order; a container without a recommendation gets a
// comment line naming it and saying why, so every container appears.
export function toKubectlCommands(rows: RightsizingRow[]): string {
  const lines = rows.map(({ usage, recommendation: rec }) => {
    const target = `${usage.workloadKind.toLowerCase()}/${usage.workload}`;
    const where = ["-n", usage.namespace, "--context", usage.cluster, "-c", usage.container];
    const values = rec.recommended;
    if (values === null) {
      return comment(`skipped ${[target, ...where].join(" ")}: ${rec.reason}`);
    }
    const args = ["kubectl", "set", "resources", target, ...where];
    const requests = quantityList(values.cpuRequest, values.memoryRequest);
    const limits = quantityList(values.cpuLimit, values.memoryLimit);
    if (requests) args.push(`--requests=${requests}`);
    if (limits) args.push(`--limits=${limits}`);
    return args.map(shellArg).join(" ");
  });
  return lines.length ? `${lines.join("\n")}\n` : "";
}
