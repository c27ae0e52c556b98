// Runs every test: unit and integration (vitest; against an embedded database always, and a real Postgres
// when TEST_DATABASE_URL is set), then builds the app if needed and runs the Playwright e2e tests.
// Ends with one line "N passed, N failed". Usage: npm test [-- --skip-e2e]
import { spawn } from "node:child_process";
import { ensureBuild } from "./ensure-build";

type Counts = { passed: number; failed: number; skipped: number };

function run(cmd: string, args: string[], label: string): Promise<{ code: number; counts: Counts | null }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, FORCE_COLOR: "0" } });
    let tail = "";
    child.stdout.on("data", (d: Buffer) => {
      process.stdout.write(d);
      tail = (tail + d.toString()).slice(-4000);
    });
    child.on("exit", (code) => {
      const m = new RegExp(`${label}: (\\d+) passed, (\\d+) failed, (\\d+) skipped`).exec(tail);
      resolve({ code: code ?? 1, counts: m ? { passed: +m[1]!, failed: +m[2]!, skipped: +m[3]! } : null });
    });
  });
}

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const add = (c: Counts | null, code: number) => {
  if (!c)
    total.failed++; // the runner died before reporting: count it as a failure
  else {
    total.passed += c.passed;
    total.failed += c.failed + (code !== 0 && c.failed === 0 ? 1 : 0);
    total.skipped += c.skipped;
  }
};

const started = Date.now();
const unit = await run(process.execPath, ["node_modules/vitest/vitest.mjs", "run"], "vitest");
add(unit.counts, unit.code);

if (!process.argv.includes("--skip-e2e")) {
  try {
    await ensureBuild((l) => process.stdout.write(`${l}\n`));
    const e2e = await run(process.execPath, ["node_modules/@playwright/test/cli.js", "test"], "playwright");
    add(e2e.counts, e2e.code);
  } catch (err) {
    process.stdout.write(`${(err as Error).message}\n`);
    total.failed++;
  }
}

process.stdout.write(`\nAll tests in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
process.stdout.write(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
process.exitCode = total.failed > 0 ? 1 : 0;
