// One line per event, for people (text) or log pipelines (LOG_FORMAT=json: one JSON object per line with
// timestamp, level, event, message and the sync run's id when there is one). Every line passes through the
// redaction of the configured secrets first, so a secret inside an error message is never written.
import { getConfig } from "@/lib/config";

export type LogLevel = "info" | "warn" | "error";
export type LogFields = { event: string; level?: LogLevel; runId?: number };
export type Log = (message: string, fields: LogFields) => void;

const REDACTED = "[redacted]";

/** Replaces each secret (longest first, so one inside another goes whole) wherever it appears. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) if (s) out = out.split(s).join(REDACTED);
  return out;
}

export function createLog(opts: {
  format: "text" | "json";
  secrets: readonly string[];
  write: (line: string) => void;
  clock?: () => Date;
}): Log {
  const clock = opts.clock ?? (() => new Date());
  return (message, { event, level = "info", runId }) => {
    const text = redact(message, opts.secrets);
    if (opts.format === "text") {
      opts.write(`${text}\n`);
      return;
    }
    const line: Record<string, unknown> = { timestamp: clock().toISOString(), level, event, message: text };
    if (runId !== undefined) line.runId = runId;
    opts.write(`${JSON.stringify(line)}\n`);
  };
}

let processLog: Log | undefined;

/** This process's log, on stdout, as the config says (route handlers; the commands get theirs from runCli). */
export function getLog(): Log {
  const config = getConfig();
  processLog ??= createLog({
    format: config.logFormat,
    secrets: config.secrets,
    write: (line) => process.stdout.write(line),
  });
  return processLog;
}
