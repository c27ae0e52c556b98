import nextEnv from "@next/env";
import { ConfigError, getConfig, getNow, type Config } from "@/lib/config";
import { openDatabase } from "@/lib/db/open";
import type { Db } from "@/lib/db/types";
import { EmbeddedLockedError } from "@/lib/db/embedded";
import { toAppError } from "@/lib/errors";

export type CliContext = {
  config: Config;
  now: Date;
  /** Aborted on Ctrl-C / SIGTERM: long work stops, records what it did and closes the database. */
  signal: AbortSignal;
  /** Opens the configured database (migrated), closed for you when the command ends. */
  openDb(opts?: { shareIfLocked?: boolean; serve?: boolean }): Promise<Db>;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
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
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    signals++;
    if (signals > 1) process.exit(130);
    stderr.write(`\n${command}: ${sig} received, stopping…\n`);
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
    const ctx: CliContext = {
      config,
      now: getNow(),
      signal: controller.signal,
      stdout: process.stdout,
      stderr,
      async openDb(opts = {}) {
        const db = await openDatabase({ config, command, log: (l) => stderr.write(`${l}\n`), ...opts });
        dbs.push(db);
        return db;
      },
    };
    code = (await main(process.argv.slice(2), ctx)) ?? 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      stderr.write(`${command}: ${err.message}\nFix these variables in the environment or .env (see .env.example).\n`);
      code = 1;
    } else if (err instanceof EmbeddedLockedError) {
      stderr.write(`${command}: ${err.message}\n`);
      code = 1;
    } else {
      const e = toAppError(err);
      stderr.write(`${command}: ${e.message}\n`);
      if (process.env.COSTWISE_DEBUG && err instanceof Error) stderr.write(`${err.stack}\n`);
      code = e.exitCode;
    }
  } finally {
    for (const db of dbs) await db.close().catch(() => {});
  }
  process.exitCode = code;
}
