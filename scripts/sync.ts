// Syncs AWS Cost Explorer and Datadog into the database.
// Usage: npm run -s sync -- [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--only aws|datadog|commitments|pricing]
import { formatFlagHelp, parseFlags, type FlagSpec } from "@/lib/cli/flags";
import { runCli } from "@/lib/cli/run-cli";
import { parseDayRange } from "@/lib/dates";
import { badInput } from "@/lib/errors";
import { formatProgress } from "@/lib/sync/format-progress";
import { runSync } from "@/lib/sync/run-sync";
import { listConfiguredSources, listSourceStatuses } from "@/lib/jobs/sources";

const spec: FlagSpec = {
  from: { value: true, description: "first day to fetch (UTC, YYYY-MM-DD); default: each source's incremental plan" },
  to: { value: true, description: "day after the last one to fetch (exclusive)" },
  only: { value: true, description: "aws, datadog, commitments or pricing" },
  help: { value: false, description: "show this help" },
};

await runCli("sync", async (argv, { config, now, signal, openDb, stdout, stderr, log }) => {
  const { flags } = parseFlags(argv, spec);
  if (flags.help) {
    stdout.write(`Usage: npm run -s sync -- [options]\n\n${formatFlagHelp(spec)}\n`);
    return 0;
  }
  if ((flags.from === undefined) !== (flags.to === undefined)) throw badInput("Give both --from and --to, or neither.");
  const range =
    flags.from && flags.to ? parseDayRange(flags.from, flags.to, { from: "--from", to: "--to" }) : undefined;
  if (flags.only && !["aws", "datadog", "commitments", "pricing"].includes(flags.only))
    throw badInput(`--only must be aws, datadog, commitments or pricing (got "${flags.only}").`);
  const sources = await listConfiguredSources(config, flags.only);
  if (sources.length === 0) {
    const why = listSourceStatuses(config)
      .filter((s) => !flags.only || s.name === flags.only)
      .map((s) => `  ${s.label}: ${s.reason}`);
    throw badInput(`No data source is configured${flags.only ? ` for --only ${flags.only}` : ""}:\n${why.join("\n")}`);
  }
  // While the server owns the embedded database, this opens it read-only through the server, and runSync refuses
  // with what to do instead ("Sync now", or stop the server) rather than a bare "in use".
  const db = await openDb({ shareIfLocked: true });
  // A progress bar for a person at a terminal; log lines (text or JSON) for anything else.
  const tty = stderr.isTTY && config.logFormat === "text";
  let lastLine = "";
  let runId: number | undefined;
  const result = await runSync({
    sources,
    db,
    now,
    range,
    signal,
    deadlineMs: config.sync.deadlineMs,
    trigger: "cli",
    onStart: (id) => (runId = id),
    log: (l) => {
      if (tty) stderr.write("\r\x1b[K");
      log(l, { event: "sync", runId });
    },
    onProgress: (p) => {
      const line = formatProgress(p);
      if (tty) stderr.write(`\r\x1b[K${line.slice(0, (stderr.columns || 120) - 1)}`);
      else if (line.replace(/\(.*\)$/, "") !== lastLine.replace(/\(.*\)$/, ""))
        log(line, { event: "sync.progress", runId: p.runId });
      lastLine = line;
    },
  });
  if (tty) stderr.write("\n");
  for (const [name, r] of Object.entries(result.sources)) {
    log(
      `${name}: ${r.status}, ${r.requests} requests ($${r.requestCostUsd}), ${r.rowsWritten} rows${r.range ? `, ${r.range.from}..${r.range.to} (exclusive)` : ""}${r.error ? ` — ${r.error}` : ""}`,
      { event: "sync.source", level: r.status === "succeeded" ? "info" : "error", runId: result.runId },
    );
  }
  log(`Sync run #${result.runId} ${result.status}.`, {
    event: "sync.finished",
    level: result.status === "succeeded" ? "info" : "error",
    runId: result.runId,
  });
  return result.status === "succeeded" ? 0 : 1;
});
