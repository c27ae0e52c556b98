// Every page, route handler and server action under app/ with the access it requires: the list the README's
// "Roles" section summarises, and what lib/access/policy.test.ts checks app/ against, so a new route without
// a line here fails the tests. `public` = reachable without sign-in (and answers no company data).
import type { Grants } from "@/lib/roles";
import { toScope, type Need } from "./access";

export type Policy = { need: Need | "public"; note?: string };

export const ROUTE_POLICIES: Record<string, Policy> = {
  // Pages
  "page /": { need: "spend", note: "a department grant sees its departments only; a team grant is sent to its page" },
  "page /spend": { need: "spend", note: "a department grant sees its departments only" },
  "page /spend/categories": { need: "spend", note: "a department grant sees its departments only" },
  "page /tags": { need: "spend", note: "a department grant sees its departments' compliance and offenders only" },
  "page /rightsizing": { need: "rightsizing", note: "a team grant sees its teams only" },
  "page /rightsizing/[team]": { need: "rightsizing", note: "another team answers 403" },
  "page /savings": { need: "read" },
  "page /opportunities": { need: "spend", note: "a department grant sees its departments' projects only" },
  "page /slides": { need: "read" },
  "page /sync": { need: "read", note: "Sync now is shown to admins only" },
  "page /rightsizing/nodes": { need: "read", note: "whole clusters: every team's recommended requests summed" },
  "page /commitments": { need: "read", note: "company-wide purchase recommendations, coverage and utilization" },
  "page /settings/audit": { need: "admin", note: "who changed what, and who was refused" },
  "page /signin": { need: "public", note: "one button to the identity provider; shows no company data" },
  "page /settings": { need: "admin", note: "includes the role rules in force, read-only" },
  // Route handlers
  "GET /api/health/live": { need: "public", note: "the liveness probe: the process answers; no database, no data" },
  "GET /api/metrics": {
    need: "public",
    note: "Prometheus: with sign-in on, only with the bearer COSTWISE_METRICS_TOKEN (refused when none is set)",
  },
  "GET /api/auth/signin/oidc": { need: "public", note: "starts the sign-in at the identity provider" },
  "GET /api/auth/callback/oidc": {
    need: "public",
    note: "finishes it: checks state, PKCE and nonce, sets the session",
  },
  "POST /api/auth/signout": { need: "public", note: "ends the session (cross-site posts refused by proxy.ts)" },
  "GET /api/health": { need: "public", note: "the liveness probe: database reachable, last sync time" },
  "GET /api/export/[report]": {
    need: "read",
    note: "per export: spend, tags and tag-policy need spend (department-scoped), rightsizing needs rightsizing (team-scoped), the others read",
  },
  "GET /api/rightsizing/usage": { need: "rightsizing", note: "another team's container answers no hours" },
  "GET /api/rightsizing/decisions": { need: "rightsizing", note: "a team grant reads its teams' decisions only" },
  "POST /api/rightsizing/decisions": {
    need: "decide",
    note: "a team grant for its own teams' containers, admins for any; audited rightsizing.<decision>",
  },
  "GET /api/sync": { need: "read" },
  "POST /api/sync": { need: "admin", note: "starts paid Cost Explorer requests; audited sync.start" },
  // Server actions
  "action app/tags/actions.ts#editTagSettings": { need: "edit", note: "audited settings.tags.<op>" },
  "action app/savings/actions.ts#saveInitiative": { need: "edit", note: "audited initiative.create/update" },
  "action app/savings/actions.ts#removeInitiative": { need: "edit", note: "audited initiative.delete" },
  "action app/slides/actions.ts#saveDeck": { need: "edit", note: "audited deck.save" },
  "action app/opportunities/actions.ts#recordOpportunityAction": { need: "edit", note: "audited initiative.create" },
  "action app/opportunities/actions.ts#saveReadShareAction": { need: "edit", note: "audited settings.opportunities.*" },
  "action app/opportunities/actions.ts#saveRetentionAction": { need: "edit", note: "audited settings.opportunities.*" },
  "action app/opportunities/actions.ts#saveDefaultsAction": { need: "edit", note: "audited settings.opportunities.*" },
  "action app/rightsizing/[team]/actions.ts#decideAction": {
    need: "decide",
    note: "accept, reject, snooze or reopen rows of the team; audited rightsizing.<decision>",
  },
  "action app/settings/_sections/rightsizing-actions.ts#saveRightsizingSettingsAction": {
    need: "admin",
    note: "audited settings.rightsizing.save",
  },
  "action app/settings/_sections/digest-actions.ts#saveDigestChannelAction": {
    need: "admin",
    note: "audited settings.digest.save (the webhook URL masked)",
  },
};

/** Whether these grants open the page at `path` (the navigation shows only those). */
export function canOpenPage(grants: Grants, path: string): boolean {
  const policy = ROUTE_POLICIES[`page ${path}`];
  if (!policy) return false;
  return policy.need === "public" || toScope(grants, policy.need) !== null;
}
