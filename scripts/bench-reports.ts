// Benchmark of the report pages and the spend export: the large demo (size 10, 3 years) synced through the real
// Cost Explorer source into a throwaway Postgres database, the built app served from this process, and a second
// process on loopback playing a few concurrent finance users. Prints p50/p95 per page; target: p95 under 300 ms.
// Usage: npm run build && npm run bench:reports [-- --size 10 --years 3 --users 4 --rounds 15] [--keep | --database NAME]
//        (TEST_DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/postgres; a throwaway database is created and
//        dropped; --keep leaves it, and --database NAME reuses a kept one without syncing again)
import { fork, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { parseFlags } from "@/lib/cli/flags";
import { addDays, addMonths, startOfMonth, toDay } from "@/lib/dates";
import { createPostgresTestDb } from "@/testing/databases";

const NOW = new Date("2026-11-26T12:00:00Z"); // the e2e clock: figures comparable between runs
const TARGET_P95_MS = 300;
const serverUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** What finance opens: every report page and the CSV export, in a few typical views. */
const PAGES = [
  "/",
  "/spend",
  "/spend?by=department,environment",
  "/spend?by=project",
  "/spend?by=project&department=platform",
  "/spend?by=environment&department=platform&project=k8s-platform",
  "/spend?by=service&department=(untagged)",
  "/spend?by=account&metric=unblended",
  "/spend?by=department&from=2026-10-01&to=2026-11-01&granularity=day",
  "/spend?by=department&from=2024-01-01&to=2026-12-01&granularity=total",
  "/spend/categories",
  "/api/export/spend?by=department,environment",
  "/api/export/spend?by=project&granularity=month",
  "/api/export/spend?by=service&from=2026-10-01&to=2026-11-01&granularity=day",
];

type Timing = { url: string; ms: number; status: number; bytes: number };

// ---- The second process: concurrent users on loopback. ----
async function runUsers(base: string, users: number, rounds: number): Promise<Timing[]> {
  const timings: Timing[] = [];
  const get = async (url: string) => {
    const started = performance.now();
    const res = await fetch(base + url);
    const body = await res.arrayBuffer();
    return { url, ms: performance.now() - started, status: res.status, bytes: body.byteLength };
  };
  for (const url of PAGES) await get(url); // warm-up, not counted (first render, caches)
  await Promise.all(
    Array.from({ length: users }, async (_, user) => {
      for (let round = 0; round < rounds; round++) {
        // Each user walks the pages in its own rotation, so different pages overlap.
        for (let i = 0; i < PAGES.length; i++)
          timings.push(await get(PAGES[(i + user * 3 + round) % PAGES.length] ?? "/"));
      }
    }),
  );
  return timings;
}

if (process.argv[2] === "--users-process") {
  const [base = "", users = "4", rounds = "15"] = process.argv.slice(3);
  const timings = await runUsers(base, Number(users), Number(rounds));
  process.send?.(timings, () => process.exit(0));
} else {
  await main().catch((err: unknown) => {
    console.error(`bench:reports failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}

// ---- The benchmark: data, server, report. ----
async function main() {
  const { flags } = parseFlags(process.argv.slice(2), {
    size: { value: true, description: "demo size (default 10)" },
    years: { value: true, description: "years of history (default 3)" },
    users: { value: true, description: "concurrent users (default 4)" },
    rounds: { value: true, description: "rounds over every page per user (default 15)" },
    keep: { value: false, description: "keep the synced database (its name is printed)" },
    database: { value: true, description: "reuse a database kept by --keep: no sync" },
  });
  const size = Number(flags.size ?? 10);
  const years = Number(flags.years ?? 3);
  const users = Number(flags.users ?? 4);
  const rounds = Number(flags.rounds ?? 15);
  if (!existsSync(".next/BUILD_ID")) throw new Error("No build: run `npm run build` first.");
  console.log(
    `Report benchmark — size ${size}, ${years} years, ${users} users × ${rounds} rounds × ${PAGES.length} pages, now ${NOW.toISOString()}, Postgres ${new URL(serverUrl).host}`,
  );

  const today = toDay(NOW);
  const historyStart = addMonths(startOfMonth(today), -12 * years);
  const emulator = await startEmulator(size, historyStart);
  const db = flags.database ? await openKept(flags.database) : await createPostgresTestDb(serverUrl);
  let server: { close(): Promise<void> } | undefined;
  try {
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_COST_EXPLORER: emulator.url,
      AWS_ACCESS_KEY_ID: "bench",
      AWS_SECRET_ACCESS_KEY: "bench",
      AWS_REGION: "us-east-1",
      COSTWISE_AWS: "true",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      COSTWISE_NOW: NOW.toISOString(),
      COSTWISE_HOST: "127.0.0.1",
      COSTWISE_AUTH: "none",
    });
    const { parseConfig } = await import("@/lib/config");
    const { createCostExplorerSource } = await import("@/lib/aws/source");
    const { runSync } = await import("@/lib/sync/run-sync");
    const { seedDemoTagSettings } = await import("./demo-settings");
    const { ensureSpendRollup } = await import("@/lib/reports/rollup");
    const config = parseConfig(process.env);

    let started = performance.now();
    if (!flags.database) {
      const result = await runSync({
        db,
        now: NOW,
        range: { from: historyStart, to: addDays(today, 1) },
        sources: [createCostExplorerSource(config)],
        trigger: "bench",
      });
      if (result.status !== "succeeded") throw new Error(`The sync ${result.status}: ${result.error}`);
      console.log(
        `Sync: ${result.rowsWritten.toLocaleString("en-US")} rows in ${((performance.now() - started) / 1000).toFixed(0)} s (${result.requests} requests)`,
      );
      await seedDemoTagSettings(db);
      await db.sql.query("ANALYZE");
    }
    started = performance.now();
    await ensureSpendRollup(db);
    const [counts] = await db.sql.query<{ daily: number; monthly: number }>(
      "SELECT (SELECT count(*)::int FROM cost_daily) AS daily, (SELECT count(*)::int FROM cost_monthly) AS monthly",
    );
    console.log(
      `Monthly rollup: ${counts?.monthly.toLocaleString("en-US")} rows from ${counts?.daily.toLocaleString("en-US")} daily rows, built in ${((performance.now() - started) / 1000).toFixed(1)} s (once per sync, at the first read)`,
    );

    await waitForBuild();
    const port = await findFreePort();
    const serve = await import("./serve");
    server = await serve.startServer({ config: { ...config, port }, db, log: () => {} });
    const rssAfterSync = process.memoryUsage().rss;
    const timings = await runUsersProcess(`http://127.0.0.1:${port}`, users, rounds);
    printReport(timings);
    // What deploy/kubernetes sizes the pods by: this process synced, then served the users.
    const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
    console.log(
      `Memory (RSS) of this process: ${mib(rssAfterSync)} after the sync, ${mib(process.memoryUsage().rss)} after serving, peak ${mib(process.resourceUsage().maxRSS * 1024)}.`,
    );
  } finally {
    await server?.close().catch(() => {});
    emulator.kill("SIGTERM");
    if (flags.keep || flags.database) {
      console.log(`Kept the database: ${db.label} (reuse it with --database NAME; drop it with DROP DATABASE).`);
      await db.close();
    } else {
      await db.drop();
    }
  }
}

/** A database kept by an earlier --keep run, brought up to date with the migrations. */
async function openKept(name: string) {
  const { openPostgres } = await import("@/lib/db/postgres");
  const { applyMigrations } = await import("@/lib/db/migrate");
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), { label: name });
  await db.withSession((s) => applyMigrations(s));
  return Object.assign(db, { drop: () => db.close() });
}

/** Someone may be rebuilding .next (a shared checkout): wait for it rather than fail after the long sync. */
async function waitForBuild() {
  for (let i = 0; i < 120 && !existsSync(".next/BUILD_ID"); i++) await new Promise((r) => setTimeout(r, 5000));
  if (!existsSync(".next/BUILD_ID")) throw new Error("No build in .next: run `npm run build`.");
}

function runUsersProcess(base: string, users: number, rounds: number): Promise<Timing[]> {
  return new Promise((resolve, reject) => {
    const child = fork(
      process.argv[1] ?? "scripts/bench-reports.ts",
      ["--users-process", base, String(users), String(rounds)],
      { execArgv: process.execArgv },
    );
    child.once("message", (timings) => resolve(timings as Timing[]));
    child.once("exit", (code) =>
      code === 0 ? undefined : reject(new Error(`The users process exited with ${code}.`)),
    );
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function printReport(timings: Timing[]) {
  console.log(`\nResponse time on loopback (server time + transfer), ms:`);
  console.log(
    `${"page".padEnd(78)} ${"n".padStart(4)} ${"p50".padStart(6)} ${"p95".padStart(6)} ${"max".padStart(6)}  size`,
  );
  let worst = 0;
  for (const url of PAGES) {
    const mine = timings.filter((t) => t.url === url);
    const ms = mine.map((t) => t.ms).sort((a, b) => a - b);
    const bad = mine.filter((t) => t.status !== 200).length;
    const p95 = percentile(ms, 95);
    worst = Math.max(worst, p95);
    const kb = Math.round((mine[0]?.bytes ?? 0) / 1024);
    console.log(
      `${url.padEnd(78)} ${String(ms.length).padStart(4)} ${percentile(ms, 50).toFixed(0).padStart(6)} ${p95.toFixed(0).padStart(6)} ${(ms.at(-1) ?? 0).toFixed(0).padStart(6)}  ${kb} KB${bad ? `  ${bad} not 200!` : ""}`,
    );
  }
  console.log(
    `\nWorst p95: ${worst.toFixed(0)} ms — target ${TARGET_P95_MS} ms: ${worst < TARGET_P95_MS ? "met" : "NOT met"}.`,
  );
}

/** The emulator in its own process (node --import tsx), like bench:sync. */
async function startEmulator(size: number, historyStart: string): Promise<ChildProcess & { url: string }> {
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
    "--history-start",
    historyStart,
  ];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+) /.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`The Cost Explorer emulator exited (${code}) before it listened.`)));
  });
  return Object.assign(child, { url });
}

async function findFreePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
