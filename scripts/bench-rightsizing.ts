// Benchmark of the Datadog sync and the rightsizing engine on the large demo company (size 10: ~1,500
// workloads, ~3,000 containers, 14 days) into a throwaway Postgres database. Prints figures, no verdict.
// Usage: npm run bench:rightsizing [-- --size 10 | --sizes 1,10,30]   (TEST_DATABASE_URL, default
//        postgresql://postgres@127.0.0.1:5432/postgres). With --sizes, each size in turn into the same database (a
//        sync replaces the snapshot), then one line per size: how each cost grows with the company.
// The Datadog emulator runs in a child process, so the peak RSS printed is the sync's own.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { createPostgresTestDb, testDatabases } from "@/testing/databases";
import { insertContainers } from "@/testing/rightsizing-seed";
import type { DatadogSyncTimings } from "@/lib/datadog/source";
import { createDatadogSource } from "@/lib/datadog/source";
import { summarizeRecommendations, toRightsizingRows } from "@/lib/rightsizing";
import { getRightsizingContext, listContainerUsages } from "@/lib/rightsizing/read";
import type { ContainerUsage, RightsizingSettings } from "@/lib/rightsizing";
import { getRightsizingSettings, saveRightsizingSettings } from "@/lib/settings/store";
import { runSync } from "@/lib/sync/run-sync";
import { DEFAULT_API_KEY, DEFAULT_APP_KEY, startDatadogEmulator } from "@/emulators/datadog/server";

// A fixed clock: figures from two runs describe the same data.
const NOW = new Date("2026-11-26T09:17:00Z");
const { values } = parseArgs({
  options: {
    size: { type: "string", default: "10" },
    sizes: { type: "string" },
    "emulator-child": { type: "boolean", default: false },
  },
});
const size = Number(values.size);
const sizes = values.sizes ? values.sizes.split(",").map(Number) : [size];

async function startEmulatorChild(childSize: number): Promise<{ url: string; stop(): void }> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, import.meta.filename, "--emulator-child", "--size", String(childSize)],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) =>
      reject(new Error(`The Datadog emulator (size ${childSize}) exited with code ${code} before it listened.`)),
    );
  });
  let isStopping = false;
  child.once("exit", (code, signal) => {
    if (!isStopping)
      console.error(`The Datadog emulator (size ${childSize}) stopped on its own: code ${code}, signal ${signal}.`);
  });
  return {
    url: line.trim(),
    stop: () => {
      isStopping = true;
      child.kill("SIGTERM");
    },
  };
}

// What the sync was doing when the sampled RSS peaked (the progress line of the run).
let phase = "starting";
let peakPhase = "";

const ms = (value: number) => `${(value / 1000).toFixed(2)} s`;
const count = (value: number) => value.toLocaleString("en-US");

async function syncOnce(db: Awaited<ReturnType<typeof createPostgresTestDb>>, emulatorSize: number) {
  const emulator = await startEmulatorChild(emulatorSize);
  try {
    let timings: DatadogSyncTimings | null = null;
    const source = createDatadogSource(
      {
        enabled: true,
        reason: "bench",
        apiKey: DEFAULT_API_KEY,
        appKey: DEFAULT_APP_KEY,
        site: "datadoghq.com",
        baseUrl: emulator.url,
      },
      { onTimings: (t) => (timings = t) },
    );
    const started = performance.now();
    const result = await runSync({
      db,
      now: NOW,
      sources: [source],
      trigger: "bench",
      log: (line) => console.error(line),
      onProgress: (p) => (phase = `size ${emulatorSize}: ${p.phase}`),
    });
    if (result.status !== "succeeded" || !timings) throw new Error(`Sync ${result.status}: ${result.error}`);
    return {
      timings: timings as DatadogSyncTimings,
      wallMs: performance.now() - started,
      notes: result.sources.datadog?.notes ?? [],
    };
  } finally {
    emulator.stop();
  }
}

type Growth = {
  size: number;
  requests: number;
  containers: number;
  hourlyRows: number;
  syncMs: number;
  storedMs: number;
  recommendMs: number;
  readMs: number;
  /** The first getRightsizingContext after the sync in a process that did not run it. */
  firstReadMs: number;
  dbMiB: number;
  /** The process's peak so far: with the sizes ascending, the peak of this size's sync. */
  peakMiB: number;
};

async function benchSize(db: Awaited<ReturnType<typeof createPostgresTestDb>>, size: number): Promise<Growth> {
  console.log(`Size ${size}: syncing…`);
  const big = await syncOnce(db, size);
  const t = big.timings;
  console.log(
    `Size ${size}: ${t.requests} Datadog requests, ${count(t.containers)} containers, ${count(t.hourlyRows)} hourly rows`,
  );
  console.log(`  ${big.notes[0] ?? ""}`);
  console.log(`  waiting for the answers (emulator computing + transfer), parsing excluded: ${ms(t.fetchMs)}`);
  console.log(`  parsing the answers as they stream in, with their checks and units: ${ms(t.parseMs)}`);
  console.log(
    `  raw series → stored statistics: ${ms(t.statisticsMs + t.storeMs)} (statistics ${ms(t.statisticsMs)}, storing ${ms(t.storeMs)}, of which the swap transaction ${ms(t.swapMs)})`,
  );
  console.log(`  whole sync, wall clock: ${ms(big.wallMs)}`);

  let started = performance.now();
  const settings = await getRightsizingSettings(db);
  const usages = await listContainerUsages(db);
  const readMs = performance.now() - started;
  started = performance.now();
  const rows = toRightsizingRows(usages, settings);
  const recommendMs = performance.now() - started;
  started = performance.now();
  const summary = summarizeRecommendations(rows);
  const summaryMs = performance.now() - started;
  console.log(
    `Recommendations for ${count(rows.length)} containers: ${ms(recommendMs)} (toRightsizingRows); reading them ${ms(readMs)}; team totals ${ms(summaryMs)}`,
  );
  console.log(
    `  ${summary.teams.length} teams, net ${(summary.total.savings.netCents / 100).toLocaleString("en-US", { style: "currency", currency: "USD" })} a month`,
  );
  // The first rightsizing read after the sync: in this process, which ran it (the sync computed the rows after its
  // swap and keeps them in memory), and in one that did not (a copy of the client: nothing cached for it; it reads
  // the containers and computes every row, as a page of another replica or a CLI command does).
  started = performance.now();
  await getRightsizingContext(db);
  const firstHereMs = performance.now() - started;
  started = performance.now();
  await getRightsizingContext({ ...db });
  const firstReadMs = performance.now() - started;
  const embedded = await timeEmbeddedFirstRead(usages, settings);
  console.log(
    `First rightsizing read after the sync: ${firstHereMs.toFixed(1)} ms in the process that ran it (rows computed after the swap: ${ms(t.rightsizingRowsMs)}); ${ms(firstReadMs)} in another process (reads and computes them; embedded database: ${ms(embedded)})`,
  );
  const [disk] = await db.sql.query<{ bytes: string }>("SELECT pg_database_size(current_database())::text AS bytes");
  return {
    size,
    requests: t.requests,
    containers: t.containers,
    hourlyRows: t.hourlyRows,
    syncMs: big.wallMs,
    storedMs: t.statisticsMs + t.storeMs,
    recommendMs,
    readMs,
    firstReadMs,
    dbMiB: Math.round(Number(disk?.bytes ?? 0) / 2 ** 20),
    peakMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

/** The same first read on the embedded database (PGlite) in a process that did not run the sync: the containers copied in. */
async function timeEmbeddedFirstRead(usages: ContainerUsage[], settings: RightsizingSettings): Promise<number> {
  const db = await testDatabases()[0]!.create();
  try {
    await insertContainers(db.sql, usages);
    await saveRightsizingSettings(db, settings);
    const started = performance.now();
    await getRightsizingContext(db);
    return performance.now() - started;
  } finally {
    await db.drop();
  }
}

function printGrowth(growth: Growth[]) {
  console.log("\nGrowth (the database holds one snapshot: the last size's):");
  console.log(
    `${"size".padStart(4)} ${"requests".padStart(8)} ${"containers".padStart(10)} ${"hourly rows".padStart(12)} ${"sync".padStart(8)} ${"→ stored".padStart(8)} ${"read".padStart(8)} ${"recommend".padStart(9)} ${"1st read".padStart(8)} ${"DB MiB".padStart(7)} ${"peak RSS".padStart(8)}`,
  );
  for (const g of growth)
    console.log(
      `${String(g.size).padStart(4)} ${String(g.requests).padStart(8)} ${count(g.containers).padStart(10)} ${count(g.hourlyRows).padStart(12)} ${ms(g.syncMs).padStart(8)} ${ms(g.storedMs).padStart(8)} ${ms(g.readMs).padStart(8)} ${ms(g.recommendMs).padStart(9)} ${ms(g.firstReadMs).padStart(8)} ${String(g.dbMiB).padStart(7)} ${`${g.peakMiB} MiB`.padStart(8)}`,
    );
}

async function main() {
  const server = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const db = await createPostgresTestDb(server);
  let peakSampledRss = 0;
  const sampler = setInterval(() => {
    const rss = process.memoryUsage().rss;
    if (rss > peakSampledRss) [peakSampledRss, peakPhase] = [rss, phase];
  }, 50);
  try {
    console.log(`Throwaway database: ${db.label}`);
    const small = await syncOnce(db, 1);
    console.log(`Size 1: ${small.timings.requests} Datadog requests, ${count(small.timings.containers)} containers`);

    const growth: Growth[] = [];
    for (const size of sizes) growth.push(await benchSize(db, size));
    if (growth.length > 1) printGrowth(growth);
    const maxRss = process.resourceUsage().maxRSS * 1024;
    console.log(
      `Peak RSS of the sync process: ${(Math.max(maxRss, peakSampledRss) / 1024 / 1024).toFixed(0)} MiB (the emulator runs in a child process); sampled peak ${(peakSampledRss / 1024 / 1024).toFixed(0)} MiB while "${peakPhase}"`,
    );
  } finally {
    clearInterval(sampler);
    await db.drop();
  }
}

if (values["emulator-child"]) {
  const emulator = await startDatadogEmulator({ now: NOW, size });
  process.stdout.write(`${emulator.url}\n`);
  process.on("SIGTERM", () => void emulator.close().then(() => process.exit(0)));
} else {
  await main();
}
