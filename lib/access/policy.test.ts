// Every route and server action under app/ has a line in ROUTE_POLICIES, and its file asks for access: a new
// page, route handler or action without a policy fails here.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROUTE_POLICIES } from "./policy";

const APP = path.join(process.cwd(), "app");

type Found = { key: string; file: string; source: string };

function listRoutes(): Found[] {
  const found: Found[] = [];
  for (const entry of readdirSync(APP, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const rel = path.relative(process.cwd(), file);
    const source = readFileSync(file, "utf8");
    // The URL: folders in (parentheses) are groups and leave no trace; _folders are private.
    const url =
      "/" +
      path
        .relative(APP, entry.parentPath)
        .split(path.sep)
        .filter((s) => s !== "" && !/^\(.*\)$/.test(s))
        .join("/");
    if (/^page\.(tsx|ts|jsx|js)$/.test(entry.name)) found.push({ key: `page ${url}`, file: rel, source });
    if (/^route\.(ts|js)$/.test(entry.name)) {
      for (const m of source.matchAll(/export\s+(?:async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g))
        found.push({ key: `${m[1]} ${url}`, file: rel, source });
    }
    if (/^\s*(\/\/[^\n]*\n\s*)*["']use server["']/.test(source) || /^["']use server["']/m.test(source)) {
      for (const m of source.matchAll(/export\s+async\s+function\s+(\w+)/g))
        found.push({ key: `action ${rel}#${m[1]}`, file: rel, source });
    }
  }
  return found;
}

describe("the access policy of every route and action", () => {
  const routes = listRoutes();

  it("finds the routes (the walk itself works)", () => {
    expect(routes.map((r) => r.key)).toEqual(
      expect.arrayContaining([
        "page /",
        "page /rightsizing/[team]",
        "POST /api/sync",
        "action app/tags/actions.ts#editTagSettings",
      ]),
    );
  });

  it.each(listRoutes().map((r) => [r.key, r] as const))("%s has a policy and its file asks for access", (key, r) => {
    const policy = ROUTE_POLICIES[key];
    expect(policy, `${key} (${r.file}) has no line in lib/access/policy.ts: say who may reach it`).toBeDefined();
    if (policy!.need === "public") return;
    // Pages go through readAs (which calls the page's lib/pages read, which asks requireAccess); handlers and
    // actions ask requireAccess themselves or through a lib/pages or runExport call that does.
    expect(r.source, `${r.file} must ask for access`).toMatch(/readAs\(|requireAccess\(|getRequestAccess\(/);
  });

  it("lists no route that is gone", () => {
    const keys = new Set(routes.map((r) => r.key));
    expect(Object.keys(ROUTE_POLICIES).filter((k) => !keys.has(k))).toEqual([]);
  });
});
