import { afterEach, describe, expect, it } from "vitest";
import { testDatabases, type TestDb } from "@/testing/databases";
import { SyncBusyError, withSyncLock } from "./lock";
import { runSync } from "./run-sync";
import { getLastSuccessfulSync, listSyncRuns, recoverInterruptedRuns, type SyncRunRow } from "./runs";
import type { SyncProgress, SyncSource } from "./types";

const NOW = new Date("2026-11-26T12:00:00Z");

const findRun = async (db: TestDb, id: number): Promise<SyncRunRow | undefined> =>
  (await listSyncRuns(db)).find((r) => r.id === id);

/** A source that makes `requests` paid requests and writes `rows` rows, or fails with `fail`. */
function fakeSource(
  name: string,
  opts: { requests?: number; rows?: number; fail?: string; wait?: Promise<void> } = {},
): SyncSource {
  return {
    name,
    label: name,
    requestCostCents: 1,
    async run(ctx) {
      ctx.progress("Fetching", 0, opts.requests ?? 0);
      for (let i = 0; i < (opts.requests ?? 0); i++) {
        ctx.countRequest();
        ctx.progress("Fetching", i + 1);
      }
      await opts.wait;
      if (opts.fail) throw new Error(opts.fail);
      ctx.addRows(opts.rows ?? 0);
      return { range: { from: "2026-11-01", to: "2026-11-26" } };
    },
  };
}

describe.each(testDatabases())("runSync on $name", ({ name, create }) => {
  let db: TestDb | undefined;
  afterEach(async () => {
    await db?.drop();
    db = undefined;
  });

  it("records a successful run: range, requests and their cost, rows, progress along the way", async () => {
    db = await create();
    const progress: SyncProgress[] = [];
    const result = await runSync({
      db,
      now: NOW,
      sources: [fakeSource("aws", { requests: 3, rows: 120 })],
      trigger: "cli",
      onProgress: (p) => progress.push(p),
    });
    expect(result).toMatchObject({
      status: "succeeded",
      requests: 3,
      requestCostUsd: "0.03",
      rowsWritten: 120,
      error: null,
    });
    const run = await findRun(db, result.runId);
    expect(run).toMatchObject({
      status: "succeeded",
      trigger: "cli",
      sources: ["aws"],
      requests: 3,
      requestCostUsd: "0.03",
      rowsWritten: 120,
      progress: null,
    });
    expect(run?.details?.aws).toMatchObject({
      status: "succeeded",
      requests: 3,
      range: { from: "2026-11-01", to: "2026-11-26" },
    });
    expect(progress.map((p) => [p.phase, p.done, p.total, p.requests])).toContainEqual(["Fetching", 2, 3, 2]);
    expect(progress.at(-1)).toMatchObject({ phase: "Done", rows: 120 });
    expect(await getLastSuccessfulSync(db)).toBeInstanceOf(Date);
  });

  it("keeps going when one source fails, and ends failed with that source's error", async () => {
    db = await create();
    const result = await runSync({
      db,
      now: NOW,
      sources: [
        fakeSource("aws", { requests: 2, fail: "AccessDenied: ce:GetCostAndUsage" }),
        fakeSource("datadog", { rows: 5 }),
      ],
    });
    expect(result.status).toBe("failed");
    expect(result.sources.aws).toMatchObject({
      status: "failed",
      requests: 2,
      error: "AccessDenied: ce:GetCostAndUsage",
    });
    expect(result.sources.datadog).toMatchObject({ status: "succeeded", rowsWritten: 5 });
    expect((await findRun(db, result.runId))?.error).toBe("aws: AccessDenied: ce:GetCostAndUsage");
    expect(await getLastSuccessfulSync(db)).toBeNull();
  });

  it("marks a run left `running` by a killed process as interrupted, and it never blocks the next run", async () => {
    db = await create();
    await db.prisma.syncRun.create({ data: { status: "running", trigger: "cli", sources: ["aws"] } });
    const result = await runSync({ db, now: NOW, sources: [fakeSource("aws")] });
    expect(result.status).toBe("succeeded");
    const runs = await listSyncRuns(db);
    expect(runs.map((r) => r.status)).toEqual(["succeeded", "interrupted"]);
    expect(runs[1]?.error).toMatch(/stopped before it finished/);
  });

  it("reads a run back as the pages show it: the cost with its cents, days as YYYY-MM-DD, times as ISO", async () => {
    db = await create();
    const range = { from: "2026-10-01", to: "2026-11-01" };
    const result = await runSync({ db, now: NOW, range, sources: [fakeSource("aws")] });
    expect(await findRun(db, result.runId)).toMatchObject({
      startedAt: NOW.toISOString(),
      rangeFrom: "2026-10-01",
      rangeTo: "2026-11-01",
      requestCostUsd: "0.00",
      finishedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });
  });

  it("keeps the error a leftover run already recorded when it marks it interrupted", async () => {
    db = await create();
    await db.prisma.syncRun.create({
      data: { status: "running", trigger: "cli", sources: ["aws"], error: "aws: throttled" },
    });
    expect(await recoverInterruptedRuns(db)).toBe(1);
    expect((await listSyncRuns(db))[0]).toMatchObject({
      status: "interrupted",
      error: "aws: throttled",
      progress: null,
    });
  });

  it("recovers an interrupted run as soon as anyone looks, not only at the next sync", async () => {
    db = await create();
    await db.prisma.syncRun.create({ data: { status: "running", trigger: "web", sources: ["aws"] } });
    expect(await recoverInterruptedRuns(db)).toBe(1);
    expect((await listSyncRuns(db))[0]?.status).toBe("interrupted");
  });

  it("runs one sync at a time: a second one while the first runs is refused with a clear message", async () => {
    db = await create();
    let release!: () => void;
    const wait = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const first = runSync({ db, now: NOW, sources: [fakeSource("aws", { wait })], onStart: () => started() });
    await running;
    await expect(runSync({ db, now: NOW, sources: [fakeSource("aws")] })).rejects.toBeInstanceOf(SyncBusyError);
    // while it runs, looking at the page must not mark it interrupted
    expect(await recoverInterruptedRuns(db)).toBe(0);
    release();
    expect((await first).status).toBe("succeeded");
    expect((await listSyncRuns(db)).map((r) => r.status)).toEqual(["succeeded"]);
    void name;
  });

  it("names the run holding the lock, even to a request refused before that run's row is written", async () => {
    db = await create();
    // Embedded: the lock is this process's own flag, and a second run here is refused without a row to name.
    if (name !== "postgres") return;
    let release!: () => void;
    let held!: () => void;
    const holding = new Promise<void>((r) => (held = r));
    const holder = withSyncLock(db, () => new Promise<void>((r) => ((release = r), held())));
    await holding;
    // Two "Sync now" at once on two replicas: the loser asks who runs in the instant before the winner's row.
    const refused = runSync({ db, now: NOW, sources: [fakeSource("aws")] }).then(
      () => "ran",
      (err: Error) => err.message,
    );
    await new Promise((r) => setTimeout(r, 300));
    const run = await db.prisma.syncRun.create({ data: { status: "running", trigger: "web", sources: ["aws"] } });
    expect(await refused).toContain(`run #${run.id}`);
    release();
    await holder;
  });

  it("opening /sync never marks a live run interrupted, even when the connection holding its lock dropped", async () => {
    db = await create();
    let release!: () => void;
    const wait = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const live = runSync({ db, now: NOW, sources: [fakeSource("aws", { wait })], onStart: () => started() });
    await running;
    if (name === "postgres") {
      // The session lock goes with its connection (a NAT timeout, a proxy restart): the lock is free now.
      const dropped = await db.sql.query<{ ok: boolean }>(
        `SELECT pg_terminate_backend(pid) AS ok FROM pg_locks
         WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      expect(dropped).toEqual([{ ok: true }]);
    }
    expect(await recoverInterruptedRuns(db)).toBe(0);
    expect((await listSyncRuns(db))[0]?.status).toBe("running");
    release();
    expect((await live).status).toBe("succeeded");
  });

  it("records a cancelled run (Ctrl-C) as interrupted", async () => {
    db = await create();
    const controller = new AbortController();
    const source: SyncSource = {
      ...fakeSource("aws"),
      async run(ctx) {
        controller.abort();
        ctx.signal.throwIfAborted();
        return { range: null };
      },
    };
    const result = await runSync({ db, now: NOW, sources: [source], signal: controller.signal });
    expect(result.status).toBe("interrupted");
    expect((await listSyncRuns(db))[0]?.status).toBe("interrupted");
  });
});
