// schema.prisma must describe exactly what the SQL migrations build: the Prisma client's generated types come from
// the one, the database from the other, and Prisma's own diff (`prisma migrate diff`) needs a schema engine that
// cannot be fetched here. So this test applies the migrations with our migrator to a throwaway database, reads
// what they built from information_schema and pg_catalog, reads schema.prisma with Prisma's own parser (getDMMF),
// and names every difference: tables, columns, types (with precision), nullability, defaults, primary keys,
// unique and plain indexes. Not compared, because schema.prisma cannot say them: CHECK constraints, UNLOGGED,
// index sort order, and comments.
import { readFileSync } from "node:fs";
import path from "node:path";
import { getDMMF } from "@prisma/get-dmmf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases, type TestDb } from "@/testing/databases";
import type { Sql } from "./types";

type Column = { type: string; nullable: boolean; default: string | null; prisma?: string };
type Table = { model?: string; columns: Map<string, Column>; primaryKey: string[]; indexes: Set<string> };
type Shape = Map<string, Table>;

const SCHEMA = readFileSync(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8");

// ---- what the migrations built ----

const UDT_NAMES: Record<string, string> = {
  text: "text",
  varchar: "varchar",
  bpchar: "char",
  uuid: "uuid",
  int2: "smallint",
  int4: "integer",
  int8: "bigint",
  float4: "real",
  float8: "double precision",
  numeric: "numeric",
  bool: "boolean",
  date: "date",
  timestamp: "timestamp",
  timestamptz: "timestamptz",
  json: "json",
  jsonb: "jsonb",
  bytea: "bytea",
};

type ColumnRow = {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: "YES" | "NO";
  column_default: string | null;
  character_maximum_length: number | null;
  numeric_precision: number | null;
  numeric_scale: number | null;
  datetime_precision: number | null;
};

function toDatabaseType(c: ColumnRow): string {
  if (c.data_type === "ARRAY") return `${UDT_NAMES[c.udt_name.slice(1)] ?? c.udt_name.slice(1)}[]`;
  const name = UDT_NAMES[c.udt_name] ?? c.udt_name;
  if (name === "numeric")
    return c.numeric_precision === null ? name : `${name}(${c.numeric_precision},${c.numeric_scale})`;
  if (name === "varchar" || name === "char")
    return c.character_maximum_length === null ? name : `${name}(${c.character_maximum_length})`;
  if (name === "timestamp" || name === "timestamptz") return `${name}(${c.datetime_precision})`;
  return name;
}

/** A column default as both sides can say it: "autoincrement", "now", or the literal without quotes and casts. */
function toDatabaseDefault(expr: string | null): string | null {
  if (expr === null) return null;
  if (/^nextval\('.*'::regclass\)$/.test(expr)) return "autoincrement";
  if (expr === "CURRENT_TIMESTAMP" || expr === "now()") return "now";
  const literal = expr.replace(/(::[a-z ]+(\(\d+(,\d+)?\))?(\[\])?)+$/, "");
  const quoted = /^'(.*)'$/s.exec(literal);
  return quoted ? quoted[1]!.replaceAll("''", "'") : literal;
}

async function readDatabaseShape(sql: Sql): Promise<Shape> {
  const columns = await sql.query<ColumnRow>(
    `SELECT c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable, c.column_default,
            c.character_maximum_length, c.numeric_precision, c.numeric_scale, c.datetime_precision
     FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name <> '_prisma_migrations'`,
  );
  const indexes = await sql.query<{ table_name: string; is_primary: boolean; is_unique: boolean; columns: string[] }>(
    `SELECT t.relname::text AS table_name, ix.indisprimary AS is_primary, ix.indisunique AS is_unique,
            array_agg(coalesce(a.attname::text, '(expression)') ORDER BY k.ord) AS columns
     FROM pg_index ix
     JOIN pg_class i ON i.oid = ix.indexrelid
     JOIN pg_class t ON t.oid = ix.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     CROSS JOIN LATERAL unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
     LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
     WHERE n.nspname = current_schema() AND t.relname <> '_prisma_migrations'
     GROUP BY t.relname, i.relname, ix.indisprimary, ix.indisunique`,
  );
  const shape: Shape = new Map();
  for (const c of columns) {
    const table = shape.get(c.table_name) ?? { columns: new Map(), primaryKey: [], indexes: new Set<string>() };
    shape.set(c.table_name, table);
    table.columns.set(c.column_name, {
      type: toDatabaseType(c),
      nullable: c.is_nullable === "YES",
      default: toDatabaseDefault(c.column_default),
    });
  }
  for (const ix of indexes) {
    const table = shape.get(ix.table_name);
    if (!table) continue;
    if (ix.is_primary) table.primaryKey = ix.columns;
    else table.indexes.add(`${ix.is_unique ? "unique index" : "index"} (${ix.columns.join(", ")})`);
  }
  return shape;
}

// ---- what schema.prisma says ----

type Field = {
  name: string;
  dbName?: string | null;
  kind: string;
  type: string;
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUnique: boolean;
  nativeType?: [string, string[]] | null;
  default?: unknown;
};

/** The Postgres type Prisma's migrations create for a field (Prisma's PostgreSQL connector defaults). */
function toPrismaColumnType(f: Field): string {
  const [native, args = []] = f.nativeType ?? [null, []];
  const withArgs = (name: string) => (args.length && !f.isList ? `${name}(${args.join(",")})` : name);
  const base = ((): string | undefined => {
    switch (`${f.type}:${native ?? ""}`) {
      case "String:":
      case "String:Text":
        return "text";
      case "String:VarChar":
        return withArgs("varchar");
      case "String:Char":
        return withArgs("char");
      case "String:Uuid":
        return "uuid";
      case "Int:":
      case "Int:Integer":
        return "integer";
      case "Int:SmallInt":
        return "smallint";
      case "BigInt:":
      case "BigInt:BigInt":
        return "bigint";
      case "Float:":
      case "Float:DoublePrecision":
        return "double precision";
      case "Float:Real":
        return "real";
      case "Decimal:":
        return f.isList ? "numeric" : "numeric(65,30)";
      case "Decimal:Decimal":
        return withArgs("numeric");
      case "Boolean:":
        return "boolean";
      case "DateTime:":
        return f.isList ? "timestamp" : "timestamp(3)";
      case "DateTime:Timestamp":
        return f.isList ? "timestamp" : `timestamp(${args[0] ?? 6})`;
      case "DateTime:Timestamptz":
        return f.isList ? "timestamptz" : `timestamptz(${args[0] ?? 6})`;
      case "DateTime:Date":
        return "date";
      case "Json:":
      case "Json:JsonB":
        return "jsonb";
      case "Json:Json":
        return "json";
      case "Bytes:":
        return "bytea";
    }
  })();
  if (!base) throw new Error(`The drift test does not know ${f.type} @db.${native}: add it to toPrismaColumnType.`);
  return f.isList ? `${base}[]` : base;
}

function toPrismaDefault(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "object" && "name" in value) {
    const fn = value as { name: string; args: unknown[] };
    if (fn.name === "autoincrement" || fn.name === "now") return fn.name;
    if (fn.name === "dbgenerated") return String(fn.args[0]);
    return null; // uuid(), cuid(), …: made by the client, no default in the database
  }
  return String(value);
}

function describeField(f: Field): string {
  const native = f.nativeType
    ? ` @db.${f.nativeType[0]}${f.nativeType[1].length ? `(${f.nativeType[1].join(", ")})` : ""}`
    : "";
  return `${f.type}${f.isList ? "[]" : f.isRequired ? "" : "?"}${native}`;
}

const IGNORED_KEY = "drift_test_ignored_model";

async function readSchemaShape(schema: string): Promise<Shape> {
  // Prisma leaves @@ignore models (tables without a key, read and written with SQL) out of its data model; give
  // each a stand-in unique key so they stay in it, and leave that key out of the comparison.
  const withIgnored = schema.replace(
    /^(model (\w+) \{)([^}]*?)^\s*@@ignore\s*$/gm,
    (_, head: string, model: string, body: string) => {
      const firstField = /^\s*(\w+)\s+\w/m.exec(body)?.[1];
      return `${head}${body}  @@unique([${firstField}], map: "${IGNORED_KEY}_${model}")\n`;
    },
  );
  const dmmf = await getDMMF({ datamodel: withIgnored });
  if ("error" in dmmf)
    throw new Error(`schema.prisma does not parse: ${dmmf.error.message.replace(/\u001b\[[\d;]*m/g, "")}`);
  const shape: Shape = new Map();
  for (const model of dmmf.datamodel.models) {
    const fields = model.fields as readonly Field[];
    const columnOf = (name: string) => {
      const f = fields.find((x) => x.name === name);
      return f?.dbName ?? name;
    };
    const table: Table = { model: model.name, columns: new Map(), primaryKey: [], indexes: new Set() };
    shape.set(model.dbName ?? model.name, table);
    for (const f of fields) {
      if (f.kind !== "scalar" && f.kind !== "enum") continue;
      table.columns.set(f.dbName ?? f.name, {
        type: toPrismaColumnType(f),
        // Prisma's migrations create scalar lists without NOT NULL (an absent list reads as []).
        nullable: f.isList || !f.isRequired,
        default: toPrismaDefault(f.default),
        prisma: `${model.name}.${f.name} ${describeField(f)}`,
      });
    }
    for (const ix of dmmf.datamodel.indexes.filter((i) => i.model === model.name)) {
      const cols = ix.fields.map((f) => columnOf(f.name));
      if (ix.type === "id") table.primaryKey = cols;
      else if (!ix.dbName?.startsWith(IGNORED_KEY) && (ix.type === "unique" || ix.type === "normal"))
        table.indexes.add(`${ix.type === "unique" ? "unique index" : "index"} (${cols.join(", ")})`);
    }
  }
  return shape;
}

// ---- the comparison ----

/** Every difference between the database the migrations built and schema.prisma, one sentence each. */
function diffShapes(db: Shape, schema: Shape): string[] {
  const out: string[] = [];
  for (const name of db.keys())
    if (!schema.has(name)) out.push(`table ${name}: in the migrations, but no model in schema.prisma maps to it`);
  for (const [name, s] of schema) {
    const t = db.get(name);
    if (!t) {
      out.push(`model ${s.model} (table ${name}): in schema.prisma, but the migrations create no such table`);
      continue;
    }
    for (const [col, c] of t.columns)
      if (!s.columns.has(col))
        out.push(`${name}.${col} (${c.type}): in the migrations, but model ${s.model} has no field for it`);
    for (const [col, p] of s.columns) {
      const c = t.columns.get(col);
      if (!c) {
        out.push(`${name}.${col}: field ${p.prisma} in schema.prisma, but the migrations create no such column`);
        continue;
      }
      if (c.type !== p.type)
        out.push(`${name}.${col}: type ${c.type} in the migrations, ${p.type} in schema.prisma (${p.prisma})`);
      if (c.nullable !== p.nullable)
        out.push(
          `${name}.${col}: ${c.nullable ? "nullable" : "NOT NULL"} in the migrations, ${p.nullable ? "optional" : "required"} in schema.prisma (${p.prisma})`,
        );
      if (c.default !== p.default)
        out.push(
          `${name}.${col}: default ${c.default ?? "none"} in the migrations, ${p.default ?? "none"} in schema.prisma (${p.prisma})`,
        );
    }
    if (t.primaryKey.join(", ") !== s.primaryKey.join(", "))
      out.push(
        `${name}: primary key (${t.primaryKey.join(", ")}) in the migrations, (${s.primaryKey.join(", ")}) in schema.prisma`,
      );
    for (const ix of t.indexes) if (!s.indexes.has(ix)) out.push(`${name}: ${ix} in the migrations only`);
    for (const ix of s.indexes) if (!t.indexes.has(ix)) out.push(`${name}: ${ix} in schema.prisma only`);
  }
  return out.sort();
}

/** What a drift made inside fn (DDL is transactional) looks like; rolled back afterwards. */
async function readShapeWith(db: TestDb, ddl: string): Promise<Shape> {
  let shape: Shape | undefined;
  const rollback = new Error("rollback");
  await db
    .transaction(async (tx) => {
      await tx.exec(ddl);
      shape = await readDatabaseShape(tx);
      throw rollback;
    })
    .catch((err: unknown) => {
      if (err !== rollback) throw err;
    });
  return shape!;
}

describe.each(testDatabases())("schema.prisma against the migrations on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create(); // applies prisma/migrations/*/migration.sql with lib/db/migrate.ts
  });
  afterAll(() => db.drop());

  it("describes the same tables, columns, types, nullability, defaults, keys and indexes", async () => {
    const built = await readDatabaseShape(db.sql);
    expect(built.size).toBeGreaterThan(10); // the migrations were applied
    expect(diffShapes(built, await readSchemaShape(SCHEMA))).toEqual([]);
  });

  it("names a drift made in a migration: a column, a nullability, a type, a default, an index", async () => {
    const built = await readShapeWith(
      db,
      `ALTER TABLE sync_run ADD COLUMN note text;
       ALTER TABLE setting ALTER COLUMN updated_at DROP NOT NULL;
       ALTER TABLE cost_day ALTER COLUMN unblended TYPE numeric(14,4);
       ALTER TABLE savings_initiative ALTER COLUMN months SET DEFAULT 6;
       CREATE UNIQUE INDEX drifted ON cost_account (name);
       CREATE TABLE stray (id int);`,
    );
    expect(diffShapes(built, await readSchemaShape(SCHEMA))).toEqual([
      "cost_account: unique index (name) in the migrations only",
      "cost_day.unblended: type numeric(14,4) in the migrations, numeric in schema.prisma (CostDay.unblended Decimal @db.Decimal)",
      "savings_initiative.months: default 6 in the migrations, 3 in schema.prisma (SavingsInitiative.months Int)",
      "setting.updated_at: nullable in the migrations, required in schema.prisma (Setting.updatedAt DateTime @db.Timestamptz(3))",
      "sync_run.note (text): in the migrations, but model SyncRun has no field for it",
      "table stray: in the migrations, but no model in schema.prisma maps to it",
    ]);
  });

  it("names a drift made in schema.prisma: a model without a table, a field without a column, a type", async () => {
    const drifted = SCHEMA.replace(
      'unblended    Decimal  @db.Decimal\n  amortized    Decimal  @db.Decimal\n  netAmortized Decimal  @map("net_amortized") @db.Decimal\n  runId        Int      @map("run_id")',
      'unblended    Decimal  @db.Decimal(14, 6)\n  amortized    Decimal  @db.Decimal\n  netAmortized Decimal  @map("net_amortized") @db.Decimal\n  runId        Int      @map("run_id")\n  note         String?',
    ).concat('\nmodel LoginToken {\n  id Int @id @default(autoincrement())\n  @@map("login_token")\n}\n');
    expect(drifted).not.toBe(SCHEMA);
    expect(diffShapes(await readDatabaseShape(db.sql), await readSchemaShape(drifted))).toEqual([
      "cost_day.note: field CostDay.note String? in schema.prisma, but the migrations create no such column",
      "cost_day.unblended: type numeric in the migrations, numeric(14,6) in schema.prisma (CostDay.unblended Decimal @db.Decimal(14, 6))",
      "model LoginToken (table login_token): in schema.prisma, but the migrations create no such table",
    ]);
  });
});
