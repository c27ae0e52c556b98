// A sync that stops inside its swap, for the kill -9 test of the embedded database (lib/aws/source-kill-embedded.test.ts):
// `npm run sync`'s work (the configured Cost Explorer source, runSync) on the embedded database in COSTWISE_DATA_DIR,
// except that once the swap's transaction has deleted the stored days it prints "in swap" and waits to be killed.
// Usage: node --import tsx testing/swap-kill-child.ts FROM TO
import { parseConfig } from "@/lib/config";
import { openDatabase } from "@/lib/db/open";
import type { Row, Sql } from "@/lib/db/types";
import { listConfiguredSources } from "@/lib/jobs/sources";
import { runSync } from "@/lib/sync/run-sync";

const [from, to] = process.argv.slice(2);
const config = parseConfig(process.env);
const db = await openDatabase({ config, command: "swap-kill-child" });
const transaction = db.transaction.bind(db);
db.transaction = (fn) =>
  transaction((tx) => {
    const paused: Sql = {
      exec: (text) => tx.exec(text),
      async query<T extends Row = Row>(text: string, params?: readonly unknown[]) {
        const rows = await tx.query<T>(text, params);
        if (/^DELETE FROM cost_daily WHERE day/.test(text)) {
          process.stdout.write("in swap\n");
          setInterval(() => {}, 60_000); // keep the process (and the open transaction) alive until killed
          await new Promise(() => {});
        }
        return rows;
      },
    };
    return fn(paused);
  });
await runSync({
  db,
  now: new Date(process.env.COSTWISE_NOW ?? Date.now()),
  range: { from: from!, to: to! },
  sources: await listConfiguredSources(config, "aws"),
  trigger: "cli",
});
process.stdout.write("finished without pausing\n");
await db.close();
