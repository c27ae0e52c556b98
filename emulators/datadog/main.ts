// Starts the Datadog metrics emulator with the demo company's clusters.
// Usage: tsx emulators/datadog/main.ts [--port 4600] [--now 2026-11-26] [--size 1] [--history-days 30]
//        [--host 127.0.0.1] [--api-key KEY] [--app-key KEY] [--rate-limit 1600/3600]
import { parseArgs } from "node:util";
import { z } from "zod";
import { DEFAULT_API_KEY, DEFAULT_APP_KEY, startDatadogEmulator } from "./server";

const argsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(4600),
  host: z.string().default("127.0.0.1"),
  now: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(T.*)?$/, "use YYYY-MM-DD or an ISO timestamp")
    .optional(),
  size: z.coerce.number().int().min(1).default(1),
  "history-days": z.coerce.number().positive().default(30),
  "api-key": z.string().min(1).default(DEFAULT_API_KEY),
  "app-key": z.string().min(1).default(DEFAULT_APP_KEY),
  "rate-limit": z
    .string()
    .regex(/^\d+\/\d+$/, "use LIMIT/PERIOD_SECONDS, e.g. 1600/3600")
    .default("1600/3600"),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: Object.fromEntries(Object.keys(argsSchema.shape).map((name) => [name, { type: "string" as const }])),
    strict: true,
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    console.error(
      `Invalid arguments: ${z.prettifyError(parsed.error)}\nUsage: tsx emulators/datadog/main.ts --port 4600 --now 2026-11-26 [--size 1]`,
    );
    process.exit(2);
  }
  const args = parsed.data;
  // The CLI is the one place that may read the real clock: default to the start of today (UTC).
  const now = args.now
    ? new Date(args.now.length === 10 ? `${args.now}T00:00:00Z` : args.now)
    : new Date(new Date().toISOString().slice(0, 10) + "T00:00:00Z");
  if (Number.isNaN(now.getTime())) {
    console.error(`Invalid --now "${args.now}": use YYYY-MM-DD.`);
    process.exit(2);
  }
  const [limit, periodSeconds] = args["rate-limit"].split("/").map(Number) as [number, number];
  const emu = await startDatadogEmulator({
    port: args.port,
    host: args.host,
    now,
    size: args.size,
    historyDays: args["history-days"],
    apiKey: args["api-key"],
    appKey: args["app-key"],
    rateLimit: { limit, periodSeconds },
  });
  const demo = emu.demo!;
  console.log(
    `Datadog emulator on ${emu.url} — demo company size ${args.size}: ${demo.workloads.length} workloads, ${demo.pods.length} pods, samples ${new Date(demo.historyStartSec * 1000).toISOString()} → ${now.toISOString()}`,
  );
  console.log(
    `Keys: DD-API-KEY=${args["api-key"]} DD-APPLICATION-KEY=${args["app-key"]}; rate limit ${limit} requests / ${periodSeconds} s per endpoint`,
  );
  const stop = () => void emu.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`Datadog emulator failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
