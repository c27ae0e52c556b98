// The embedded database (PGlite) under a real `kill -9` in the middle of a sync's swap, as lib/aws/source-kill.test.ts
// does on Postgres: a child process syncs from the Cost Explorer emulator and is killed once the swap's transaction
// has deleted the stored days. Restarted, PGlite's crash recovery keeps the previous data exactly and empties the
// (UNLOGGED) staging tables, the run is left `running` and the next run marks it interrupted. And a second sync while another process owns the data is refused.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCostExplorerEmulator, type CostExplorerEmulator } from "@/emulators/cost-explorer/server";
import { openEmbedded } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import type { Db } from "@/lib/db/types";
import { runSync } from "@/lib/sync/run-sync";
import { listSyncRuns } from "@/lib/sync/runs";
import { countStagedRows, createTestSource, snapshotCostTables, TEST_CREDENTIALS } from "@/testing/cost-explorer";

const NOW = "2026-11-26T08:00:00Z";
const RANGE = { from: "2026-10-25", to: "2026-11-04" };

describe("a sync killed with SIGKILL inside its swap (embedded database)", () => {
  let emulator: CostExplorerEmulator;
  let dir: string;
  const open = async () => {
    const db = await openEmbedded({ dir, command: "test" });
    await db.withSession((s) => applyMigrations(s));
    return db;
  };
  const childEnv = () =>
    ({
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      COSTWISE_DATA_DIR: dir,
      COSTWISE_NOW: NOW,
      AWS_ENDPOINT_URL_COST_EXPLORER: emulator.url,
      AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
      AWS_REGION: "us-east-1",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    }) as unknown as NodeJS.ProcessEnv; // only these: no DATABASE_URL or AWS profile of the person running the tests
  beforeAll(async () => {
    emulator = await startCostExplorerEmulator({ now: new Date(NOW) });
    dir = mkdtempSync(path.join(tmpdir(), "costwise-kill-embedded-"));
  });
  afterAll(async () => {
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps the previous data through PGlite's recovery, and the next run marks it interrupted and completes", async () => {
    const good = (db: Db) => runSync({ db, now: new Date(NOW), range: RANGE, sources: [createTestSource(emulator)] });
    let db = await open();
    expect((await good(db)).status).toBe("succeeded");
    const before = await snapshotCostTables(db);
    expect(before.length).toBeGreaterThan(1000);
    await db.close(); // the child owns the directory now

    const child = spawn(
      process.execPath,
      ["--import", "tsx", "testing/swap-kill-child.ts", RANGE.from, RANGE.to], // one process: it holds the lock
      { detached: true, stdio: ["ignore", "pipe", "pipe"], env: childEnv() },
    );
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once("exit", (_code, signal) => resolve(signal)),
    );
    const deadline = Date.now() + 90_000;
    while (!out.includes("in swap")) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`the child never reached its swap:\n${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    process.kill(-child.pid!, "SIGKILL");
    expect(await exited).toBe("SIGKILL");
    const { pid } = JSON.parse(readFileSync(path.join(dir, "costwise.lock"), "utf8")) as { pid: number };
    expect(pid).toBe(child.pid); // the lock file it left names a dead process: the next open takes it over

    // Restarted: the dead child's lock is taken over, its half-done swap is gone, its run still says `running`.
    db = await open();
    try {
      expect(await snapshotCostTables(db)).toBe(before);
      expect((await listSyncRuns(db))[0]?.status).toBe("running");
      // Unlike a client killed beside a live Postgres server, the database itself crashed here: crash recovery
      // empties UNLOGGED tables, so the staging rows went with it (proof that recovery ran).
      expect(await countStagedRows(db)).toBe(0);

      const next = await good(db);
      expect(next.status).toBe("succeeded");
      expect((await listSyncRuns(db)).map((r) => r.status)).toEqual(["succeeded", "interrupted", "succeeded"]);
      expect(await countStagedRows(db)).toBe(0);
      expect(await snapshotCostTables(db)).toBe(before);
    } finally {
      await db.close();
    }
  }, 300_000);

  it("refuses `npm run sync` while another process owns the data, saying to use Sync now or stop it", async () => {
    const owner = await openEmbedded({ dir, command: "npm start", serve: true });
    await owner.withSession((s) => applyMigrations(s));
    const lockFile = path.join(dir, "costwise.lock");
    const lock = readFileSync(lockFile, "utf8");
    try {
      const runs = (await listSyncRuns(owner)).length;
      writeFileSync(lockFile, JSON.stringify({ ...JSON.parse(lock), pid: process.ppid })); // as another process
      const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const c = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/sync.ts", "--only", "aws"], {
          env: childEnv(),
          stdio: ["ignore", "ignore", "pipe"],
        });
        let stderr = "";
        c.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        c.once("exit", (code) => resolve({ code, stderr }));
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /in use by process \d+ \(npm start\).*Use "Sync now" on \/sync in the running app, or stop it/s,
      );
      expect(await listSyncRuns(owner)).toHaveLength(runs);
    } finally {
      writeFileSync(lockFile, lock);
      await owner.close();
    }
  }, 120_000);
});
