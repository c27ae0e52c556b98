// Times full-size queries against the emulator (size 10: ~1,500 workloads, ~3,000 containers, 14 days).
// The emulator runs in a child process so its peak memory is measured alone (Linux /proc).
// Usage: npx tsx scripts/bench-datadog-emulator.ts [--size 10]
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { v1 } from "@datadog/datadog-api-client";
import { DEFAULT_API_KEY, DEFAULT_APP_KEY } from "@/emulators/datadog/server";
import { createClientConfig, NOW_SEC } from "@/testing/datadog-client";

const BY_CONTAINER =
  "kube_cluster_name,kube_namespace,kube_deployment,kube_stateful_set,kube_daemon_set,kube_cronjob,kube_container_name";
const QUERIES: [string, string][] = [
  [
    "avg CPU per container, hourly (336 points)",
    `avg:kubernetes.cpu.usage.total{*} by {${BY_CONTAINER}}.rollup(avg, 3600)`,
  ],
  [
    "max memory per container, 300 s asked → 900 s (1,345 points)",
    `max:kubernetes.memory.working_set{*} by {${BY_CONTAINER}}.rollup(max, 300)`,
  ],
  [
    "avg CPU per pod × container, hourly",
    `avg:kubernetes.cpu.usage.total{*} by {${BY_CONTAINER},pod_name}.rollup(avg, 3600)`,
  ],
  [
    "max memory request per container, daily",
    `max:kubernetes.memory.requests{*} by {${BY_CONTAINER}}.rollup(max, 86400)`,
  ],
];

const peakMb = (pid: number) =>
  Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024);

async function main(): Promise<void> {
  const size = process.argv.includes("--size") ? Number(process.argv[process.argv.indexOf("--size") + 1]) : 10;
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "emulators/datadog/main.ts", "--port", "0", "--now", "2026-11-26", "--size", String(size)],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (data: Buffer) => {
      const match = /on (http:\/\/\S+)/.exec(data.toString());
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  try {
    console.log(`emulator size ${size} at ${url}, idle peak RSS ${peakMb(child.pid!)} MB`);
    const from = NOW_SEC - 14 * 86400;
    for (const [label, query] of QUERIES) {
      const started = performance.now();
      const response = await fetch(
        `${url}/api/v1/query?from=${from}&to=${NOW_SEC}&query=${encodeURIComponent(query)}`,
        { headers: { "DD-API-KEY": DEFAULT_API_KEY, "DD-APPLICATION-KEY": DEFAULT_APP_KEY } },
      );
      const bytes = (await response.arrayBuffer()).byteLength;
      console.log(
        `raw HTTP, ${label}: ${response.status}, ${(bytes / 1e6).toFixed(1)} MB in ${Math.round(performance.now() - started)} ms; emulator peak RSS ${peakMb(child.pid!)} MB`,
      );
    }
    const started = performance.now();
    const answer = await new v1.MetricsApi(createClientConfig(url).configuration).queryMetrics({
      from,
      to: NOW_SEC,
      query: QUERIES[0]![1],
    });
    console.log(
      `real client, ${QUERIES[0]![0]}: ${answer.series?.length} series in ${Math.round(performance.now() - started)} ms; client process peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    );
  } finally {
    child.kill("SIGTERM");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
