// Decisions on rightsizing rows, as people and automation make and read them (the team page's form and
// /api/rightsizing/decisions): the access check lives here, in the data layer, for both. A team's members decide for
// their own team only, admins for any; finance and viewers read; another team's container is refused and recorded.
import { recordChange, requireAccess, actorOf, type Access } from "@/lib/access/access";
import type { Db } from "@/lib/db/types";
import { toDay } from "@/lib/dates";
import { AppError } from "@/lib/errors";
import {
  findDecisionRows,
  listDecisions,
  parseDecisionInput,
  toDecisionViews,
  writeDecisions,
  type DecisionRecord,
  type DecisionView,
} from "@/lib/rightsizing/decisions-store";
import { getRightsizingContext } from "@/lib/rightsizing/read";

/**
 * Records one decision on rows of one team, as this person. Refused (and the refusal recorded) unless they may
 * decide for that team and every container is that team's; nothing is written unless every row passes. Audited
 * as rightsizing.accept / reject / snooze / reopen with the decisions before and after.
 */
export async function recordDecisions(
  db: Db,
  access: Access,
  input: unknown,
  now: Date,
): Promise<{ decisions: DecisionRecord[]; cleared: number }> {
  // Who is asking comes first: a stranger learns nothing about the body they sent, not even that it is malformed.
  if (access.identity === null) throw new AppError("unauthenticated", "Sign in to record decisions.");
  const d = parseDecisionInput(input);
  const target = `/rightsizing/${d.team}`;
  await requireAccess(db, access, "decide", target, { team: d.team });
  const rows = await findDecisionRows(db, d, now);
  for (const row of rows) {
    const owner = row.recommendation.team.value;
    if (owner === d.team) continue;
    // Refused as asking for the owner's team: recorded in the audit trail unless this person may decide there too.
    await requireAccess(db, access, "decide", target, { team: owner });
    const u = row.usage;
    throw new AppError(
      "forbidden",
      `The container ${[u.cluster, u.namespace, u.workloadKind, u.workload, u.container].join("/")} belongs to team ${owner}, not ${d.team}.`,
    );
  }
  const { before, saved } = await writeDecisions(db, d, rows, { actor: actorOf(access), now });
  const verb = { accepted: "accept", rejected: "reject", snoozed: "snooze", clear: "reopen" }[d.decision];
  await recordChange(db, access, {
    action: `rightsizing.${verb}`,
    target: `${target}: ${rows.length} container${rows.length === 1 ? "" : "s"}`,
    before,
    after: d.decision === "clear" ? undefined : saved,
  });
  return { decisions: saved, cleared: d.decision === "clear" ? before.length : 0 };
}

/** The decisions a person may read (their teams, or one of them), each with its status today. */
export async function readDecisions(
  db: Db,
  access: Access,
  opts: { team?: string; now: Date },
): Promise<DecisionView[]> {
  const { teams } = await requireAccess(
    db,
    access,
    "rightsizing",
    "/api/rightsizing/decisions",
    opts.team !== undefined ? { team: opts.team } : {},
  );
  const ctx = await getRightsizingContext(db);
  const decisions = await listDecisions(db, { teams, team: opts.team });
  return toDecisionViews(decisions, ctx.allRows, {
    today: toDay(opts.now),
    reopenChangePct: ctx.settings.reopenChangePct,
  });
}
