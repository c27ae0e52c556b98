import nextEnv from "@next/env";
import { ConfigError, getConfig, getNow, type Config } from "@/lib/config";
import { openDatabase } from "@/lib/db/open";
import type { Db } from "@/lib/db/types";
import { EmbeddedLockedError } from "@/lib/db/embedded";
import { toAppError } from "@/lib/errors";
import { createLog, redact, type Log } from "@/lib/log";

export type CliContext = {
  config: Config;
  now: Date;
  /** Aborted on Ctrl-C / SIGTERM: long work stops, records what it did and closes the database. */
  signal: AbortSignal;
  /** Opens the configured database (migrated), closed for you when the command ends. */
  openDb(opts?: { shareIfLocked?: boolean; serve?: boolean }): Promise<Db>;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** Events on stderr, as LOG_FORMAT says (text or JSON lines), secrets redacted. */
  log: Log;
};

/**
 * The shell of every command: loads .env files the way Next.js does, validates the configuration,
 * turns errors into one line on stderr and the exit-code contract (0 ok, 1 failure, 2 bad input),
 * and closes the database on the way out, also on Ctrl-C.
 */
export async function runCli(command: string, main: (argv: string[], ctx: CliContext) => Promise<number | void>) {
  const stderr = process.stderr;
  const controller = new AbortController();
  const dbs: Db[] = [];
  // Until the config is read, plain lines; then as the config says.
  let log: Log = (message) => stderr.write(`${message}\n`);
  let secrets: readonly string[] = [];
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    signals++;
    if (signals > 1) process.exit(130);
    log(`${command}: ${sig} received, stopping…`, { event: "shutdown", level: "warn" });
    controller.abort(new Error(`${sig} received`));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  let code = 0;
  try {
    nextEnv.loadEnvConfig(process.cwd(), false, {
      info: () => {},
      error: (...a: unknown[]) => stderr.write(`${a.join(" ")}\n`),
    });
    const config = getConfig();
    secrets = config.secrets;
    log = createLog({ format: config.logFormat, secrets, write: (line) => stderr.write(line) });
    const ctx: CliContext = {
      config,
      now: getNow(),
      signal: controller.signal,
      stdout: process.stdout,
      stderr,
      log,
      async openDb(opts = {}) {
        const db = await openDatabase({ config, command, log: (l) => log(l, { event: "database" }), ...opts });
        dbs.push(db);
        return db;
      },
    };
    code = (await main(process.argv.slice(2), ctx)) ?? 0;
  } catch (err) {
    const failed = (message: string) => log(redact(message, secrets), { event: `${command}.failed`, level: "error" });
    if (err instanceof ConfigError) {
      failed(`${command}: ${err.message}\nFix these variables in the environment or .env (see .env.example).`);
      code = 1;
    } else if (err instanceof EmbeddedLockedError) {
      failed(`${command}: ${err.message}`);
      code = 1;
    } else {
      const e = toAppError(err);
      failed(`${command}: ${e.message}`);
      if (process.env.COSTWISE_DEBUG && err instanceof Error) stderr.write(`${redact(err.stack ?? "", secrets)}\n`);
      code = e.exitCode;
    }
  } finally {
    for (const db of dbs) await db.close().catch(() => {});
  }
  process.exitCode = code;
}
