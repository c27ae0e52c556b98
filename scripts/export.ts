// Exports a report as CSV/JSON/… to stdout or a file, byte-identical to the web download.
// Usage: npm run -s export -- <report> [--option value …] [--out FILE]
import { once } from "node:events";
import { closeSync, openSync, writeFileSync, writeSync } from "node:fs";
import { CsvBody, toChunks } from "@/lib/csv";
import { runCli } from "@/lib/cli/run-cli";
import { parseFlags } from "@/lib/cli/flags";
import { badInput } from "@/lib/errors";
import { CLI_ACCESS } from "@/lib/access/access";
import { EXPORTS, checkExportOptions, getExport, runExport } from "@/lib/exports/registry";

function usage(): string {
  const lines = EXPORTS.map(
    (e) =>
      `  ${e.name.padEnd(12)} ${e.summary}\n${Object.entries(e.options)
        .map(([k, v]) => `      --${k} ${v}`)
        .join("\n")}`,
  );
  return `Usage: npm run -s export -- <report> [options] [--out FILE]\n\nReports:\n${lines.join("\n")}\n`;
}

await runCli("export", async (argv, { openDb, now, stdout }) => {
  const [name, ...rest] = argv;
  if (!name || name === "--help") {
    if (!name) throw badInput(`Name a report.\n${usage()}`);
    stdout.write(usage());
    return 0;
  }
  const def = getExport(name);
  const spec = Object.fromEntries(
    [...Object.keys(def.options), "out"].map((k) => [k, { value: true, description: "" }]),
  );
  const { flags } = parseFlags(rest, spec);
  const { out, ...options } = flags;
  checkExportOptions(def, options);
  if (def.requiresOut && !out) throw badInput(`${name} writes a binary file: give --out FILE.`);
  const db = await openDb({ shareIfLocked: true });
  // The command line is an operator tool: it holds the database credentials, so it has full access.
  const result = await runExport(def, options, { db, now, access: CLI_ACCESS });
  if (result.body instanceof CsvBody) {
    // Written chunk by chunk as the rows are made: a large file is never held whole.
    const fd = out ? openSync(out, "w") : undefined;
    try {
      for (const chunk of toChunks(result.body.lines())) {
        if (fd !== undefined) writeSync(fd, chunk);
        // A pipe to a slow reader: wait for it rather than queue the whole file in memory.
        else if (!stdout.write(chunk)) await once(stdout, "drain");
      }
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  } else if (out) writeFileSync(out, result.body);
  else stdout.write(result.body);
});
