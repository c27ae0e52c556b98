import "server-only";
import { getConfig } from "@/lib/config";
import { openDatabase } from "./open";
import { getProcessDb, setProcessDb } from "./process-db";
import type { Db } from "./types";

/**
 * The web app's one database client. `scripts/start.ts` opens it before Next handles a request and
 * hands it over (lib/db/process-db.ts); under `next dev` the first request opens it.
 */
export function getDb(): Promise<Db> {
  let db = getProcessDb();
  if (!db) {
    db = openDatabase({ config: getConfig(), command: "next", serve: true, log: (l) => console.log(l) }).catch(
      (err: unknown) => {
        setProcessDb(undefined); // let the next request try again (e.g. the database came back)
        throw err;
      },
    );
    setProcessDb(db);
  }
  return db;
}
