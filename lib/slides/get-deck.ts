// Reads everything the deck shows, from the same functions as the pages it quotes: the /spend default view by
// department and by category, the /tags default range, the /rightsizing overview and the savings ledger.
import type { Db } from "@/lib/db/types";
import { toDay } from "@/lib/dates";
import { getSpendReport } from "@/lib/reports/spend-report";
import { toDefaultSpendView } from "@/lib/reports/view";
import { getRightsizingOverview } from "@/lib/rightsizing/read";
import { getLedgerEntry, type LedgerEntry } from "@/lib/savings/ledger";
import { listInitiatives } from "@/lib/savings/initiatives-store";
import { getTagSettings } from "@/lib/settings/store";
import { getComplianceReport } from "@/lib/tags/compliance-report";
import { parseTagsQuery } from "@/lib/tags/tags-query";
import type { Deck } from "./deck";
import { getDeckChoice, toDeckOrder, type DeckChoice } from "./deck-choice";
import { toDeck } from "./build-deck";

export type DeckWithChoice = {
  deck: Deck;
  choice: DeckChoice | null;
  /** Every initiative with its measurement, in ledger order (for the picker). */
  all: LedgerEntry[];
  /** The ids in the deck, in order. */
  chosen: number[];
};

export async function getDeck(db: Db, now: Date): Promise<DeckWithChoice> {
  const settings = await getTagSettings(db);
  const view = toDefaultSpendView(now);
  const [trend, categories, compliance, overview, initiatives, choice, through] = await Promise.all([
    getSpendReport(db, view, { now, settings }),
    getSpendReport(db, { ...view, by: ["category"] }, { now, settings }),
    getComplianceReport(db, parseTagsQuery({}, now), settings),
    getRightsizingOverview(db, {}),
    listInitiatives(db, now),
    getDeckChoice(db),
    db.sql.query<{ day: string | null }>("SELECT max(day) AS day FROM cost_day"),
  ]);
  const all: LedgerEntry[] = [];
  for (const initiative of initiatives) all.push(await getLedgerEntry(db, initiative, { now, settings }));
  const chosen = toDeckOrder(
    all.map((e) => ({ ...e, id: e.initiative.id })),
    choice,
  );
  const deck = toDeck({
    asOf: toDay(now),
    dataThrough: through[0]?.day ?? null,
    allowedDepartments: settings.allowed.department,
    trend: trend.kind === "report" ? trend : null,
    categories: categories.kind === "report" ? categories : null,
    compliance,
    rightsizing: overview.allRows.length > 0 ? overview.summary : null,
    initiatives: chosen,
  });
  return { deck, choice, all, chosen: chosen.map((e) => e.initiative.id) };
}
