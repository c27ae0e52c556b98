// Benchmark of every page and export: the demo company at one or more sizes (3 years of spend, 14 days of
// Kubernetes usage) synced through the real Cost Explorer and Datadog sources into a throwaway database
// (Postgres, or the embedded PGlite with --embedded), the built app served from this process, and a second
// process on loopback playing a few concurrent users. Prints, per size: the first read of each page after the
// sync (the caches the pages rely on are cold), then p50/p95 and bytes per page under concurrent users, the
// largest team page's bytes per row; and at the end one line per size, so the growth can be read.
// Target: p95 under 150 ms for every page and export at size 10.
// Usage: npm run build && npm run bench:reports [-- --sizes 1,10,30 --years 3 --users 4 --rounds 15] [--embedded]
//        [--keep | --database NAME]   (TEST_DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/postgres; a
//        throwaway database is created and dropped; --keep leaves it, and --database NAME reuses a kept one)
// The server listens on E2E_PORT when set (a shared machine hands out ports), else on a free port.
import { fork, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { parseFlags } from "@/lib/cli/flags";
import { addDays, addMonths, startOfMonth, toDay } from "@/lib/dates";
import type { Db } from "@/lib/db/types";
import { createPostgresTestDb, testDatabases, type TestDb } from "@/testing/databases";

const NOW = new Date("2026-11-26T12:00:00Z"); // the e2e clock: figures comparable between runs
const TARGET_P95_MS = 150;
const serverUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** Every page and export, in a few typical views; `{team}` is the team with the most containers. */
const PAGE_TEMPLATES = [
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
  "/tags",
  "/rightsizing",
  "/rightsizing/{team}",
  "/rightsizing/{team}?sort=cpu&dir=asc&page=2",
  "/rightsizing/nodes",
  "/savings",
  "/opportunities",
  "/commitments",
  "/slides",
  "/sync",
  "/api/export/spend?by=department,environment",
  "/api/export/spend?by=project&granularity=month",
  "/api/export/spend?by=service&from=2026-10-01&to=2026-11-01&granularity=day",
  "/api/export/tags",
  "/api/export/tag-policy",
  "/api/export/rightsizing",
  "/api/export/rightsizing?team={team}&format=yaml",
  "/api/export/opportunities",
  "/api/export/commitments",
  "/api/export/nodes",
  "/api/export/slides",
  "/api/export/sync-runs",
  "/api/export/audit",
];

type Timing = { url: string; ms: number; status: number; bytes: number };
type SizeResult = {
  size: number;
  spendRows: number;
  containers: number;
  syncS: number;
  dbMiB: number;
  firstReadMs: number;
  firstRightsizingMs: number;
  firstTeamMs: number;
  worst: { url: string; p95: number };
  teamRows: number;
  teamKb: number;
  bytesPerRow: number;
  rssMiB: number;
};

async function get(base: string, url: string): Promise<Timing> {
  const started = performance.now();
  const res = await fetch(base + url);
  const body = await res.arrayBuffer();
  return { url, ms: performance.now() - started, status: res.status, bytes: body.byteLength };
}

// ---- The second process: concurrent users on loopback. ----
async function runUsers(base: string, pages: string[], users: number, rounds: number): Promise<Timing[]> {
  const timings: Timing[] = [];
  for (const url of pages) await get(base, url); // warm-up, not counted
  await Promise.all(
    Array.from({ length: users }, async (_, user) => {
      for (let round = 0; round < rounds; round++) {
        // Each user walks the pages in its own rotation, so different pages overlap.
        for (let i = 0; i < pages.length; i++)
          timings.push(await get(base, pages[(i + user * 3 + round) % pages.length] ?? "/"));
      }
    }),
  );
  return timings;
}

if (process.argv[2] === "--users-process") {
  const [base = "", pages = "[]", users = "4", rounds = "15"] = process.argv.slice(3);
  const timings = await runUsers(base, JSON.parse(pages) as string[], Number(users), Number(rounds));
  process.send?.(timings, () => process.exit(0));
} else {
  await main().catch((err: unknown) => {
    console.error(`bench:reports failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  });
}

// ---- The benchmark: data, server, report. ----
async function main() {
  const { flags } = parseFlags(process.argv.slice(2), {
    size: { value: true, description: "one demo size (default 10)" },
    sizes: { value: true, description: "several demo sizes, comma-separated (e.g. 1,10,30)" },
    years: { value: true, description: "years of history (default 3)" },
    users: { value: true, description: "concurrent users (default 4)" },
    rounds: { value: true, description: "rounds over every page per user (default 15)" },
    embedded: { value: false, description: "the embedded database (PGlite) instead of Postgres" },
    keep: { value: false, description: "keep the synced database (its name is printed; Postgres only)" },
    database: { value: true, description: "reuse a database kept by --keep: no sync" },
  });
  const sizes = (flags.sizes ?? flags.size ?? "10").split(",").map(Number);
  const years = Number(flags.years ?? 3);
  const users = Number(flags.users ?? 4);
  const rounds = Number(flags.rounds ?? 15);
  if (sizes.some((s) => !Number.isInteger(s) || s < 1)) throw new Error("Sizes are whole numbers from 1.");
  if (flags.database && sizes.length > 1) throw new Error("--database reuses one database: give one --size.");
  if (!existsSync(".next/BUILD_ID")) throw new Error("No build: run `npm run build` first.");
  const dbKind = flags.embedded ? "embedded PGlite" : `Postgres ${new URL(serverUrl).host}`;
  console.log(
    `Page benchmark — sizes ${sizes.join(", ")}, ${years} years, ${users} users × ${rounds} rounds, now ${NOW.toISOString()}, ${dbKind}`,
  );
  const results: SizeResult[] = [];
  for (const size of sizes) {
    console.log(`\n=== Size ${size} ===`);
    results.push(
      await benchSize(size, {
        years,
        users,
        rounds,
        embedded: !!flags.embedded,
        keep: !!flags.keep,
        kept: flags.database,
      }),
    );
  }
  console.log(`\nGrowth (${dbKind}; load average at the end ${loadAverage()}):`);
  console.log(
    `${"size".padStart(4)} ${"spend rows".padStart(11)} ${"containers".padStart(10)} ${"sync s".padStart(7)} ${"DB MiB".padStart(7)} ${"1st read".padStart(9)} ${"1st rs".padStart(8)} ${"1st team".padStart(8)} ${"worst p95".padStart(9)}  ${"team page".padStart(16)} ${"B/row".padStart(6)} ${"RSS MiB".padStart(7)}  worst page`,
  );
  for (const r of results)
    console.log(
      `${String(r.size).padStart(4)} ${r.spendRows.toLocaleString("en-US").padStart(11)} ${r.containers.toLocaleString("en-US").padStart(10)} ${r.syncS.toFixed(0).padStart(7)} ${String(r.dbMiB).padStart(7)} ${`${r.firstReadMs.toFixed(0)} ms`.padStart(9)} ${`${r.firstRightsizingMs.toFixed(0)} ms`.padStart(8)} ${`${r.firstTeamMs.toFixed(0)} ms`.padStart(8)} ${`${r.worst.p95.toFixed(0)} ms`.padStart(9)}  ${`${r.teamKb} KB/${r.teamRows} rows`.padStart(16)} ${String(r.bytesPerRow).padStart(6)} ${String(r.rssMiB).padStart(7)}  ${r.worst.url}`,
    );
}

async function benchSize(
  size: number,
  opts: { years: number; users: number; rounds: number; embedded: boolean; keep: boolean; kept?: string | undefined },
): Promise<SizeResult> {
  const today = toDay(NOW);
  const historyStart = addMonths(startOfMonth(today), -12 * opts.years);
  const costExplorer = await startChild(
    "Cost Explorer",
    ["emulators/cost-explorer/main.ts", "--port", "0", "--now", today, "--size", String(size)],
    ["--history-start", historyStart],
  );
  const datadog = await startChild(
    "Datadog",
    ["emulators/datadog/main.ts", "--port", "0", "--now", NOW.toISOString(), "--size", String(size)],
    [],
  );
  const { startPricingEmulator } = await import("@/emulators/pricing/server");
  const pricing = await startPricingEmulator();
  const db: TestDb = opts.kept
    ? await openKept(opts.kept)
    : opts.embedded
      ? await testDatabases()[0]!.create()
      : await createPostgresTestDb(serverUrl);
  let server: { close(): Promise<void> } | undefined;
  try {
    const { DEFAULT_API_KEY, DEFAULT_APP_KEY } = await import("@/emulators/datadog/server");
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_COST_EXPLORER: costExplorer.url,
      AWS_ENDPOINT_URL_PRICING: pricing.url,
      AWS_ACCESS_KEY_ID: "bench",
      AWS_SECRET_ACCESS_KEY: "bench",
      AWS_REGION: "us-east-1",
      COSTWISE_AWS: "true",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      DD_HOST: datadog.url,
      DD_API_KEY: DEFAULT_API_KEY,
      DD_APP_KEY: DEFAULT_APP_KEY,
      COSTWISE_NOW: NOW.toISOString(),
      COSTWISE_HOST: "127.0.0.1",
      COSTWISE_AUTH: "none",
    });
    const { parseConfig } = await import("@/lib/config");
    const { listConfiguredSources } = await import("@/lib/jobs/sources");
    const { runSync } = await import("@/lib/sync/run-sync");
    const { seedDemoTagSettings } = await import("./demo-settings");
    const { seedDemoRightsizingSettings } = await import("./demo-rightsizing-settings");
    const { seedDemoInitiatives } = await import("./demo-initiatives");
    const config = parseConfig(process.env);

    const started = performance.now();
    let syncS = 0;
    if (!opts.kept) {
      // The demo's settings first, as `npm run demo` does: the sync and the pages see the same mappings.
      await seedDemoTagSettings(db);
      await seedDemoRightsizingSettings(db);
      await seedDemoInitiatives(db, NOW);
      const result = await runSync({
        db,
        now: NOW,
        range: { from: historyStart, to: addDays(today, 1) },
        sources: await listConfiguredSources(config),
        trigger: "bench",
      });
      if (result.status !== "succeeded") throw new Error(`The sync ${result.status}: ${result.error}`);
      syncS = (performance.now() - started) / 1000;
      console.log(
        `Sync: ${result.rowsWritten.toLocaleString("en-US")} rows in ${syncS.toFixed(0)} s (${result.requests} requests)`,
      );
      await db.sql.query("ANALYZE");
    }
    const [counts] = await db.sql.query<{ daily: number; containers: number; bytes: string }>(
      `SELECT (SELECT count(*)::int FROM cost_daily) AS daily, (SELECT count(*)::int FROM k8s_container) AS containers,
              pg_database_size(current_database())::text AS bytes`,
    );
    const team = await largestTeam(db);
    const pages = PAGE_TEMPLATES.map((p) => p.replaceAll("{team}", encodeURIComponent(team.name)));

    await waitForBuild();
    const port = process.env.E2E_PORT ? Number(process.env.E2E_PORT) : await findFreePort();
    const serve = await import("./serve");
    server = await serve.startServer({ config: { ...config, port }, db, log: () => {} });
    const base = `http://127.0.0.1:${port}`;
    const rssAfterSync = process.memoryUsage().rss;

    // The first read of each page after the sync, served by the process that ran it (as the server's own scheduled
    // sync or "Sync now" does): the first spend page reads the monthly rollup the sync built; the first rightsizing
    // page finds the rows the sync computed in memory (a process that did not run the sync computes them at its
    // first rightsizing read: `bench:rightsizing` prints that cost).
    const first = new Map<string, Timing>();
    for (const url of pages) first.set(url, await get(base, url));
    const firstReadMs = first.get("/")?.ms ?? NaN;
    const teamPage = pages[PAGE_TEMPLATES.indexOf("/rightsizing/{team}")]!;
    const firstRightsizingMs = first.get("/rightsizing")?.ms ?? NaN;
    const firstTeamMs = first.get(teamPage)?.ms ?? NaN;
    console.log(
      `First reads after the sync: / ${firstReadMs.toFixed(0)} ms (the first page); /rightsizing ${firstRightsizingMs.toFixed(0)} ms (the first rightsizing read); ${teamPage} ${firstTeamMs.toFixed(0)} ms (the largest team, ${team.containers} containers, read next).`,
    );

    // The team page's bytes per row: the same page at 200 rows a page against 50.
    const teamPath = `/rightsizing/${encodeURIComponent(team.name)}`;
    const [at50, at200] = [await get(base, `${teamPath}?size=50`), await get(base, `${teamPath}?size=200`)];
    const rows50 = Math.min(50, team.containers);
    const rows200 = Math.min(200, team.containers);
    const bytesPerRow = rows200 > rows50 ? Math.round((at200.bytes - at50.bytes) / (rows200 - rows50)) : NaN;

    const load = loadAverage();
    const timings = await runUsersProcess(base, pages, opts.users, opts.rounds);
    const worst = printReport(pages, first, timings);
    console.log(
      `Largest team: ${team.name}, ${team.containers} containers; its page: ${Math.round(at50.bytes / 1024)} KB at 50 rows, ${Math.round(at200.bytes / 1024)} KB at 200 rows → ${bytesPerRow.toLocaleString("en-US")} bytes per row.`,
    );
    const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
    const peak = mib(process.resourceUsage().maxRSS * 1024);
    console.log(
      `Memory (RSS) of this process: ${mib(rssAfterSync)} MiB after the sync, ${mib(process.memoryUsage().rss)} MiB after serving, peak ${peak} MiB. Load average before the users: ${load}.`,
    );
    return {
      size,
      spendRows: counts?.daily ?? 0,
      containers: counts?.containers ?? 0,
      syncS,
      dbMiB: mib(Number(counts?.bytes ?? 0)),
      firstReadMs,
      firstRightsizingMs,
      firstTeamMs,
      worst,
      teamRows: rows50,
      teamKb: Math.round(at50.bytes / 1024),
      bytesPerRow,
      rssMiB: peak,
    };
  } finally {
    await server?.close().catch(() => {});
    costExplorer.kill("SIGTERM");
    datadog.kill("SIGTERM");
    await pricing.close();
    if (opts.keep || opts.kept) {
      console.log(`Kept the database: ${db.label} (reuse it with --database NAME; drop it with DROP DATABASE).`);
      await db.close();
    } else {
      await db.drop();
    }
  }
}

/** The team with the most containers: its page is the largest rightsizing table. */
async function largestTeam(db: Db): Promise<{ name: string; containers: number }> {
  // Computed here, not through the pages' cache, so their first reads are not warmed by it.
  const { listContainerUsages } = await import("@/lib/rightsizing/read");
  const { toRightsizingRows } = await import("@/lib/rightsizing");
  const { getRightsizingSettings } = await import("@/lib/settings/store");
  const counts = new Map<string, number>();
  for (const row of toRightsizingRows(await listContainerUsages(db), await getRightsizingSettings(db))) {
    const name = row.recommendation.team.value;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const [name, containers] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ["(none)", 0];
  return { name, containers };
}

/** A database kept by an earlier --keep run, brought up to date with the migrations. */
async function openKept(name: string): Promise<TestDb> {
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

function runUsersProcess(base: string, pages: string[], users: number, rounds: number): Promise<Timing[]> {
  return new Promise((resolve, reject) => {
    const child = fork(
      process.argv[1] ?? "scripts/bench-reports.ts",
      ["--users-process", base, JSON.stringify(pages), String(users), String(rounds)],
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

function loadAverage(): string {
  // The machine may be shared: the figures mean little without it.
  return existsSync("/proc/loadavg") ? readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ") : "?";
}

function printReport(pages: string[], first: Map<string, Timing>, timings: Timing[]): { url: string; p95: number } {
  console.log(`\nResponse time on loopback (server time + transfer), ms; "1st" = the first read after the sync:`);
  console.log(
    `${"page".padEnd(70)} ${"1st".padStart(6)} ${"n".padStart(4)} ${"p50".padStart(5)} ${"p95".padStart(5)} ${"max".padStart(5)}  size`,
  );
  let worst = { url: "", p95: 0 };
  for (const url of pages) {
    const mine = timings.filter((t) => t.url === url);
    const ms = mine.map((t) => t.ms).sort((a, b) => a - b);
    const bad = mine.filter((t) => t.status !== 200).length + (first.get(url)?.status === 200 ? 0 : 1);
    const p95 = percentile(ms, 95);
    if (p95 > worst.p95) worst = { url, p95 };
    const kb = Math.round((mine[0]?.bytes ?? 0) / 1024);
    console.log(
      `${url.padEnd(70)} ${(first.get(url)?.ms ?? NaN).toFixed(0).padStart(6)} ${String(ms.length).padStart(4)} ${percentile(ms, 50).toFixed(0).padStart(5)} ${p95.toFixed(0).padStart(5)} ${(ms.at(-1) ?? 0).toFixed(0).padStart(5)}  ${kb} KB${bad ? `  ${bad} not 200!` : ""}`,
    );
  }
  console.log(
    `Worst p95: ${worst.p95.toFixed(0)} ms (${worst.url}) — target ${TARGET_P95_MS} ms: ${worst.p95 < TARGET_P95_MS ? "met" : "NOT met"}.`,
  );
  return worst;
}

/** An emulator in its own process (node --import tsx), so its memory and CPU are not the server's. */
async function startChild(name: string, args: string[], extra: string[]): Promise<ChildProcess & { url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", ...args, ...extra], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const match = /(http:\/\/[\d.:]+)/.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`The ${name} emulator exited (${code}) before it listened.`)));
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
