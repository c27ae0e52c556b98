// What a person may see and change: one `requireAccess(db, access, need)` asked by every data read and change
// (lib/pages, the exports, route handlers, server actions). It answers the scope the reads must carry
// (departments or teams for a scoped person, everything otherwise), or refuses: 401 for nobody signed in,
// 403 for a person without the grant, recorded in the audit trail as `access.refused`.
import type { Db } from "@/lib/db/types";
import { recordAuditEvent } from "@/lib/audit/events";
import { AppError } from "@/lib/errors";
import { ALL_GRANTS, NO_GRANTS, resolveGrants, type Grants, type RoleRule } from "@/lib/roles";
import { CLI_IDENTITY, LOCAL_IDENTITY, type Identity } from "./identity";

/** The person asking (null = nobody signed in) and what the role rules grant them. */
export type Access = { identity: Identity | null; grants: Grants };

/**
 * What a read or change needs:
 * - `admin`: settings, Sync now, the roles view, the audit log;
 * - `edit`: tag rules, savings initiatives, the deck (finance and admin);
 * - `read`: every report and export, unscoped (viewer, finance, admin);
 * - `spend`: the overview, spend and tag reports: everything for readers, a `department:` grant's departments
 *   otherwise;
 * - `rightsizing`: the rightsizing pages: everything for readers, a `team:` grant's teams otherwise;
 * - `decide`: accept, reject or snooze rightsizing rows: a `team:` grant for its own teams, an admin for any;
 *   finance and viewers read the decisions but do not make them (they are the team's call);
 * - `any`: anyone with at least one grant (pages that show no data of their own).
 */
export type Need = "admin" | "edit" | "read" | "spend" | "rightsizing" | "decide" | "any";

/** What the reads must be restricted to; null = no restriction. */
export type Scope = { departments: string[] | null; teams: string[] | null };

export const FULL_SCOPE: Scope = { departments: null, teams: null };

/** The command line: an operator tool holding the database credentials, so it has full access. */
export const CLI_ACCESS: Access = { identity: CLI_IDENTITY, grants: ALL_GRANTS };
/** Loopback without sign-in (COSTWISE_AUTH=none): everyone who can connect is the local admin. */
export const LOCAL_ACCESS: Access = { identity: LOCAL_IDENTITY, grants: ALL_GRANTS };

/** The access of a person: the operator's identities have every grant; anyone else what the rules give. */
export function toAccess(identity: Identity | null, rules: RoleRule[]): Access {
  if (identity === null) return { identity: null, grants: NO_GRANTS };
  if (identity.via === "cli" || identity.via === "local") return { identity, grants: ALL_GRANTS };
  return { identity, grants: resolveGrants(rules, identity) };
}

export const canRead = (g: Grants) => g.admin || g.finance || g.viewer;
export const hasAnyGrant = (g: Grants) => canRead(g) || g.teams.length > 0 || g.departments.length > 0;

/** The scope a need gives these grants, or null when it is refused. Pure: the table tests read it. */
export function toScope(grants: Grants, need: Need): Scope | null {
  switch (need) {
    case "admin":
      return grants.admin ? FULL_SCOPE : null;
    case "edit":
      return grants.admin || grants.finance ? FULL_SCOPE : null;
    case "read":
      return canRead(grants) ? FULL_SCOPE : null;
    case "spend":
      if (canRead(grants)) return FULL_SCOPE;
      return grants.departments.length > 0 ? { departments: grants.departments, teams: null } : null;
    case "rightsizing":
      if (canRead(grants)) return FULL_SCOPE;
      return grants.teams.length > 0 ? { departments: null, teams: grants.teams } : null;
    case "decide":
      if (grants.admin) return FULL_SCOPE;
      return grants.teams.length > 0 ? { departments: null, teams: grants.teams } : null;
    case "any":
      return hasAnyGrant(grants) ? FULL_SCOPE : null;
  }
}

const NEED_WORDS: Record<Need, string> = {
  admin: "the admin role",
  edit: "the finance or admin role",
  read: "the viewer, finance or admin role",
  spend: "a department grant or the viewer, finance or admin role",
  rightsizing: "a team grant or the viewer, finance or admin role",
  decide: "a grant for that team or the admin role",
  any: "a role",
};

/**
 * The one check. `target` names what was asked for (a path, an export, a setting) for the audit trail; `asked`
 * is the team or department a request names explicitly (a URL or export option), refused when outside the
 * scope instead of answering an empty table. Throws `unauthenticated` (nobody signed in) or `forbidden`
 * (signed in, not granted; recorded).
 */
export async function requireAccess(
  db: Db,
  access: Access,
  need: Need,
  target: string,
  asked: { team?: string; department?: string } = {},
): Promise<Scope> {
  const scope = toScope(access.grants, need);
  if (!scope) {
    if (access.identity === null) throw new AppError("unauthenticated", "Sign in to see this.");
    await refuse(db, access.identity, target, `needs ${NEED_WORDS[need]}`);
    throw new AppError("forbidden", `You do not have access to ${target}: it needs ${NEED_WORDS[need]}.`);
  }
  for (const [what, value, allowed] of [
    ["team", asked.team, scope.teams],
    ["department", asked.department, scope.departments],
  ] as const) {
    if (value === undefined || allowed === null || allowed.includes(value)) continue;
    await refuse(db, access.identity!, target, `${what} ${value} is outside the grants (${allowed.join(", ")})`);
    throw new AppError("forbidden", `You do not have access to ${what} "${value}". Yours: ${allowed.join(", ")}.`);
  }
  return scope;
}

async function refuse(db: Db, identity: Identity, target: string, detail: string): Promise<void> {
  await recordAuditEvent(db, { actor: identity.email, action: "access.refused", target, outcome: "refused", detail });
}

/** The audit actor of a change: the signed-in email, "local" or "cli". */
export function actorOf(access: Access): string {
  return access.identity?.email ?? "anonymous";
}

/** Where a person granted only departments or teams starts: their first page. */
export function homeOf(grants: Grants): string {
  if (canRead(grants) || grants.departments.length > 0) return "/";
  if (grants.teams.length === 1) return `/rightsizing/${encodeURIComponent(grants.teams[0]!)}`;
  if (grants.teams.length > 1) return "/rightsizing";
  return "/";
}

/** Whom to ask for access: the rules that grant admin, as people read them (an address, or a group's members). */
export function listAdminContacts(rules: RoleRule[]): string[] {
  return rules
    .filter((r) => r.grant.kind === "admin")
    .map((r) =>
      r.subject.kind === "email"
        ? r.subject.value
        : r.subject.kind === "group"
          ? `members of the group ${r.subject.value}`
          : `anyone at ${r.subject.value}`,
    );
}

/** Records a change in the audit trail as done by this person, with what it was before and after. */
export async function recordChange(
  db: Db,
  access: Access,
  change: { action: string; target: string; before?: unknown; after?: unknown; detail?: string },
): Promise<void> {
  await recordAuditEvent(db, { actor: actorOf(access), outcome: "ok", ...change });
}
