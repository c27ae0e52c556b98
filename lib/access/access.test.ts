import { describe, expect, it } from "vitest";
import { parseRoleRules, type Grants } from "@/lib/roles";
import { homeOf, listAdminContacts, toAccess, toScope, type Need } from "./access";
import { CLI_IDENTITY, LOCAL_IDENTITY } from "./identity";

const g = (over: Partial<Grants>): Grants => ({
  admin: false,
  finance: false,
  viewer: false,
  teams: [],
  departments: [],
  ...over,
});
const ADMIN = g({ admin: true });
const FINANCE = g({ finance: true });
const VIEWER = g({ viewer: true });
const TEAM = g({ teams: ["payments"] });
const DEPT = g({ departments: ["platform"] });
const NONE = g({});
const ALL = { departments: null, teams: null };

describe("toScope: what each grant may do", () => {
  it.each<[string, Grants, Need, ReturnType<typeof toScope>]>([
    ["admin", ADMIN, "admin", ALL],
    ["admin", ADMIN, "edit", ALL],
    ["admin", ADMIN, "spend", ALL],
    ["finance", FINANCE, "admin", null],
    ["finance", FINANCE, "edit", ALL],
    ["finance", FINANCE, "rightsizing", ALL],
    ["viewer", VIEWER, "edit", null],
    ["viewer", VIEWER, "read", ALL],
    ["viewer", VIEWER, "spend", ALL],
    ["team", TEAM, "rightsizing", { departments: null, teams: ["payments"] }],
    ["team", TEAM, "spend", null],
    ["team", TEAM, "read", null],
    ["team", TEAM, "edit", null],
    ["department", DEPT, "spend", { departments: ["platform"], teams: null }],
    ["department", DEPT, "rightsizing", null],
    ["department", DEPT, "read", null],
    ["department", DEPT, "any", ALL],
    ["nothing", NONE, "any", null],
    ["nothing", NONE, "read", null],
    // A reader's role wins over a narrower grant: a viewer with a team grant still reads every team.
    ["viewer + team", g({ viewer: true, teams: ["payments"] }), "rightsizing", ALL],
    // Decisions are the team's call: its members and admins make them; readers only read them.
    ["admin", ADMIN, "decide", ALL],
    ["team", TEAM, "decide", { departments: null, teams: ["payments"] }],
    ["finance", FINANCE, "decide", null],
    ["viewer", VIEWER, "decide", null],
    ["department", DEPT, "decide", null],
    ["nothing", NONE, "decide", null],
    // A viewer who is also on a team decides for that team only, not for every team they can read.
    ["viewer + team", g({ viewer: true, teams: ["payments"] }), "decide", { departments: null, teams: ["payments"] }],
  ])("%s asking %s → %j", (_label, grants, need, expected) => {
    expect(toScope(grants, need)).toEqual(expected);
  });
});

describe("toAccess", () => {
  const parsed = parseRoleRules("email:ana@example.com = admin; group:sre = admin; domain:example.com = viewer");
  const rules = parsed.ok ? parsed.rules : [];
  it("gives the operator identities every grant and others what the rules say", () => {
    expect(toAccess(CLI_IDENTITY, []).grants.admin).toBe(true);
    expect(toAccess(LOCAL_IDENTITY, []).grants.admin).toBe(true);
    expect(toAccess(null, rules).grants).toEqual(NONE);
    expect(toAccess({ email: "bo@example.com", groups: [], via: "proxy" }, rules).grants).toEqual(VIEWER);
    // A proxy or provider cannot claim to be the command line by its email.
    expect(toAccess({ email: "cli", groups: [], via: "proxy" }, rules).grants).toEqual(NONE);
  });
  it("names the admins to ask, and where a scoped person starts", () => {
    expect(listAdminContacts(rules)).toEqual(["ana@example.com", "members of the group sre"]);
    expect(homeOf(TEAM)).toBe("/rightsizing/payments");
    expect(homeOf(DEPT)).toBe("/");
    expect(homeOf(VIEWER)).toBe("/");
  });
});
