import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { toKubectlCommands, toYaml } from "./manifest-formatters";
import { toCpuQuantity, toMemoryQuantity } from "./quantities";
import { toRightsizingRows } from "./summarize";
import { RIGHTSIZING_CSV_COLUMNS, toMarkdownTable, toRightsizingCsvRows } from "./table-formatters";
import { makeSettings, makeUsage, MiB } from "@/testing/container-usage";
import type { RightsizingRow } from "./types";

const staging = { cluster: "staging-us-east-1", envTag: "staging", namespace: "video", teamTag: "video" };
const usages = [
  // two containers of one workload: one YAML document, two kubectl commands
  makeUsage({
    ...staging,
    workload: "transcoder",
    container: "app",
    cpu: { p95: 3 },
    memory: { idle: 212 * MiB, peak: 230 * MiB },
  }),
  makeUsage({
    ...staging,
    workload: "transcoder",
    container: "envoy",
    cpu: { p95: 4 },
    memory: { idle: 40 * MiB, peak: 90 * MiB },
    requests: { cpu: 100, memory: 128 * MiB },
    limits: { cpu: null, memory: null },
  }),
  makeUsage({ workload: "checkout", limits: { cpu: 2000, memory: 2048 * MiB } }),
  makeUsage({
    workload: "ledger",
    workloadKind: "StatefulSet",
    oomKills: 1,
    requests: { memory: 1e9 },
    limits: { memory: 1e9 },
  }),
  makeUsage({ workload: "nightly", workloadKind: "CronJob", container: "true" }), // a name YAML would read as a boolean
  makeUsage({ workload: "indexer", dataDays: 1 }), // no recommendation
  makeUsage({ workload: "web", container: "web|pipe", hasHpa: true }),
];
const rows = toRightsizingRows(usages, makeSettings());

function findContainer(docs: unknown[], workload: string, container: string): Record<string, unknown> | undefined {
  for (const doc of docs) {
    type PodSpec = { containers: Array<Record<string, unknown>> };
    const d = doc as {
      kind: string;
      metadata: { name: string };
      spec: { template: { spec: PodSpec }; jobTemplate: { spec: { template: { spec: PodSpec } } } };
    } | null;
    if (d?.metadata?.name !== workload) continue;
    const podSpec = d.kind === "CronJob" ? d.spec.jobTemplate.spec.template.spec : d.spec.template.spec;
    return podSpec.containers.find((c) => c.name === container);
  }
  return undefined;
}

describe("CSV rows (the CSV contract, the table's columns)", () => {
  const header: string[] = [...RIGHTSIZING_CSV_COLUMNS];
  const body = toRightsizingCsvRows(rows);
  const cell = (row: string[] | undefined, column: (typeof RIGHTSIZING_CSV_COLUMNS)[number]) =>
    row?.[header.indexOf(column)];

  it("has a header with units, and one row per container of equal width", () => {
    expect(header).toContain("cpu_request_millicores");
    expect(header).toContain("memory_request_mib");
    expect(header).toContain("monthly_savings_usd");
    expect(body).toHaveLength(rows.length);
    for (const row of body) expect(row).toHaveLength(header.length);
  });

  it("carries the recommended values and the reason", () => {
    expect(cell(body[0], "recommended_cpu_request_millicores")).toBe("10");
    expect(cell(body[0], "recommended_memory_request_mib")).toBe("276");
    expect(cell(body[0], "reason")).toContain("memory = idle 212Mi × 1.3 = 276Mi");
    expect(cell(body[1], "flags")).toBe("peak-guard-raised");
    expect(cell(body[1], "recommended_memory_limit_mib")).toBe(""); // no limit stays none
  });

  it("writes memory exactly, savings from integer cents, and empty cells when there is no recommendation", () => {
    expect(cell(body[3], "memory_request_mib")).toBe("953.67431640625"); // 1e9 bytes
    expect(cell(body[3], "recommended_memory_request_mib")).toBe("953.67431640625"); // OOM: kept
    const indexer = body[5];
    expect(cell(indexer, "rule")).toBe("insufficient-data");
    expect(cell(indexer, "recommended_cpu_request_millicores")).toBe("");
    expect(cell(indexer, "monthly_savings_usd")).toBe("0.00");
    const savings = rows.map((r) => r.savings.monthlyCents);
    expect(body.map((r) => cell(r, "monthly_savings_usd"))).toEqual(
      savings.map(
        (c) => `${c < 0 ? "-" : ""}${Math.floor(Math.abs(c) / 100)}.${String(Math.abs(c) % 100).padStart(2, "0")}`,
      ),
    );
    expect(cell(body[6], "in_savings_totals")).toBe("false"); // HPA
  });
});

describe("Markdown table", () => {
  const markdown = toMarkdownTable(rows);
  const lines = markdown.trimEnd().split("\n");
  const splitRow = (line: string) =>
    line
      .slice(2, -2)
      .split(/(?<!\\) \| /)
      .map((c) => c.replace(/\\\|/g, "|"));

  it("has the same rows as the CSV, in the same order", () => {
    const csvBody = toRightsizingCsvRows(rows);
    const mdBody = lines.slice(2).map(splitRow);
    expect(mdBody).toHaveLength(csvBody.length);
    mdBody.forEach((cells, i) => {
      const csv = csvBody[i] ?? [];
      expect([cells[0], cells[1], cells[2], cells[3]]).toEqual([csv[0], csv[1], `${csv[2]}/${csv[3]}`, csv[4]]);
    });
  });

  it("escapes pipes and shows current → recommended", () => {
    expect(markdown).toContain("web\\|pipe");
    expect(lines[2]).toContain("1000m → 10m (-99%)");
    expect(lines[2]).toContain("1024Mi → 276Mi (-73%)");
    expect(lines[8]).toContain("(HPA, not in totals)");
    expect(lines[7]).toContain("| — |"); // no recommendation, no dollars
  });
});

describe("YAML resources blocks", () => {
  const yaml = toYaml(rows);
  const parsed = parseAllDocuments(yaml);
  const docs = parsed.map((d) => d.toJS());

  it("parses, one document per workload with a recommendation", () => {
    for (const doc of parsed) expect(doc.errors).toEqual([]);
    expect(docs.filter((d) => d !== null)).toHaveLength(5); // transcoder, checkout, ledger, nightly, web
  });

  it.each(
    rows
      .filter((r) => r.recommendation.recommended !== null)
      .map((r) => [r.usage.workload, r.usage.container, r] as const),
  )("%s/%s carries the recommended requests and limits", (workload, container, row: RightsizingRow) => {
    const values = row.recommendation.recommended;
    const found = findContainer(docs, workload, container);
    const requests = {
      ...(values?.cpuRequest != null && { cpu: toCpuQuantity(values.cpuRequest) }),
      ...(values?.memoryRequest != null && { memory: toMemoryQuantity(values.memoryRequest) }),
    };
    const limits = {
      ...(values?.cpuLimit != null && { cpu: toCpuQuantity(values.cpuLimit) }),
      ...(values?.memoryLimit != null && { memory: toMemoryQuantity(values.memoryLimit) }),
    };
    expect(found?.resources).toEqual(Object.keys(limits).length ? { requests, limits } : { requests });
  });

  it("writes literal quantities and leaves absent limits absent", () => {
    expect(findContainer(docs, "transcoder", "app")?.resources).toEqual({
      requests: { cpu: "10m", memory: "276Mi" },
      limits: { memory: "2048Mi" },
    });
    expect(findContainer(docs, "transcoder", "envoy")?.resources).toEqual({
      requests: { cpu: "10m", memory: "104Mi" },
    });
    expect(findContainer(docs, "ledger", "app")?.resources).toMatchObject({ requests: { memory: "1000000000" } });
  });

  it("keeps names strings and finds a CronJob's pod template", () => {
    expect(findContainer(docs, "nightly", "true")).toBeDefined();
    expect(yaml).toContain('name: "true"');
  });

  it("names containers without a recommendation in a comment", () => {
    expect(yaml).toMatch(/# .*Deployment\/indexer/);
    expect(yaml).toContain("# container app left out: insufficient data");
  });
});

describe("kubectl commands", () => {
  const lines = toKubectlCommands(rows).trimEnd().split("\n");

  it("has one line per container, naming it", () => {
    expect(lines).toHaveLength(rows.length);
    rows.forEach((row, i) => {
      expect(lines[i]).toContain(`-n ${row.usage.namespace} --context ${row.usage.cluster}`);
      const name = row.usage.container.includes("|") ? `'${row.usage.container}'` : row.usage.container;
      expect(lines[i]).toContain(` -c ${name}`);
    });
  });

  it.each([
    [
      0,
      "kubectl set resources deployment/transcoder -n video --context staging-us-east-1 -c app --requests=cpu=10m,memory=276Mi --limits=memory=2048Mi",
    ],
    [
      1,
      "kubectl set resources deployment/transcoder -n video --context staging-us-east-1 -c envoy --requests=cpu=10m,memory=104Mi",
    ],
    [
      2,
      "kubectl set resources deployment/checkout -n payments --context prod-us-east-1 -c app --requests=cpu=480m,memory=460Mi --limits=cpu=2000m,memory=2048Mi",
    ],
    [5, "# skipped deployment/indexer -n payments --context prod-us-east-1 -c app: insufficient data"],
  ])("line %i", (i, expected) => {
    expect(lines[i]?.startsWith(expected)).toBe(true);
  });
});
