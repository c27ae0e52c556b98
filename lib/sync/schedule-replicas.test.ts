import { afterEach, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrate";
import { openPostgres } from "@/lib/db/postgres";
import type { Db } from "@/lib/db/types";
import { createEmptyPostgresDatabase } from "@/testing/databases";
import { runSync } from "./run-sync";
import { listSyncRuns } from "./runs";
import { nextScheduledRun, startSyncSchedule } from "./schedule";
import type { SyncSource } from "./types";

// Two replicas of the server, each with its own connection pool (as two processes have) on one Postgres and
// the in-server schedule on: when the schedule fires on both at the same moment, one sync runs, the other
// finds the lock taken and waits for the next time. (Replicas running "Sync now": e2e/standalone.spec.ts.)
const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)("the schedule on two replicas sharing one Postgres", () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.reverse()) await c();
    cleanup.length = 0;
  });

  it("runs one sync when both fire together; the other logs that a sync is running", async () => {
    const database = await createEmptyPostgresDatabase(serverUrl!);
    cleanup.push(database.drop);
    const replicas: Db[] = [];
    for (let i = 0; i < 2; i++) {
      const db = await openPostgres(database.url);
      cleanup.push(() => db.close());
      await db.withSession((s) => applyMigrations(s)); // both start together: the migration lock serialises them
      replicas.push(db);
    }
    // Both clocks first say a moment before the next hourly run, so both timers fire together about a second
    // from now; after that the real time, so neither fires again during the test.
    const due = nextScheduledRun("hourly", new Date());
    const clockFor = () => {
      let calls = 0; // planning a run reads the clock twice: when is it due, how long until then
      return () => (++calls <= 2 ? new Date(due.getTime() - 1) : new Date());
    };
    const slowSource: SyncSource = {
      name: "aws",
      label: "aws",
      requestCostCents: 1,
      async run(ctx) {
        ctx.countRequest();
        await new Promise((r) => setTimeout(r, 1_500)); // still running when the other replica's timer fires
        return { range: null };
      },
    };
    const logs: string[][] = [[], []];
    const finished: Promise<void>[] = [];
    for (const [i, db] of replicas.entries()) {
      let done!: () => void;
      finished.push(new Promise((r) => (done = r)));
      const schedule = startSyncSchedule({
        schedule: "hourly",
        clock: clockFor(),
        log: (line) => logs[i]!.push(line),
        run: async () => {
          try {
            await runSync({ db, now: new Date(), sources: [slowSource], trigger: "schedule" });
          } finally {
            done();
          }
        },
      });
      cleanup.push(async () => schedule.stop());
    }
    await Promise.all(finished);
    const runs = await listSyncRuns(replicas[0]!);
    expect(runs.map((r) => [r.status, r.trigger])).toEqual([["succeeded", "schedule"]]);
    const refused = logs.flat().filter((l) => l.startsWith("Scheduled sync failed: Another sync is running"));
    expect(refused).toHaveLength(1);
  });
});
