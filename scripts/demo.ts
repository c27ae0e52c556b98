// One-command demo: builds once, starts the AWS and Datadog emulators, syncs the demo company through the
// real SDK clients into an embedded database kept apart in .data/demo, and serves the app.
// Usage: npm run demo [-- --reset]   (PORT honoured; Ctrl-C stops everything it started)
import { rmSync } from "node:fs";
import path from "node:path";
import { parseFlags } from "@/lib/cli/flags";
import { runCli } from "@/lib/cli/run-cli";
import { parseConfig } from "@/lib/config";
import { openDatabase } from "@/lib/db/open";
import { formatProgress } from "@/lib/sync/format-progress";
import { runSync } from "@/lib/sync/run-sync";
import { getLastSuccessfulSync } from "@/lib/sync/runs";
import { listConfiguredSources } from "@/lib/jobs/sources";
import { startSyncInBackground } from "@/lib/jobs/start-sync";
import { ensureBuild } from "./ensure-build";
import { seedDemoDecisions } from "./demo-decisions";
import { startDemoWorld } from "./demo-world";
import { startServer } from "./serve";

const DEMO_DIR = ".data/demo";

await runCli("demo", async (argv, { now, signal, stderr }) => {
  const { flags } = parseFlags(argv, { reset: { value: false, description: "delete the demo data and start over" } });
  const log = (l: string) => stderr.write(`${l}\n`);
  if (flags.reset) {
    rmSync(path.resolve(DEMO_DIR), { recursive: true, force: true });
    log(`Removed ${DEMO_DIR}.`);
  }
  await ensureBuild(log);
  // The demo never touches a user's own database: always the embedded one in .data/demo.
  delete process.env.DATABASE_URL;
  process.env.COSTWISE_DATA_DIR = DEMO_DIR;
  // Zero configuration: this machine only, no sign-in (the header says so), whatever .env says for production.
  Object.assign(process.env, { COSTWISE_HOST: "127.0.0.1", COSTWISE_AUTH: "none" });
  const db = await openDatabase({ config: parseConfig(process.env), command: "npm run demo", serve: true, log });
  try {
    const world = await startDemoWorld({ now, db, log });
    try {
      Object.assign(process.env, world.env);
      const config = parseConfig(process.env);
      const sources = await listConfiguredSources(config);
      const hasData = (await getLastSuccessfulSync(db)) !== null;
      if (sources.length && !hasData) {
        log("First run: syncing the demo company through the real AWS and Datadog clients…");
        const result = await runSync({
          sources,
          db,
          now,
          signal,
          trigger: "demo",
          log,
          onProgress: (p) =>
            stderr.isTTY && stderr.write(`\r\x1b[K${formatProgress(p).slice(0, (stderr.columns || 120) - 1)}`),
        });
        if (stderr.isTTY) stderr.write("\n");
        log(`Sync ${result.status}: ${result.requests} requests, ${result.rowsWritten.toLocaleString("en-US")} rows.`);
        const decisions = await seedDemoDecisions(db, now, world.rightsized);
        if (decisions) log(`Seeded ${decisions} decisions of team payments on its rightsizing rows.`);
        if (signal.aborted) return 130;
      }
      const server = await startServer({ config, db, log });
      if (sources.length && hasData) {
        // Keep the demo live without making the user wait: refresh recent days in the background.
        void startSyncInBackground({ db, config, now, trigger: "demo", log }).catch((e: Error) =>
          log(`Background sync: ${e.message}`),
        );
      }
      log(`\nCostwise demo is running at ${server.url}  (Ctrl-C to stop; \`npm run demo -- --reset\` starts over)`);
      await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
      await server.close();
    } finally {
      await world.close();
    }
  } finally {
    await db.close();
  }
});
