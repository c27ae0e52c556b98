// The one read of /savings: the ledger, the candidates to record next, and the choices of the initiative form.
import { requireAccess, toScope, type Access } from "@/lib/access/access";
import type { Db } from "@/lib/db/types";
import { getScopeOptions, type ScopeOptions } from "@/lib/savings/form-options";
import { getLedger, type Ledger } from "@/lib/savings/ledger";
import { getCandidates, type Candidates } from "@/lib/savings/read-candidates";
import { getTagSettings } from "@/lib/settings/store";

export type SavingsPage = {
  ledger: Ledger;
  candidates: Candidates;
  options: ScopeOptions;
  /** Whether this person may record, edit and delete initiatives (finance and admin). */
  canEdit: boolean;
};

export async function getSavingsPage(db: Db, access: Access, now: Date): Promise<SavingsPage> {
  await requireAccess(db, access, "read", "/savings");
  const settings = await getTagSettings(db);
  const ledger = await getLedger(db, now);
  const initiatives = ledger.entries.map((e) => e.initiative);
  const [candidates, options] = await Promise.all([
    getCandidates(db, initiatives, { now, settings }),
    getScopeOptions(db, settings),
  ]);
  return { ledger, candidates, options, canEdit: toScope(access.grants, "edit") !== null };
}
