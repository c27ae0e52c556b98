// Benchmark of the Cost Explorer sync: paid requests (backfill, daily incremental, and a naive day-by-day plan),
// rows written per second, wall time and peak RSS, into a throwaway Postgres database. Prints figures, no pass/fail.
// Usage: npm run bench:sync [-- --size 10 --years 3]   (TEST_DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/postgres)
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseFlags } from "@/lib/cli/flags";
import { createCostExplorerClient } from "@/lib/aws/client";
import { createCostExplorerSource } from "@/lib/aws/source";
import { countNaiveRequests } from "@/lib/aws/query-plan";
import { parseConfig } from "@/lib/config";
import { addMonths, daysBetween, startOfMonth, toDay } from "@/lib/dates";
import { createPostgresTestDb, type TestDb } from "@/testing/databases";
import type { Db } from "@/lib/db/types";
import { runSync } from "@/lib/sync/run-sync";
import type { DayRange } from "@/lib/sync/types";

const NOW = new Date("2026-11-26T06:00:00Z"); // fixed, so the figures are comparable between runs
const NEXT_DAY = new Date("2026-11-27T06:00:00Z");
const serverUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
// The real client with the default credential chain, as in production; the emulator takes any credentials.
Object.assign(process.env, {
  AWS_ACCESS_KEY_ID: "bench",
  AWS_SECRET_ACCESS_KEY: "bench",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
});

type Emulator = { url: string; child: ChildProcess };

/** The emulator in its own process, so the peak RSS measured here is the sync's alone. */
async function startEmulator(size: number, historyStart?: string): Promise<Emulator> {
  // `node --import tsx`, not the tsx CLI: one process, whose pid is the emulator's own (for its peak RSS).
  const args = [
    "--import",
    "tsx",
    "emulators/cost-explorer/main.ts",
    "--port",
    "0",
    "--now",
    toDay(NOW),
    "--size",
    String(size),
  ];
  if (historyStart) args.push("--history-start", historyStart);
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+) /.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`The Cost Explorer emulator exited (${code}) before it listened.`)));
  });
  return { url, child };
}

async function setEmulatorClock(emulator: Emulator, now: Date) {
  const res = await fetch(`${emulator.url}/__emulator/clock`, {
    method: "POST",
    body: JSON.stringify({ now: now.toISOString() }),
  });
  if (!res.ok) throw new Error(`Setting the emulator clock failed: ${await res.text()}`);
}

/** Linux: the emulator's own peak RSS, from /proc (else unknown). */
function peakRssOf(pid: number | undefined): string {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? `${Math.round(Number(kb) / 1024)} MB` : "unknown";
  } catch {
    return "unknown";
  }
}

/** The database, with the time spent in staging inserts and in the swap transaction measured. */
function timeWrites(db: Db) {
  const times = { stagingMs: 0, swapMs: 0 };
  const timed: Db = {
    ...db,
    sql: {
      ...db.sql,
      async query(text, params) {
        const started = performance.now();
        try {
          return await db.sql.query(text, params);
        } finally {
          if (text.includes("INSERT INTO cost_daily_staging")) times.stagingMs += performance.now() - started;
        }
      },
    },
    async transaction(fn) {
      const started = performance.now();
      try {
        return await db.transaction(fn);
      } finally {
        times.swapMs += performance.now() - started;
      }
    },
  };
  return { db: timed, times };
}

async function measureRun(label: string, emulator: Emulator, db: TestDb, now: Date, range?: DayRange) {
  const config = parseConfig({ AWS_ENDPOINT_URL_COST_EXPLORER: emulator.url, COSTWISE_AWS: "true" });
  const { db: timed, times } = timeWrites(db);
  // The real client, with the time until each answer is parsed summed (it overlaps the writes: one page ahead).
  const client = createCostExplorerClient(config.aws);
  const send = client.send.bind(client);
  let answersMs = 0;
  client.send = (async (...args: Parameters<typeof send>) => {
    const started = performance.now();
    try {
      return await send(...args);
    } finally {
      answersMs += performance.now() - started;
    }
  }) as typeof client.send;
  const started = performance.now();
  const result = await runSync({
    db: timed,
    now,
    range,
    sources: [createCostExplorerSource(config, { client })],
    trigger: "bench",
  });
  const seconds = (performance.now() - started) / 1000;
  const aws = result.sources.aws;
  if (result.status !== "succeeded") throw new Error(`${label} ${result.status}: ${result.error}`);
  const refreshed = aws?.range ?? { from: "?", to: "?" };
  const [env] = await db.sql.query<{ n: number }>(
    "SELECT count(DISTINCT environment)::int AS n FROM cost_daily WHERE dataset = 'environment,account' AND day >= $1 AND day < $2",
    [refreshed.from, refreshed.to],
  );
  const days = daysBetween(refreshed.from, refreshed.to);
  const rows = result.rowsWritten;
  console.log(`\n${label}: ${refreshed.from} .. ${refreshed.to} (exclusive), ${days} days`);
  console.log(`  paid requests      ${result.requests} ($${result.requestCostUsd})`);
  console.log(
    `  naive, day by day  ${countNaiveRequests({ days, environmentValues: env?.n ?? 0 })} (one request per day × ${env?.n ?? 0} environment values + 8, at one page each)`,
  );
  console.log(`  rows written       ${rows.toLocaleString("en-US")}`);
  console.log(
    `  wall time          ${seconds.toFixed(1)} s → ${Math.round(rows / seconds).toLocaleString("en-US")} rows/s end to end`,
  );
  console.log(
    `  answers            ${(answersMs / 1000).toFixed(1)} s waiting for Cost Explorer (emulator + SDK parsing), summed`,
  );
  console.log(
    `  staging inserts    ${(times.stagingMs / 1000).toFixed(1)} s → ${Math.round(rows / (times.stagingMs / 1000)).toLocaleString("en-US")} rows/s (unnest, ~5,000 rows a statement, summed)`,
  );
  console.log(
    `  swap transaction   ${(times.swapMs / 1000).toFixed(1)} s → ${Math.round(rows / (times.swapMs / 1000)).toLocaleString("en-US")} rows/s (delete range + insert from staging)`,
  );
  return result;
}

async function benchSize(size: number, years: number) {
  const today = toDay(NOW);
  // The normal size keeps Cost Explorer's real 13-month window; larger ones use the emulator's benchmark-only override.
  const historyStart = size > 1 ? addMonths(startOfMonth(today), -12 * years) : undefined;
  const emulatorStarted = performance.now();
  const emulator = await startEmulator(size, historyStart);
  console.log(
    `\n== size ${size}: emulator ready in ${((performance.now() - emulatorStarted) / 1000).toFixed(1)} s at ${emulator.url}`,
  );
  const db = await createPostgresTestDb(serverUrl);
  try {
    const range = historyStart ? { from: historyStart, to: today } : undefined;
    await measureRun(`Backfill (size ${size})`, emulator, db, NOW, range);
    await setEmulatorClock(emulator, NEXT_DAY);
    await measureRun(`Daily incremental, the next day (size ${size})`, emulator, db, NEXT_DAY);
    console.log(`  emulator peak RSS  ${peakRssOf(emulator.child.pid)} (its own process)`);
  } finally {
    emulator.child.kill("SIGTERM");
    await db.drop();
  }
}

async function main() {
  const { flags } = parseFlags(process.argv.slice(2), {
    size: { value: true, description: "large size (default 10)" },
    years: { value: true, description: "years of history at the large size (default 3)" },
  });
  const size = Number(flags.size ?? 10);
  const years = Number(flags.years ?? 3);
  console.log(
    `Cost Explorer sync benchmark — now ${NOW.toISOString()}, Postgres ${new URL(serverUrl).host}, Node ${process.version}`,
  );
  const started = performance.now();
  await benchSize(size, years);
  const largeRss = process.resourceUsage().maxRSS / 1024;
  console.log(`\nPeak RSS of the sync process after size ${size}: ${Math.round(largeRss)} MB`);
  await benchSize(1, 1);
  console.log(
    `\nTotal ${((performance.now() - started) / 1000).toFixed(0)} s. Peak RSS over both: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB.`,
  );
}

main().catch((err: unknown) => {
  console.error(`bench:sync failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
