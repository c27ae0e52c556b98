import { describe, expect, it } from "vitest";
import { formatRule, matchesSubject, parseRoleRules, resolveGrants, type Grants, type RoleRule } from "./roles";

function rules(text: string): RoleRule[] {
  const parsed = parseRoleRules(text);
  if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
  return parsed.rules;
}

describe("parseRoleRules", () => {
  it.each([
    ["", []],
    ["  \n ; ;\n", []],
    ["group:finance = finance", ["group:finance = finance"]],
    ["group:finance=finance;email:Ana@Example.COM=admin", ["group:finance = finance", "email:ana@example.com = admin"]],
    [
      "domain:example.com = viewer\r\ndomain:@corp.example = viewer",
      ["domain:example.com = viewer", "domain:corp.example = viewer"],
    ],
    ["GROUP:sre = ADMIN", ["group:sre = admin"]],
    ["group:team-payments = team:payments", ["group:team-payments = team:payments"]],
    ["group:growth = department:Growth", ["group:growth = department:Growth"]],
    ["# comment line\ngroup:a = viewer # trailing comment", ["group:a = viewer"]],
    ["group:a#b = viewer", ["group:a#b = viewer"]],
    ["group:8c1f2d3e-aaaa-bbbb-cccc-0123456789ab = admin", ["group:8c1f2d3e-aaaa-bbbb-cccc-0123456789ab = admin"]],
  ])("%j → %j", (text, expected) => {
    expect(rules(text).map(formatRule)).toEqual(expected);
  });

  it.each([
    ["group:finance", 'line 1, "group:finance": expected SUBJECT = GRANT'],
    ["group:a = admin = viewer", 'more than one "="'],
    ["finance = finance", "must be group:NAME, email:ADDRESS or domain:DOMAIN"],
    ["user:ana = admin", 'unknown subject "user:"'],
    ["group: = admin", "group name"],
    ["group:two words = admin", "group name"],
    ['group:"quoted" = admin', "group name"],
    ["email:not-an-address = admin", "not an email address"],
    ["email:a@b@c = admin", "not an email address"],
    ["domain:localhost = admin", "not a domain name"],
    ["domain:*.example.com = admin", "not a domain name"],
    ["domain:example..com = admin", "not a domain name"],
    ["group:a = superuser", 'unknown grant "superuser"'],
    ["group:a = team:", "team: needs a name"],
    ["group:a = team", "team: needs a name"],
    ["group:a = department:two words", "department: needs a name"],
    ["group:a = admin; group:b = root", 'line 1, "group:b = root": unknown grant'],
    ["group:a = admin\n\n\nemail:x = viewer", "line 4"],
    ["group:<script> = admin", "group name"],
    ["group:a = team:<img>", "team: needs a name"],
  ])("%j is refused: %s", (text, expected) => {
    const parsed = parseRoleRules(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.join("\n")).toContain(expected);
  });

  it("lists every problem at once, each with its line", () => {
    const parsed = parseRoleRules("group:a = admin\ngroup:b = root\nnonsense\ngroup:c = viewer");
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.slice(0, 6))).toEqual(["line 2", "line 3"]);
  });

  it("cuts a very long hostile line short in its message", () => {
    const parsed = parseRoleRules(`group:${"x".repeat(10_000)} = root`);
    expect(parsed.ok ? "" : parsed.problems[0]!.length).toBeLessThan(400);
  });

  it("refuses more rules than anyone maintains by hand", () => {
    const text = Array.from({ length: 2_001 }, (_, i) => `email:u${i}@example.com = viewer`).join("\n");
    expect(parseRoleRules(text).ok).toBe(false);
  });
});

describe("matching and the union of grants", () => {
  const RULES = rules(`
    group:costwise-admins = admin
    group:finance = finance
    domain:example.com = viewer
    email:lead@payments.example.org = team:payments
    group:checkout = team:checkout
    group:checkout = team:payments
    group:growth-eng = department:Growth
    group:growth-eng = department:Growth
  `);
  const none: Grants = { admin: false, finance: false, viewer: false, teams: [], departments: [] };

  it.each([
    ["nobody matches", { email: "x@other.org", groups: [] }, none],
    ["domain match", { email: "Bo@Example.com", groups: [] }, { ...none, viewer: true }],
    ["group match", { email: "x@other.org", groups: ["finance"] }, { ...none, finance: true }],
    ["group names are exact", { email: "x@other.org", groups: ["Finance", "finance-team"] }, none],
    ["email ignores case", { email: "LEAD@payments.example.org", groups: [] }, { ...none, teams: ["payments"] }],
    [
      "union of every matching rule, teams without duplicates",
      { email: "lead@payments.example.org", groups: ["checkout", "growth-eng"] },
      { ...none, teams: ["checkout", "payments"], departments: ["Growth"] },
    ],
    ["a look-alike domain does not match", { email: "eve@evil-example.com", groups: [] }, none],
    ["a domain as prefix does not match", { email: "eve@example.com.evil.net", groups: [] }, none],
    ["a subdomain does not match", { email: "eve@mail.example.com", groups: [] }, none],
    ["an address with two @ matches on the last part only", { email: "eve@example.com@evil.net", groups: [] }, none],
    ["empty email", { email: "", groups: [] }, none],
  ])("%s", (_label, person, expected) => {
    expect(resolveGrants(RULES, person)).toEqual(expected);
  });

  it("an email subject matches the whole address only", () => {
    const [rule] = rules("email:ana@example.com = admin");
    expect(matchesSubject(rule!.subject, { email: "ana@example.com", groups: [] })).toBe(true);
    expect(matchesSubject(rule!.subject, { email: "xana@example.com", groups: [] })).toBe(false);
    expect(matchesSubject(rule!.subject, { email: "ana@example.com.au", groups: [] })).toBe(false);
  });
});
