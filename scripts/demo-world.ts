// The demo company's world: local emulators of AWS Cost Explorer and Datadog on free ports, and the
// environment that points the real SDK clients at them. Used by `npm run demo` and the e2e server.
import { startCostExplorerEmulator } from "@/emulators/cost-explorer/server";
import { startPricingEmulator } from "@/emulators/pricing/server";
import { DEFAULT_API_KEY, DEFAULT_APP_KEY, startDatadogEmulator } from "@/emulators/datadog/server";
import type { DemoClusters } from "@/emulators/demo/clusters";
import type { Db } from "@/lib/db/types";
import { seedDemoInitiatives } from "./demo-initiatives";
import { seedDemoRightsizingSettings } from "./demo-rightsizing-settings";
import { seedDemoTagSettings } from "./demo-settings";

/** A container the demo company rightsized before the usage window, with its requests before (CPU m, bytes). */
export type RightsizedContainer = {
  cluster: string;
  namespace: string;
  workloadKind: string;
  workload: string;
  container: string;
  team: string;
  before: { cpu: number; memory: number };
  at: Date;
};

export type DemoWorld = {
  /** Environment variables that point Costwise at the emulators (set them before parsing the config). */
  env: Record<string, string>;
  /** The containers rightsized before the window: the demo's applied decisions are made of them. */
  rightsized: RightsizedContainer[];
  /** The Datadog emulator's base URL and its test controls (the e2e journeys change requests through it). */
  datadogUrl: string;
  close(): Promise<void>;
};

export async function startDemoWorld(opts: {
  now: Date;
  db: Db;
  log: (line: string) => void;
  size?: number;
}): Promise<DemoWorld> {
  // The demo company's own settings and initiatives, once; a person's later edits win.
  if (await seedDemoTagSettings(opts.db)) opts.log("Seeded the demo company's allowed tag values.");
  if (await seedDemoRightsizingSettings(opts.db)) opts.log("Seeded the demo company's team and environment mappings.");
  const initiatives = await seedDemoInitiatives(opts.db, opts.now);
  if (initiatives) opts.log(`Seeded ${initiatives} demo savings initiatives.`);
  return startDemoEmulators({ now: opts.now, size: opts.size, log: opts.log });
}

/** The emulators alone, on a database that need not exist yet (the image test lets the app migrate it). */
export async function startDemoEmulators(opts: {
  now: Date;
  size?: number;
  log: (line: string) => void;
}): Promise<DemoWorld> {
  const costExplorer = await startCostExplorerEmulator({ now: opts.now, size: opts.size });
  opts.log(`AWS Cost Explorer emulator: ${costExplorer.url} (the demo company's spend)`);
  const pricing = await startPricingEmulator();
  opts.log(`AWS Price List emulator: ${pricing.url} (a few node prices)`);
  const awsEnv = {
    AWS_ENDPOINT_URL_COST_EXPLORER: costExplorer.url,
    AWS_ENDPOINT_URL_PRICING: pricing.url,
    AWS_ACCESS_KEY_ID: "demo",
    AWS_SECRET_ACCESS_KEY: "demo",
    AWS_REGION: "us-east-1",
    COSTWISE_AWS: "true",
    // The SDK warns on Node 20 about its releases after January 2027; the version is pinned, so here it is noise.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  const datadog = await startDatadogEmulator({ now: opts.now, size: opts.size }).catch(async (err: Error) => {
    await Promise.all([costExplorer.close(), pricing.close()]);
    throw new Error(`The Datadog emulator did not start: ${err.message}`, { cause: err });
  });
  opts.log(`Datadog emulator: ${datadog.url} (the demo company's clusters)`);
  const datadogEnv = { DD_HOST: datadog.url, DD_API_KEY: DEFAULT_API_KEY, DD_APP_KEY: DEFAULT_APP_KEY };
  return {
    env: { ...awsEnv, ...datadogEnv },
    rightsized: datadog.demo ? listRightsized(datadog.demo) : [],
    datadogUrl: datadog.url,
    async close() {
      await Promise.all([costExplorer.close(), pricing.close(), datadog.close()]);
    },
  };
}

function listRightsized(demo: DemoClusters): RightsizedContainer[] {
  return demo.workloads
    .filter((w) => w.scenarios.includes("rightsized-before-window"))
    .flatMap((w) =>
      w.containers.flatMap((c) => {
        const before = c.requestsBeforeRightsizing;
        if (!before || before.cpuCores === null || before.memoryBytes === null) return [];
        return [
          {
            cluster: w.cluster,
            namespace: w.namespace,
            workloadKind: w.kind,
            workload: w.name,
            container: c.name,
            team: w.team,
            before: { cpu: before.cpuCores * 1000, memory: before.memoryBytes },
            at: new Date(demo.rightsizedAtSec * 1000),
          },
        ];
      }),
    );
}
