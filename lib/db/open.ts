import type { Config } from "@/lib/config";
import { openEmbedded } from "./embedded";
import { applyMigrations, listPendingMigrations } from "./migrate";
import { openPostgres } from "./postgres";
import type { Db } from "./types";

export type OpenDatabaseOptions = {
  config: Pick<Config, "database">;
  /** Who opens it, e.g. "npm run demo" (named in the embedded lock file). */
  command: string;
  /** Owner of an embedded database: also serve it, read-only, to other Costwise commands (a unix socket). */
  serve?: boolean;
  /** A reader: reach an embedded database another process owns through that process, read-only. */
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
    if (db.kind === "embedded-shared") {
      // A reader cannot migrate what another process owns: it needs the schema the owner already has.
      const pending = await listPendingMigrations(db.sql);
      if (pending.length > 0) {
        throw new Error(
          `The ${db.label} has an older schema than this version (missing ${pending.join(", ")}). ` +
            `Stop that process and run this command again: it will update the schema.`,
        );
      }
      opts.log?.(`Database: ${db.label}`);
      return db;
    }
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
