"use server";
// The team page's decisions: accept, reject (with a reason), snooze until a day, or reopen the selected rows.
// Who may decide is checked in lib (recordDecisions → requireAccess "decide"), which also audits the change.
import { revalidatePath } from "next/cache";
import { getRequestAccess } from "@/lib/access/next";
import { getNow } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { toAppError } from "@/lib/errors";
import { recordDecisions } from "@/lib/pages/decisions";
import { parseFormKey } from "@/lib/rightsizing/row-key";

export type DecideState = { ok: boolean; message: string } | null;

const ACTIONS: Record<string, string> = {
  accepted: "Accepted",
  rejected: "Rejected",
  snoozed: "Snoozed",
  clear: "Reopened",
};

export async function decideAction(_previous: DecideState, form: FormData): Promise<DecideState> {
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : undefined;
  };
  // A row's own "Accept" button names its row; the toolbar's buttons act on the ticked rows.
  const only = text("only");
  const decision = only !== undefined ? "accepted" : text("decision");
  const keys = only !== undefined ? [only] : form.getAll("row").filter((v): v is string => typeof v === "string");
  const containers = keys.map(parseFormKey);
  try {
    if (containers.some((c) => c === null)) throw new Error("A selected row could not be read; reload the page.");
    const access = await getRequestAccess();
    const team = text("team") ?? "";
    const done = await recordDecisions(
      await getDb(),
      access,
      {
        team,
        decision,
        reason: text("reason") ?? "",
        snoozedUntil: decision === "snoozed" ? text("snoozedUntil") : undefined,
        containers,
      },
      getNow(),
    );
    revalidatePath(`/rightsizing/${encodeURIComponent(team)}`);
    revalidatePath("/rightsizing");
    revalidatePath("/savings");
    const n = decision === "clear" ? done.cleared : done.decisions.length;
    return { ok: true, message: `${ACTIONS[decision ?? ""] ?? "Saved"}: ${n} container${n === 1 ? "" : "s"}.` };
  } catch (err) {
    const e = toAppError(err);
    return { ok: false, message: e.kind === "failed" ? "The decision could not be saved; try again." : e.message };
  }
}
