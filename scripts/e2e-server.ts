// The server Playwright tests run against: a throwaway database (Postgres when TEST_DATABASE_URL is set,
// else embedded in a temp dir), the emulators on a fixed clock, a real sync through the real SDKs, then the app.
// Usage: tsx scripts/e2e-server.ts --port 3100   (started by playwright.config.ts; stops on SIGTERM)
//        tsx scripts/e2e-server.ts --port 3101 --oidc   (sign-in on, against a real OpenID provider on loopback)
//        tsx scripts/e2e-server.ts --port 3102 --stale-days 5   (the demo sync recorded as 5 days old: stale data)
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { parseFlags } from "@/lib/cli/flags";
import { parseConfig } from "@/lib/config";
import { createPostgresTestDb, testDatabases } from "@/testing/databases";
import { runSync } from "@/lib/sync/run-sync";
import { listConfiguredSources } from "@/lib/jobs/sources";
import { TEST_CLIENT, startTestOidcProvider } from "@/testing/oidc-provider";
import { seedDemoDecisions } from "./demo-decisions";
import { startDemoWorld } from "./demo-world";
import { e2eWorldFile } from "./e2e-world-file";
import { startServer } from "./serve";

export const E2E_NOW = "2026-11-26T12:00:00Z";

const { flags } = parseFlags(process.argv.slice(2), {
  port: { value: true, description: "port" },
  oidc: { value: false, description: "sign-in with an OpenID provider started on loopback" },
  "stale-days": { value: true, description: "record the demo sync as this many days old (stale-data journeys)" },
});
const port = flags.port ?? "3100";
const log = (l: string) => process.stderr.write(`[e2e-server] ${l}\n`);
if (!existsSync(".next/BUILD_ID"))
  throw new Error("No build: run `npm run build` before the e2e tests (npm test does).");

const db = process.env.TEST_DATABASE_URL
  ? await createPostgresTestDb(process.env.TEST_DATABASE_URL)
  : await testDatabases()[0]!.create();
log(`Database: ${db.label}`);
const world = await startDemoWorld({ now: new Date(E2E_NOW), db, log });
Object.assign(process.env, world.env, { PORT: port, COSTWISE_NOW: E2E_NOW });
const provider = flags.oidc ? await startTestOidcProvider({ appUrl: `http://127.0.0.1:${port}` }) : undefined;
if (provider) {
  log(`OpenID provider: ${provider.issuer}`);
  Object.assign(process.env, {
    COSTWISE_AUTH: "oidc",
    COSTWISE_URL: `http://127.0.0.1:${port}`,
    COSTWISE_SESSION_SECRET: "e2e-session-secret-of-at-least-32-characters",
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: TEST_CLIENT.id,
    OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
    OIDC_SCOPES: "openid email profile groups",
    // The provider's test accounts (testing/oidc-provider.ts) get their roles from their groups.
    COSTWISE_ROLES: [
      "group:costwise-admins = admin",
      "group:finance = finance",
      "group:team-payments = team:payments",
      "group:dept-growth = department:growth",
    ].join("\n"),
  });
}
const config = parseConfig(process.env);
// The journeys start from a synced demo company, through the real SDK clients, as `npm run demo` does.
const synced = await runSync({
  sources: await listConfiguredSources(config),
  db,
  now: new Date(E2E_NOW),
  trigger: "demo",
  log,
});
log(
  `Sync ${synced.status}: ${synced.requests} requests, ${synced.rowsWritten} rows${synced.error ? ` — ${synced.error}` : ""}`,
);
if (flags["stale-days"]) {
  // As if the syncs had stopped that long ago: the data is the same, only its age (the runs' times) changes.
  const days = Number(flags["stale-days"]);
  await db.sql.query(
    "UPDATE sync_run SET started_at = started_at - make_interval(days => $1), finished_at = finished_at - make_interval(days => $1)",
    [days],
  );
  log(`Sync runs recorded as ${days} days old`);
}
const decisions = await seedDemoDecisions(db, new Date(E2E_NOW), world.rightsized);
log(`Seeded ${decisions} demo decisions`);
// The journeys that change what Datadog reports or run a command on the same data (e2e/decisions.spec.ts) find
// the emulator and the database here, by the app's port.
writeFileSync(e2eWorldFile(port), JSON.stringify({ datadogUrl: world.datadogUrl, databaseUrl: db.url ?? null }));
const server = await startServer({ config, db, log });
log(`Ready at ${server.url}`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.close().catch(() => {});
  await world.close().catch(() => {});
  rmSync(e2eWorldFile(port), { force: true });
  await provider?.close().catch(() => {});
  await db.drop().catch((e: Error) => log(`drop failed: ${e.message}`));
  process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
