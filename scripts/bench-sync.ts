// Benchmark of the Cost Explorer sync at growing company sizes: paid requests per run kind (13-month backfill, daily
// incremental, usage types, commitments refresh), rows, sync time, peak RSS and database size on disk, into a
// throwaway Postgres database. Each size runs in a child process of its own, so its peak RSS is its own. Prints
// figures and a growth table, no pass/fail.
// Usage: npm run bench:sync [-- --sizes 1,10,30]   (TEST_DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/postgres)
//        100 fits in 24 GiB: --sizes 1,10,30,100 (the emulator holds every row of the company in memory).
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { createInterface } from "node:readline";
import { parseFlags } from "@/lib/cli/flags";
import { createCostExplorerClient } from "@/lib/aws/client";
import { createCommitmentsSource } from "@/lib/aws/commitments-source";
import { createCostExplorerSource } from "@/lib/aws/source";
import { countNaiveRequests } from "@/lib/aws/query-plan";
import { parseConfig } from "@/lib/config";
import { daysBetween, toDay } from "@/lib/dates";
import { createPostgresTestDb, type TestDb } from "@/testing/databases";
import type { Db } from "@/lib/db/types";
import { runSync } from "@/lib/sync/run-sync";

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
async function startEmulator(size: number): Promise<Emulator> {
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

type RunFigures = { requests: number; spend: number; usage: number; rows: number; seconds: number };

/** Which part of the plan a Cost Explorer command belongs to: the S3/RDS usage types group by USAGE_TYPE. */
function toRequestKind(command: unknown): "usage" | "spend" {
  const groupBy = (command as { input?: { GroupBy?: { Key?: string }[] } }).input?.GroupBy ?? [];
  return groupBy.some((g) => g.Key === "USAGE_TYPE") ? "usage" : "spend";
}

async function measureRun(label: string, emulator: Emulator, db: TestDb, now: Date): Promise<RunFigures> {
  const config = parseConfig({ AWS_ENDPOINT_URL_COST_EXPLORER: emulator.url, COSTWISE_AWS: "true" });
  const { db: timed, times } = timeWrites(db);
  // The real client, with the time until each answer is parsed summed (it overlaps the writes: one page ahead).
  const client = createCostExplorerClient(config.aws);
  const send = client.send.bind(client);
  let answersMs = 0;
  const kinds = { spend: 0, usage: 0 };
  client.send = (async (...args: Parameters<typeof send>) => {
    kinds[toRequestKind(args[0])]++;
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
  console.log(
    `  paid requests      ${result.requests} ($${result.requestCostUsd}): spend ${kinds.spend} (with the tag check), S3/RDS usage types ${kinds.usage}`,
  );
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
    `  swap transaction   ${(times.swapMs / 1000).toFixed(1)} s → ${Math.round(rows / (times.swapMs / 1000)).toLocaleString("en-US")} rows/s (delete range + insert from staging + the monthly rollup of the replaced months)`,
  );
  return { requests: result.requests, ...kinds, rows, seconds };
}

type SizeFigures = {
  size: number;
  backfill: RunFigures;
  daily: RunFigures;
  commitments: { requests: number; seconds: number };
  peakRssMb: number;
  emulatorRssMb: string;
  databaseMb: number;
  tablesMb: Record<string, number>;
};

async function benchSize(size: number): Promise<SizeFigures> {
  // Every size backfills Cost Explorer's real 13-month window, so the sizes compare like for like.
  const emulatorStarted = performance.now();
  const emulator = await startEmulator(size);
  console.log(
    `\n== size ${size}: emulator ready in ${((performance.now() - emulatorStarted) / 1000).toFixed(1)} s at ${emulator.url}`,
  );
  const db = await createPostgresTestDb(serverUrl);
  try {
    const backfill = await measureRun(`Backfill, 13 months (size ${size})`, emulator, db, NOW);
    const commitments = await measureCommitments(emulator, db, NOW);
    await setEmulatorClock(emulator, NEXT_DAY);
    const daily = await measureRun(`Daily incremental, the next day (size ${size})`, emulator, db, NEXT_DAY);
    const [disk] = await db.sql.query<{ mb: number }>(
      "SELECT round(pg_database_size(current_database()) / 1048576.0, 1)::float8 AS mb",
    );
    const tables = await db.sql.query<{ name: string; mb: number }>(
      `SELECT relname AS name, round(pg_total_relation_size(oid) / 1048576.0, 1)::float8 AS mb FROM pg_class
       WHERE relname IN ('cost_daily', 'cost_monthly', 'cost_day', 'cost_usage_daily') ORDER BY relname`,
    );
    const emulatorRssMb = peakRssOf(emulator.child.pid);
    console.log(`  emulator peak RSS  ${emulatorRssMb} (its own process)`);
    return {
      size,
      backfill,
      daily,
      commitments,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      emulatorRssMb,
      databaseMb: disk?.mb ?? 0,
      tablesMb: Object.fromEntries(tables.map((t) => [t.name, t.mb])),
    };
  } finally {
    emulator.child.kill("SIGTERM");
    await db.drop();
  }
}

/** The commitments source on its own (it runs after the spend, which tells it the services with spend). */
async function measureCommitments(emulator: Emulator, db: TestDb, now: Date) {
  const config = parseConfig({ AWS_ENDPOINT_URL_COST_EXPLORER: emulator.url, COSTWISE_AWS: "true" });
  const started = performance.now();
  const result = await runSync({
    db,
    now,
    sources: [createCommitmentsSource(config, { client: createCostExplorerClient(config.aws) })],
    trigger: "bench",
  });
  if (result.status !== "succeeded") throw new Error(`Commitments refresh ${result.status}: ${result.error}`);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `\nCommitments refresh: ${result.requests} paid requests ($${result.requestCostUsd}) in ${seconds.toFixed(1)} s`,
  );
  return { requests: result.requests, seconds };
}

/** Runs one size in a child process and reads back its figures (the last line it prints). */
function runChild(size: number): Promise<SizeFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, import.meta.filename, "--child", "--sizes", String(size)],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let last = "";
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (line.startsWith(FIGURES)) last = line.slice(FIGURES.length);
      else console.log(line);
    });
    child.once("exit", (code) => {
      if (code === 0 && last) resolve(JSON.parse(last) as SizeFigures);
      else reject(new Error(`size ${size} failed (exit code ${code})`));
    });
  });
}

const FIGURES = "FIGURES ";
const n = (value: number) => value.toLocaleString("en-US");

function printGrowth(all: SizeFigures[]) {
  const base = all[0]!;
  const per = (value: number, f: SizeFigures, baseValue: number) =>
    baseValue > 0 ? ` (${((value / baseValue) * (base.size / f.size)).toFixed(2)}×)` : "";
  console.log(
    `\nGrowth (13-month backfill, then the next day's incremental run; (×) = per unit of size against size ${base.size}, 1.00× = linear)`,
  );
  console.log(
    "| size | paid requests: backfill (spend + usage types) | daily (spend + usage types) | commitments refresh | rows backfill | backfill time | daily time | peak RSS | database on disk |",
  );
  console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const f of all) {
    const b = f.backfill;
    const d = f.daily;
    console.log(
      `| ${f.size} | ${n(b.requests)} (${n(b.spend)} + ${n(b.usage)}) | ${n(d.requests)} (${n(d.spend)} + ${n(d.usage)}) | ${f.commitments.requests} | ` +
        `${n(b.rows)}${per(b.rows, f, base.backfill.rows)} | ${b.seconds.toFixed(1)} s${per(b.seconds, f, base.backfill.seconds)} | ` +
        `${d.seconds.toFixed(1)} s | ${n(f.peakRssMb)} MB | ${n(f.databaseMb)} MB${per(f.databaseMb, f, base.databaseMb)} |`,
    );
  }
  for (const f of all)
    console.log(
      `  size ${f.size}: tables ${Object.entries(f.tablesMb)
        .map(([t, mb]) => `${t} ${mb} MB`)
        .join(", ")}; emulator peak RSS ${f.emulatorRssMb}`,
    );
}

async function main() {
  const { flags } = parseFlags(process.argv.slice(2), {
    sizes: { value: true, description: "company sizes, comma-separated (default 1,10,30)" },
    child: { value: false, description: "internal: run one size and print its figures" },
  });
  const sizes = (flags.sizes ?? "1,10,30").split(",").map(Number);
  if (sizes.some((size) => !Number.isInteger(size) || size < 1)) throw new Error(`--sizes: ${flags.sizes}`);
  if (flags.child) {
    const figures = await benchSize(sizes[0]!);
    console.log(`\nPeak RSS of the sync process at size ${sizes[0]}: ${figures.peakRssMb} MB`);
    console.log(FIGURES + JSON.stringify(figures));
    return;
  }
  console.log(
    `Cost Explorer sync benchmark — now ${NOW.toISOString()}, Postgres ${new URL(serverUrl).host}, Node ${process.version}, ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")} on ${cpus().length} CPUs`,
  );
  const started = performance.now();
  const all: SizeFigures[] = [];
  for (const size of sizes) all.push(await runChild(size));
  printGrowth(all);
  console.log(
    `\nTotal ${((performance.now() - started) / 1000).toFixed(0)} s; load average at the end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}.`,
  );
}

main().catch((err: unknown) => {
  console.error(`bench:sync failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
