// Runs the generated SQL and compares it row by row with the TypeScript rules, in embedded PGlite
// (always) and in a throwaway database on the local Postgres (skipped, with a note, when it is down).
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categorizeEnvironment, classifyTagValue } from "./classify";
import { toComplianceStatus } from "./compliance";
import { TAG_KEYS, type TagSettings } from "@/lib/settings/tags";
import { addAlias } from "./settings-operations";
import {
  toComplianceProblemKeySql,
  toComplianceStatusSql,
  toEnvironmentCategorySql,
  toResolvedValueSql,
  toStatusSql,
} from "./sql";
import { expectOk, RAW_VALUES, SETTINGS_CASES, toDemoTagSettings } from "@/testing/tag-settings";

type Row = Record<string, unknown>;
type Engine = { query(sql: string, params?: unknown[]): Promise<Row[]>; close(): Promise<void> };

const ADMIN_URL = process.env.TAGS_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function openPglite(): Promise<Engine> {
  const db = new PGlite();
  await db.waitReady;
  return { query: async (sql, params) => (await db.query<Row>(sql, params)).rows, close: () => db.close() };
}

async function openThrowawayPostgres(): Promise<Engine> {
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  await admin.connect();
  const name = `costwise_tags_${randomBytes(6).toString("hex")}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    query: async (sql, params) => (await client.query(sql, params)).rows as Row[],
    close: async () => {
      await client.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    },
  };
}

async function isPostgresReachable(): Promise<boolean> {
  const probe = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await probe.connect();
    await probe.end();
    return true;
  } catch {
    console.warn(
      `sql-postgres.test: no Postgres at ${ADMIN_URL}; only PGlite runs. Set TAGS_TEST_POSTGRES_URL to point elsewhere.`,
    );
    return false;
  }
}

const postgresReachable = await isPostgresReachable();
const ENGINES: [string, () => Promise<Engine>, boolean][] = [
  ["PGlite", openPglite, true],
  ["Postgres", openThrowawayPostgres, postgresReachable],
];

const DEPARTMENTS = [null, "", "platform", "Platform", "fin", "video", "media", "NULL"];
const PROJECTS = [null, " ", "api"];
const ENVIRONMENTS = [null, "production", "Prod", "Production ", "qa", "\t"];

describe.each(ENGINES)("tag SQL in %s", (_name, open, enabled) => {
  let db: Engine;
  beforeAll(async () => {
    if (!enabled) return;
    db = await open();
    await db.query(
      "CREATE TABLE cost_rows (id int PRIMARY KEY, department text, project text, environment text, cost numeric(18,10))",
    );
    let id = 0;
    for (const department of DEPARTMENTS)
      for (const project of PROJECTS)
        for (const environment of ENVIRONMENTS) {
          id += 1;
          // Distinct exact amounts so a wrong regroup cannot cancel out.
          await db.query("INSERT INTO cost_rows VALUES ($1, $2, $3, $4, $5)", [
            id,
            department,
            project,
            environment,
            `${id}.0000000001`,
          ]);
        }
  });
  afterAll(async () => {
    if (enabled) await db.close();
  });

  it.skipIf(!enabled).each(SETTINGS_CASES)(
    "status, value and category match the classifier with %s",
    async (_label, settings) => {
      for (const key of TAG_KEYS) {
        const params: unknown[] = [RAW_VALUES];
        const status = toStatusSql("t.raw", key, settings, params);
        const value = toResolvedValueSql("t.raw", key, settings, params);
        const category = toEnvironmentCategorySql("t.raw", settings, params);
        const rows = await db.query(
          `SELECT t.raw, ${status} AS status, ${value} AS value, ${category} AS category
         FROM unnest($1::text[]) WITH ORDINALITY AS t(raw, i) ORDER BY t.i`,
          params,
        );
        const expected = RAW_VALUES.map((raw) => {
          const c = classifyTagValue(key, raw, settings);
          return { raw, status: c.status, value: c.value, category: categorizeEnvironment(raw, settings) };
        });
        expect(rows, key).toEqual(expected);
      }
    },
  );

  it.skipIf(!enabled).each(SETTINGS_CASES)(
    "compliance status and problem key match with %s",
    async (_label, settings) => {
      const params: unknown[] = [];
      const rows = await db.query(
        `SELECT s.id, s.department, s.project, s.environment,
         ${toComplianceStatusSql({ department: "s.d", project: "s.p", environment: "s.e" })} AS status,
         ${toComplianceProblemKeySql({ department: "s.d", project: "s.p", environment: "s.e" })} AS "problemKey"
       FROM (SELECT c.*, ${toStatusSql("c.department", "department", settings, params)} AS d,
                         ${toStatusSql("c.project", "project", settings, params)} AS p,
                         ${toStatusSql("c.environment", "environment", settings, params)} AS e
             FROM cost_rows c) s
       ORDER BY s.id`,
        params,
      );
      expect(rows.length).toBe(DEPARTMENTS.length * PROJECTS.length * ENVIRONMENTS.length);
      for (const row of rows) {
        const tags = {
          department: row.department as string | null,
          project: row.project as string | null,
          environment: row.environment as string | null,
        };
        const { status, problemKey } = toComplianceStatus(tags, settings);
        expect({ ...tags, status: row.status, problemKey: row.problemKey }).toEqual({ ...tags, status, problemKey });
      }
    },
  );

  it.skipIf(!enabled)("an alias regroups spend at read time without changing the total", async () => {
    const spendByEnvironment = async (settings: TagSettings) => {
      const params: unknown[] = [];
      const value = toResolvedValueSql("environment", "environment", settings, params);
      const rows = await db.query(`SELECT ${value} AS env, sum(cost)::text AS cost FROM cost_rows GROUP BY 1`, params);
      return new Map(rows.map((r) => [r.env as string | null, r.cost as string]));
    };
    const before = await spendByEnvironment(toDemoTagSettings());
    const after = await spendByEnvironment(
      expectOk(addAlias(toDemoTagSettings(), "environment", "Production ", "production")),
    );
    const [total] = await db.query("SELECT sum(cost)::text AS total FROM cost_rows");
    // Sums compared in SQL so the check stays exact: production after = production before + "Production " before.
    const [check] = await db.query(
      `SELECT ($1::numeric + $2::numeric = $3::numeric) AS moved,
              ($4::numeric = (SELECT sum(v::numeric) FROM unnest($5::text[]) AS v)) AS same_total`,
      [before.get("production"), before.get("Production "), after.get("production"), total?.total, [...after.values()]],
    );
    expect(after.has("Production ")).toBe(false);
    expect(check).toEqual({ moved: true, same_total: true });
  });
});
