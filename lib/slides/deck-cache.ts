// The deck's data and its .pptx, kept per process. Reading the deck runs the /spend trend, the tag report, the
// rightsizing overview and every initiative's measurement, and pptxgenjs then takes as long again to write the
// file, while the deck changes only with a sync, a settings save, an initiative edit or a new day. So both are
// kept, keyed by exactly what they are computed from (READ_DECK_SOURCES), read fresh on every request: a sync or
// a save anywhere (another replica, the command line) gives a new key and the next read builds a new deck.
import type { Scope } from "@/lib/access/access";
import type { Db } from "@/lib/db/types";
import { toDay } from "@/lib/dates";
import { getDeck, type DeckWithChoice } from "./get-deck";
import { toPptx } from "./pptx";

/**
 * Everything getDeck reads, as versions, in one statement:
 * - the bill: cost_day's newest run and day count. A Cost Explorer swap writes its days with its own run id in
 *   the transaction that replaces cost_daily, cost_monthly and cost_account, so the key moves when the data does
 *   (not when the run's record is finished, which comes later);
 * - the containers: k8s_container's run and row count, replaced whole by each Datadog swap;
 * - the settings documents the deck reads (tag rules, rightsizing prices, the deck choice): their versions,
 *   bumped by every save;
 * - the initiatives, by content: their updated_at is the injected clock, which a fixed COSTWISE_NOW holds still.
 */
export const DECK_SETTING_KEYS = ["tags", "rightsizing", "deck"] as const;

const READ_DECK_SOURCES = `SELECT
  (SELECT max(run_id) FROM cost_day) AS cost_run, (SELECT count(*)::int FROM cost_day) AS cost_days,
  (SELECT max(run_id) FROM k8s_container) AS k8s_run, (SELECT count(*)::int FROM k8s_container) AS k8s_rows,
  (SELECT coalesce(json_agg(json_build_array(key, version) ORDER BY key), '[]')::text
     FROM setting WHERE key = ANY($1::text[])) AS settings,
  (SELECT md5(coalesce(string_agg(i::text, ',' ORDER BY id), '')) FROM savings_initiative i) AS initiatives`;

type Sources = {
  cost_run: number | null;
  cost_days: number;
  k8s_run: number | null;
  k8s_rows: number;
  settings: string;
  initiatives: string;
};

/**
 * The key of the deck a person sees now: the sources' versions, the day (the deck's as-of day, its default
 * ranges and the open month all follow it) and the person's scope. The deck needs the read grant, which is
 * unscoped today; the scope is in the key so that a scoped deck could never be served to another scope.
 */
export async function readDeckKey(db: Db, scope: Scope, now: Date): Promise<string> {
  const [sources] = await db.sql.query<Sources>(READ_DECK_SOURCES, [DECK_SETTING_KEYS]);
  return JSON.stringify([toDay(now), scope.departments, scope.teams, sources ?? null]);
}

type Entry = { key: string; deck: Promise<DeckWithChoice>; pptx: Promise<Uint8Array> | null };

/** A handful: the current deck per scope, and the one before a sync while pages opened before it still ask. */
export const MAX_DECK_ENTRIES = 4;

// Per database object: tests open several in one process, the app one.
const entriesByDb = new WeakMap<Db, Entry[]>();

function findEntry(db: Db, key: string, build: () => Promise<DeckWithChoice>): Entry {
  let entries = entriesByDb.get(db);
  if (!entries) entriesByDb.set(db, (entries = []));
  const index = entries.findIndex((e) => e.key === key);
  if (index >= 0) {
    const [hit] = entries.splice(index, 1);
    entries.push(hit!); // the most recently used last
    return hit!;
  }
  // The promise is kept, so readers arriving while it is built wait for the one build.
  const entry: Entry = { key, deck: build(), pptx: null };
  entries.push(entry);
  if (entries.length > MAX_DECK_ENTRIES) entries.shift();
  entry.deck.catch(() => forget(db, entry)); // a failed read is not kept: the next request tries again
  return entry;
}

function forget(db: Db, entry: Entry) {
  const entries = entriesByDb.get(db);
  const index = entries?.indexOf(entry) ?? -1;
  if (index >= 0) entries!.splice(index, 1);
}

/** The deck as getDeck reads it, built once per key. Callers share the object: never change it. */
export async function getCachedDeck(db: Db, scope: Scope, now: Date): Promise<DeckWithChoice> {
  const key = await readDeckKey(db, scope, now);
  return findEntry(db, key, () => getDeck(db, now)).deck;
}

/** The deck and its .pptx bytes (deterministic: ./zip-normalize.ts), written once per key. Never change them. */
export async function getCachedDeckFile(
  db: Db,
  scope: Scope,
  now: Date,
): Promise<{ deck: DeckWithChoice; bytes: Uint8Array }> {
  const key = await readDeckKey(db, scope, now);
  const entry = findEntry(db, key, () => getDeck(db, now));
  if (!entry.pptx) {
    const pptx = entry.deck.then((d) => toPptx(d.deck));
    entry.pptx = pptx;
    pptx.catch(() => {
      if (entry.pptx === pptx) entry.pptx = null;
    });
  }
  const [deck, bytes] = await Promise.all([entry.deck, entry.pptx]);
  return { deck, bytes };
}
