// Benchmark of a command reading the embedded database through its owner (npm run -s export while the server runs):
// the normal demo company synced from the Cost Explorer emulator into a throwaway embedded database that this
// process owns and serves, then a second process runs the spend export through the shared connection.
// Usage: npx tsx scripts/bench-shared.ts [--rounds 5]
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startCostExplorerEmulator } from "@/emulators/cost-explorer/server";
import { openDatabase } from "@/lib/db/open";
import { parseConfig } from "@/lib/config";
import { runSync } from "@/lib/sync/run-sync";
import { createTestSource } from "@/testing/cost-explorer";

const NOW = new Date("2026-11-26T08:00:00Z");
const rounds = Number(process.argv[process.argv.indexOf("--rounds") + 1] || 5);
const dir = mkdtempSync(path.join(tmpdir(), "costwise-bench-shared-"));
const emulator = await startCostExplorerEmulator({ now: NOW });
const db = await openDatabase({
  config: parseConfig({ COSTWISE_DATA_DIR: dir }),
  command: "bench-shared",
  serve: true,
});
try {
  const t0 = performance.now();
  const run = await runSync({ db, now: NOW, sources: [createTestSource(emulator)] });
  console.log(`sync ${run.status} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const views = [
    ["spend", "--by", "department,environment", "--granularity", "month"],
    ["spend", "--by", "service,account", "--granularity", "day", "--from", "2026-10-01", "--to", "2026-11-01"],
  ];
  for (const args of views) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      bytes = await new Promise<number>((resolve, reject) =>
        execFile(
          process.execPath,
          ["node_modules/tsx/dist/cli.mjs", "scripts/export.ts", ...args],
          {
            env: {
              PATH: process.env.PATH,
              HOME: process.env.HOME,
              COSTWISE_DATA_DIR: dir,
              COSTWISE_NOW: NOW.toISOString(),
            } as unknown as NodeJS.ProcessEnv,
            maxBuffer: 1 << 28,
          },
          (err: Error | null, stdout: string, stderr: string) =>
            err ? reject(new Error(stderr)) : resolve(stdout.length),
        ),
      );
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${args.join(" ")}: median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms over ${rounds} (${bytes} bytes)`,
    );
  }
} finally {
  await db.close();
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
}
