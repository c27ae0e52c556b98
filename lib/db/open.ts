import type { Config } from "@/lib/config";
import { openEmbedded } from "./embedded";
import { applyMigrations } from "./migrate";
import { openPostgres } from "./postgres";
import type { Db } from "./types";

export type OpenDatabaseOptions = {
  config: Pick<Config, "database">;
  /** Who opens it, e.g. "npm run demo" (named in the embedded lock file). */
  command: string;
  /** Owner of an embedded database: also serve it to other Costwise commands on 127.0.0.1. */
  serve?: boolean;
  /** A reader: reach an embedded database another process owns through that process. */
  shareIfLocked?: boolean;
  log?: (line: string) => void;
};

/** Opens the configured database, brings its schema up to date and says which one it opened. */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Db> {
  const { database } = opts.config;
  const db =
    database.kind === "postgres"
      ? await openPostgres(database.url)
      : await openEmbedded({
          dir: database.dir,
          command: opts.command,
          serve: opts.serve,
          shareIfLocked: opts.shareIfLocked,
        });
  try {
    const applied = await db.withSession((s) => applyMigrations(s));
    opts.log?.(
      `Database: ${db.label}${applied.length ? ` (applied ${applied.length} migration${applied.length > 1 ? "s" : ""})` : ""}`,
    );
    return db;
  } catch (err) {
    await db.close();
    throw err;
  }
}
