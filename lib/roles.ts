// The role rules (COSTWISE_ROLES or the file COSTWISE_ROLES_FILE names): who gets what, written by the operator.
// Pure: parsed once at start-up (a malformed rule stops the start with its line), matched per request.
//
//   group:finance-team = finance
//   email:cto@example.com = admin; domain:example.com = viewer
//   group:team-payments = team:payments
//
// A person gets the union of every rule that matches; no match = no access at all.
// At the root of lib/ (not in lib/access) because the config module validates the rules when a process starts.

/** Who is asking, as far as the rules care: lib/access's Identity has this shape. */
type Person = { email: string; groups: string[] };

export type Subject = { kind: "group" | "email" | "domain"; value: string };

export type Grant =
  | { kind: "admin" }
  | { kind: "finance" }
  | { kind: "viewer" }
  | { kind: "team"; name: string }
  | { kind: "department"; name: string };

export type RoleRule = {
  subject: Subject;
  grant: Grant;
  /** 1-based, in the text as written. */ line: number;
  text: string;
};

/** What the matching rules add up to. Teams and departments are sorted, without duplicates. */
export type Grants = { admin: boolean; finance: boolean; viewer: boolean; teams: string[]; departments: string[] };

export const NO_GRANTS: Grants = { admin: false, finance: false, viewer: false, teams: [], departments: [] };
export const ALL_GRANTS: Grants = { admin: true, finance: true, viewer: true, teams: [], departments: [] };

export type ParsedRoles = { ok: true; rules: RoleRule[] } | { ok: false; problems: string[] };

// Names as identity providers and tags write them; no spaces, quotes, `=` or `;` that would make a rule ambiguous.
const NAME = /^[^\s=;"'`<>]{1,200}$/;
const EMAIL = /^[^\s@=;"'`<>]+@[^\s@=;"'`<>]+$/;
const DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;
const MAX_RULES = 2_000;

/** A value quoted in a message, cut short: a message names the mistake, it does not echo a pasted file. */
const show = (v: string) => JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);

const GRANT_HELP = "admin, finance, viewer, team:NAME or department:NAME";
const SUBJECT_HELP = "group:NAME, email:ADDRESS or domain:DOMAIN";

/**
 * Reads the rules: separated by `;` or new lines, each `SUBJECT = GRANT`; blank parts and `#` comments are skipped.
 * Every problem is reported with its line, so one start-up lists all of them.
 */
export function parseRoleRules(text: string): ParsedRoles {
  const rules: RoleRule[] = [];
  const problems: string[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const withoutComment = raw.replace(/(^|\s)#.*$/, "");
    for (const part of withoutComment.split(";")) {
      const rule = part.trim();
      if (rule === "") continue;
      const at = `line ${line}, ${show(rule)}`;
      const pieces = rule.split("=");
      if (pieces.length !== 2) {
        problems.push(
          pieces.length === 1
            ? `${at}: expected SUBJECT = GRANT, e.g. group:finance = finance`
            : `${at}: more than one "=" (one rule is SUBJECT = GRANT; separate rules with ";" or a new line)`,
        );
        continue;
      }
      const subject = parseSubject(pieces[0]!.trim());
      const grant = parseGrant(pieces[1]!.trim());
      if (typeof subject === "string") problems.push(`${at}: ${subject}`);
      if (typeof grant === "string") problems.push(`${at}: ${grant}`);
      if (typeof subject !== "string" && typeof grant !== "string") rules.push({ subject, grant, line, text: rule });
    }
  });
  if (rules.length > MAX_RULES) problems.push(`${rules.length} rules: at most ${MAX_RULES}; grant groups, not people`);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rules };
}

function parseSubject(text: string): Subject | string {
  const colon = text.indexOf(":");
  if (colon < 0) return `the subject ${show(text)} must be ${SUBJECT_HELP}`;
  const kind = text.slice(0, colon).trim().toLowerCase();
  const value = text.slice(colon + 1).trim();
  if (kind === "group") {
    return NAME.test(value) ? { kind, value } : `the group name ${show(value)} is empty or has spaces, quotes, = or ;`;
  }
  if (kind === "email") {
    return EMAIL.test(value) ? { kind, value: value.toLowerCase() } : `${show(value)} is not an email address`;
  }
  if (kind === "domain") {
    const domain = value.replace(/^@/, "");
    return DOMAIN.test(domain)
      ? { kind, value: domain.toLowerCase() }
      : `${show(value)} is not a domain name like example.com`;
  }
  return `unknown subject ${show(`${kind}:`)}: use ${SUBJECT_HELP}`;
}

function parseGrant(text: string): Grant | string {
  const lower = text.toLowerCase();
  if (lower === "admin" || lower === "finance" || lower === "viewer") return { kind: lower };
  const colon = text.indexOf(":");
  const kind = colon < 0 ? lower : text.slice(0, colon).trim().toLowerCase();
  const name = colon < 0 ? "" : text.slice(colon + 1).trim();
  if (kind === "team" || kind === "department") {
    // Team and department names are compared as the reports show them (after aliases), so case is kept.
    return NAME.test(name)
      ? { kind, name }
      : `${kind}: needs a name without spaces, quotes, = or ; (got ${show(name)})`;
  }
  return `unknown grant ${show(text)}: use ${GRANT_HELP}`;
}

/** Does the rule's subject match this person? Emails and domains ignore case; group names are exact. */
export function matchesSubject(subject: Subject, identity: Person): boolean {
  const email = identity.email.toLowerCase();
  if (subject.kind === "group") return identity.groups.includes(subject.value);
  if (subject.kind === "email") return email === subject.value;
  const at = email.lastIndexOf("@");
  // The domain must be the whole part after the last @: "evil-example.com" and "example.com.evil" do not match.
  return at > 0 && email.slice(at + 1) === subject.value;
}

/** The union of every rule that matches. */
export function resolveGrants(rules: RoleRule[], identity: Person): Grants {
  const grants: Grants = { admin: false, finance: false, viewer: false, teams: [], departments: [] };
  const teams = new Set<string>();
  const departments = new Set<string>();
  for (const rule of rules) {
    if (!matchesSubject(rule.subject, identity)) continue;
    const g = rule.grant;
    if (g.kind === "team") teams.add(g.name);
    else if (g.kind === "department") departments.add(g.name);
    else grants[g.kind] = true;
  }
  grants.teams = [...teams].sort();
  grants.departments = [...departments].sort();
  return grants;
}

/** A rule as people read it on /settings. */
export function formatRule(rule: RoleRule): string {
  const g = rule.grant;
  const grant = g.kind === "team" || g.kind === "department" ? `${g.kind}:${g.name}` : g.kind;
  return `${rule.subject.kind}:${rule.subject.value} = ${grant}`;
}

/** What a grant gives, in a few words (the roles view on /settings, the README's table). */
export function describeGrant(grant: Grant): string {
  switch (grant.kind) {
    case "admin":
      return "Everything, including settings, Sync now, the roles view and the audit log";
    case "finance":
      return "Every report and export; edits tag rules, savings initiatives and the deck";
    case "viewer":
      return "Every report and export, read only";
    case "team":
      return `The rightsizing pages and exports of team ${grant.name} (read)`;
    case "department":
      return `The spend reports and exports of department ${grant.name} (read)`;
  }
}
