// Runs the Cost Explorer emulator until SIGINT/SIGTERM.
// Usage: tsx emulators/cost-explorer/main.ts [--port 4599] [--host 127.0.0.1] [--now 2026-11-26] [--size 1]
//        [--seed N] [--history-start YYYY-MM-DD] [--page-size 1000]
import { parseArgs } from "node:util";
import { z } from "zod";
import { startCostExplorerEmulator } from "./server";

const flagsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(4599),
  host: z.string().default("127.0.0.1"),
  now: z.iso.date().or(z.iso.datetime()).optional(),
  size: z.coerce.number().int().min(1).default(1),
  seed: z.coerce.number().int().optional(),
  "history-start": z.iso.date().optional(),
  "page-size": z.coerce.number().int().min(1).default(1000),
});

async function main() {
  const { values } = parseArgs({
    options: Object.fromEntries(Object.keys(flagsSchema.shape).map((name) => [name, { type: "string" as const }])),
  });
  const parsed = flagsSchema.safeParse(values);
  if (!parsed.success) {
    console.error(`Cost Explorer emulator: bad flags.\n${z.prettifyError(parsed.error)}`);
    process.exit(2);
  }
  const flags = parsed.data;
  // The clock is read here, at the edge, only when --now is not given.
  const now = flags.now ? new Date(flags.now.length === 10 ? `${flags.now}T00:00:00Z` : flags.now) : new Date();
  const started = performance.now();
  const emulator = await startCostExplorerEmulator({
    port: flags.port,
    host: flags.host,
    now,
    size: flags.size,
    seed: flags.seed,
    historyStart: flags["history-start"],
    pageSize: flags["page-size"],
  });
  const rows = emulator.spend.dayStart[emulator.spend.dayCount] ?? 0;
  console.log(
    `Cost Explorer emulator listening on ${emulator.url} (now ${now.toISOString().slice(0, 10)}, size ${flags.size}, ` +
      `${rows.toLocaleString("en-US")} rows in ${Math.round(performance.now() - started)} ms). ` +
      `Point the SDK at it with AWS_ENDPOINT_URL_COST_EXPLORER=${emulator.url}`,
  );
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`Cost Explorer emulator failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
