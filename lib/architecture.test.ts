// The walls of ARCHITECTURE.md ("Layers") hold: the lib/ folders import each other without a cycle, read from the
// code itself whatever the lint config says, and `npm run lint` refuses an import across each wall with a message
// that names it (so a change to the config or the import resolver cannot quietly switch a wall off).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const LIB = path.join(ROOT, "lib");
const IMPORT = /\b(?:import|export)\s[^;]*?\sfrom\s+["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;

/** lib/<folder>/… → folder; a file at the root of lib/ → "(basics)". */
function toFolder(file: string): string {
  const parts = path.relative(LIB, file).split(path.sep);
  return parts.length > 1 ? parts[0]! : "(basics)";
}

/** Folder → the folders its files import, with one importing file per edge to name in a failure. */
function readFolderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  const files = readdirSync(LIB, { recursive: true })
    .map(String)
    .filter((f) => /\.tsx?$/.test(f) && f !== path.basename(import.meta.filename)); // this file quotes wrong imports
  for (const relative of files) {
    const file = path.join(LIB, relative);
    const from = toFolder(file);
    for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const spec = match[1] ?? match[2]!;
      const target = spec.startsWith("@/")
        ? path.join(ROOT, spec.slice(2))
        : spec.startsWith(".")
          ? path.resolve(path.dirname(file), spec)
          : null;
      if (!target || !target.startsWith(LIB + path.sep)) continue;
      const to = toFolder(target);
      if (to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      if (!edges.has(to)) edges.set(to, `lib/${relative}`);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** One cycle as folder names (first = last), or null. */
function findCycle(graph: Map<string, Map<string, string>>): string[] | null {
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (folder: string): string[] | null => {
    if (state.get(folder) === "done") return null;
    if (state.get(folder) === "visiting") return [...stack.slice(stack.indexOf(folder)), folder];
    state.set(folder, "visiting");
    stack.push(folder);
    for (const next of graph.get(folder)?.keys() ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(folder, "done");
    return null;
  };
  for (const folder of graph.keys()) {
    const cycle = visit(folder);
    if (cycle) return cycle;
  }
  return null;
}

describe("lib/ folders", () => {
  it("import each other without a cycle (tests included)", () => {
    const graph = readFolderGraph();
    const cycle = findCycle(graph);
    const explained = cycle?.slice(1).map((to, i) => `lib/${cycle[i]} → lib/${to} (${graph.get(cycle[i]!)?.get(to)})`);
    expect(explained ?? []).toEqual([]);
    expect(graph.size).toBeGreaterThan(5); // the scan saw the code
  });

  it("finds a cycle when there is one", () => {
    const graph = new Map([
      ["reports", new Map([["tags", "lib/reports/a.ts"]])],
      ["tags", new Map([["reports", "lib/tags/b.ts"]])],
    ]);
    expect(findCycle(graph)).toEqual(["reports", "tags", "reports"]);
  });
});

describe("npm run lint", () => {
  const eslint = new ESLint({ cwd: ROOT });
  const lint = async (file: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
    return result!.messages.filter((m) => m.ruleId === "import/no-restricted-paths").map((m) => m.message);
  };

  it.each([
    ["app/x.tsx", 'import { createCostExplorerSource } from "@/lib/aws/source";', "[wall: pages never call a vendor]"],
    ["app/x.tsx", 'import { startDatadogEmulator } from "@/emulators/datadog/server";', "[wall: pages never call"],
    ["lib/reports/x.ts", 'import { GET } from "@/app/api/export/[report]/route";', "[wall: lib never imports app]"],
    ["lib/reports/x.ts", 'import { seedSpend } from "@/testing/spend-seed";', "[wall: test support only in tests]"],
    ["scripts/sync.ts", 'import { startDatadogEmulator } from "@/emulators/datadog/server";', "[wall: no emulator in"],
    ["emulators/datadog/x.ts", 'import { toCsv } from "@/lib/csv";', "[wall: emulators stand alone]"],
    ["lib/tags/x.ts", 'import type { SpendView } from "@/lib/reports/view";', "[layer: lib/tags]"],
    [
      "lib/rightsizing/x.ts",
      'import { getSpendReport } from "@/lib/reports/spend-report";',
      "[layer: lib/rightsizing]",
    ],
    ["lib/sync/x.ts", 'export const load = () => import("@/lib/aws/source");', "[layer: lib/sync]"],
    ["lib/settings/x.ts", 'export { addAlias } from "@/lib/tags/settings-operations";', "[layer: lib/settings]"],
    ["lib/money.ts", 'import { formatPeriod } from "@/lib/reports/periods";', "[layer: lib basics]"],
    ["lib/tags/x.test.ts", 'import { getSpendReport } from "@/lib/reports/spend-report";', "[layer: lib/tags]"],
  ])("refuses %s: %s", async (file, code, wall) => {
    expect((await lint(file, code)).join("\n")).toContain(wall);
  });

  it.each([
    ["lib/reports/x.ts", 'import { toResolvedValueSql } from "@/lib/tags/sql";'],
    ["lib/aws/x.ts", 'import { runSync } from "@/lib/sync/run-sync";'],
    ["lib/jobs/x.ts", 'export const load = () => import("@/lib/datadog/source");'],
    ["lib/reports/x.test.ts", 'import { createCostExplorerSource } from "@/lib/aws/source";'],
    ["lib/tags/x.test.ts", 'import { testDatabases } from "@/testing/databases";'],
    ["scripts/demo-world.ts", 'import { startDatadogEmulator } from "@/emulators/datadog/server";'],
    ["app/x.tsx", 'import { getSpendReport } from "@/lib/reports/spend-report";'],
  ])("lets %s: %s", async (file, code) => {
    expect(await lint(file, code)).toEqual([]);
  });
});
