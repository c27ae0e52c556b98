import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FULL_SCOPE } from "@/lib/access/access";
import { addDays, toDay } from "@/lib/dates";
import { parseInitiativeInput } from "@/lib/savings/initiative";
import { createInitiative, updateInitiative } from "@/lib/savings/initiatives-store";
import { getTagSettings, saveRightsizingSettings, saveTagSettings } from "@/lib/settings/store";
import type { Sql } from "@/lib/db/types";
import { runSync } from "@/lib/sync/run-sync";
import type { SyncSource } from "@/lib/sync/types";
import { testDatabases, type TestDb } from "@/testing/databases";
import { insertContainers } from "@/testing/rightsizing-seed";
import { TEST_PRICING_SETTINGS, TEST_TEAMS } from "@/testing/rightsizing-teams";
import { LEDGER_NOW, seedLedgerSpend } from "@/testing/savings-seed";
import { getCachedDeck, getCachedDeckFile, MAX_DECK_ENTRIES } from "./deck-cache";
import { saveDeckChoice } from "./deck-choice";
import { getDeck } from "./get-deck";
import { toPptx } from "./pptx";

const input = (raw: Record<string, unknown>) => {
  const parsed = parseInitiativeInput(raw, LEDGER_NOW);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
};

const LOAD_TEST = {
  name: "Load test shut down",
  changeDate: "2026-06-01",
  scope: { filters: { project: "load-test" } },
};

/** A sync source that writes the way a vendor's swap does: one transaction, rows stamped with the run's id. */
function fakeSource(name: string, swap: (tx: Sql, runId: number) => Promise<void>): SyncSource {
  return {
    name,
    label: name,
    requestCostCents: 0,
    async run({ db, runId }) {
      await db.transaction((tx) => swap(tx, runId));
      return { range: null };
    },
  };
}

const slide = (deck: { deck: { slides: { id: string }[] } }, id: string) => deck.deck.slides.find((s) => s.id === id);

describe.each(testDatabases())("the deck cache on $name", ({ create }) => {
  let db: TestDb;
  let loadTestId = 0;
  beforeAll(async () => {
    db = await create();
    await seedLedgerSpend(db);
    await saveRightsizingSettings(db, TEST_PRICING_SETTINGS);
    await insertContainers(db.sql, TEST_TEAMS);
    loadTestId = (await createInitiative(db, input(LOAD_TEST), LEDGER_NOW)).id;
  });
  afterAll(() => db.drop());

  it("builds the deck and its .pptx once while nothing changes, the same bytes as a fresh build", async () => {
    const [first, concurrent] = await Promise.all([
      getCachedDeck(db, FULL_SCOPE, LEDGER_NOW),
      getCachedDeck(db, FULL_SCOPE, LEDGER_NOW),
    ]);
    expect(concurrent).toBe(first);
    expect(await getCachedDeck(db, FULL_SCOPE, LEDGER_NOW)).toBe(first);
    const file = await getCachedDeckFile(db, FULL_SCOPE, LEDGER_NOW);
    expect(file.deck).toBe(first); // the page and the export share one read
    expect((await getCachedDeckFile(db, FULL_SCOPE, LEDGER_NOW)).bytes).toBe(file.bytes);
    // Later in the day, the same deck.
    expect(await getCachedDeck(db, FULL_SCOPE, new Date("2026-11-26T23:59:00Z"))).toBe(first);
    const fresh = await toPptx((await getDeck(db, LEDGER_NOW)).deck);
    expect(Buffer.from(file.bytes).equals(Buffer.from(fresh))).toBe(true);
  });

  it("gives a new deck and file after a Cost Explorer sync: the new day is on the title slide", async () => {
    const before = await getCachedDeckFile(db, FULL_SCOPE, LEDGER_NOW);
    expect(slide(before.deck, "title")).toMatchObject({ note: expect.stringContaining("Nov 25, 2026") });
    const result = await runSync({
      db,
      now: LEDGER_NOW,
      sources: [
        fakeSource("aws", async (tx, runId) => {
          await tx.query(
            `INSERT INTO cost_day (day, estimated, unblended, amortized, net_amortized, run_id)
             VALUES ('2026-11-26', true, 0, 0, 0, $1)`,
            [runId],
          );
        }),
      ],
    });
    expect(result.status).toBe("succeeded");
    const after = await getCachedDeckFile(db, FULL_SCOPE, LEDGER_NOW);
    expect(after.deck).not.toBe(before.deck);
    expect(slide(after.deck, "title")).toMatchObject({ note: expect.stringContaining("Nov 26, 2026") });
    expect(Buffer.from(after.bytes).equals(Buffer.from(before.bytes))).toBe(false);
  });

  it("gives a new deck after a Datadog sync replaced the containers", async () => {
    const before = await getCachedDeck(db, FULL_SCOPE, LEDGER_NOW);
    await runSync({
      db,
      now: LEDGER_NOW,
      sources: [
        fakeSource("datadog", async (tx, runId) => {
          await tx.query("DELETE FROM k8s_container WHERE namespace = 'video'");
          await tx.query("UPDATE k8s_container SET run_id = $1", [runId]);
        }),
      ],
    });
    const after = await getCachedDeck(db, FULL_SCOPE, LEDGER_NOW);
    expect(after).not.toBe(before);
    expect(JSON.stringify(slide(after, "rightsizing"))).not.toContain("video");
    expect(JSON.stringify(slide(before, "rightsizing"))).toContain("video");
  });

  it("gives a new deck after each settings save the deck reads: deck choice, tag rules, rightsizing prices", async () => {
    const saves = [
      () => saveDeckChoice(db, { initiatives: [] }),
      async () => saveTagSettings(db, await getTagSettings(db)), // the same document: its version still moves
      () => saveRightsizingSettings(db, TEST_PRICING_SETTINGS),
    ];
    let previous = await getCachedDeck(db, FULL_SCOPE, LEDGER_NOW);
    expect(slide(previous, "initiative-" + loadTestId)).toBeDefined();
    for (const save of saves) {
      await save();
      const next = await getCachedDeck(db, FULL_SCOPE, LEDGER_NOW);
      expect(next).not.toBe(previous);
      expect(slide(next, "initiative-" + loadTestId)).toBeUndefined(); // the saved choice: no initiative
      previous = next;
    }
    await saveDeckChoice(db, { initiatives: [loadTestId] });
    expect(slide(await getCachedDeck(db, FULL_SCOPE, LEDGER_NOW), "initiative-" + loadTestId)).toBeDefined();
  });

  it("gives a new deck after an initiative is edited, even with the clock held still (COSTWISE_NOW)", async () => {
    const before = await getCachedDeck(db, FULL_SCOPE, LEDGER_NOW);
    await updateInitiative(db, loadTestId, input({ ...LOAD_TEST, name: "Load test turned off" }), LEDGER_NOW);
    const after = await getCachedDeck(db, FULL_SCOPE, LEDGER_NOW);
    expect(after).not.toBe(before);
    expect(slide(after, "initiative-" + loadTestId)).toMatchObject({ title: "Load test turned off" });
  });

  it("gives a new deck on a new day", async () => {
    const today = await getCachedDeck(db, FULL_SCOPE, LEDGER_NOW);
    const tomorrow = await getCachedDeck(db, FULL_SCOPE, new Date(`${addDays(toDay(LEDGER_NOW), 1)}T08:00:00Z`));
    expect(tomorrow).not.toBe(today);
    expect(tomorrow.deck.asOf).toBe("2026-11-27");
  });

  it("never serves one scope's deck to another, and keeps a handful of decks", async () => {
    const full = await getCachedDeck(db, FULL_SCOPE, LEDGER_NOW);
    const video = { departments: ["video"], teams: null };
    const payments = { departments: ["payments"], teams: null };
    const scoped = await getCachedDeck(db, video, LEDGER_NOW);
    expect(scoped).not.toBe(full);
    expect(await getCachedDeck(db, payments, LEDGER_NOW)).not.toBe(scoped);
    expect(await getCachedDeck(db, { departments: null, teams: ["video"] }, LEDGER_NOW)).not.toBe(full);
    expect(await getCachedDeck(db, video, LEDGER_NOW)).toBe(scoped);
    expect(await getCachedDeck(db, FULL_SCOPE, LEDGER_NOW)).toBe(full);
    // More keys than it keeps: the least recently used goes first.
    for (let day = 1; day <= MAX_DECK_ENTRIES; day++) {
      await getCachedDeck(db, FULL_SCOPE, new Date(`2026-12-0${day}T12:00:00Z`));
    }
    expect(await getCachedDeck(db, FULL_SCOPE, LEDGER_NOW)).not.toBe(full);
  });
});
