// A real `kill -9` of `npm run -s sync` mid-run against a Postgres test database (TEST_DATABASE_URL), then a good
// run: the killed run changed nothing, left only staging rows and a `running` record, and the next run completes.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startCostExplorerEmulator, type CostExplorerEmulator } from "@/emulators/cost-explorer/server";
import { createPostgresTestDb, type TestDb } from "@/testing/databases";
import { runSync } from "@/lib/sync/run-sync";
import { listSyncRuns } from "@/lib/sync/runs";
import { countStagedRows, createTestSource, snapshotCostTables, TEST_CREDENTIALS } from "@/testing/cost-explorer";

const NOW = "2026-11-26T08:00:00Z";
const RANGE = { from: "2026-10-25", to: "2026-11-04" };
const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)("a sync killed with SIGKILL (Postgres)", () => {
  let emulator: CostExplorerEmulator;
  let db: TestDb;
  beforeAll(async () => {
    emulator = await startCostExplorerEmulator({ now: new Date(NOW) });
    db = await createPostgresTestDb(serverUrl!);
  });
  afterAll(async () => {
    await db?.drop();
    await emulator?.close();
  });

  it("keeps the previous data, and the next run marks it interrupted, clears its staging rows and completes", async () => {
    const good = () => runSync({ db, now: new Date(NOW), range: RANGE, sources: [createTestSource(emulator)] });
    expect((await good()).status).toBe("succeeded");
    const before = await snapshotCostTables(db);

    // The child hangs on its 6th GetCostAndUsage page, with the first five already in staging.
    emulator.faults.set({ slow: { skip: 5, delayMs: 15_000, operations: ["GetCostAndUsage"] } });
    const [{ name }] = (await db.sql.query<{ name: string }>("SELECT current_database() AS name")) as [
      { name: string },
    ];
    const databaseUrl = new URL(serverUrl!);
    databaseUrl.pathname = `/${name}`;
    const child = spawn("npm", ["run", "-s", "sync", "--", "--from", RANGE.from, "--to", RANGE.to, "--only", "aws"], {
      detached: true, // its own process group: npm, the shell and node all die together
      stdio: ["ignore", "ignore", "pipe"],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: databaseUrl.toString(),
        COSTWISE_NOW: NOW,
        AWS_ENDPOINT_URL_COST_EXPLORER: emulator.url,
        AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
        AWS_REGION: "us-east-1",
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      } as unknown as NodeJS.ProcessEnv, // only these: no DATABASE_URL or AWS profile of the person running the tests
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once("exit", (_code, signal) => resolve(signal)),
    );

    await vi.waitFor(() => expect(emulator.stats.get().faults.slow, stderr).toBe(1), { timeout: 60_000, interval: 50 });
    expect(await countStagedRows(db)).toBeGreaterThan(0);
    process.kill(-child.pid!, "SIGKILL");
    expect(await exited).toBe("SIGKILL");

    // What the killed run left: its record still `running`, its rows in staging, the stored data untouched.
    expect((await listSyncRuns(db))[0]?.status).toBe("running");
    expect(await countStagedRows(db)).toBeGreaterThan(0);
    expect(await snapshotCostTables(db)).toBe(before);

    emulator.faults.clear();
    const next = await good();
    expect(next.status).toBe("succeeded");
    expect((await listSyncRuns(db)).map((r) => r.status)).toEqual(["succeeded", "interrupted", "succeeded"]);
    expect(await countStagedRows(db)).toBe(0);
    expect(await snapshotCostTables(db)).toBe(before);
  });
});
