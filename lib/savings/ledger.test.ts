import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases, type TestDb } from "@/testing/databases";
import { AppError } from "@/lib/errors";
import { insertContainers } from "@/testing/rightsizing-seed";
import { EXPECTED_CENTS, TEST_PRICING_SETTINGS, TEST_TEAMS } from "@/testing/rightsizing-teams";
import { saveRightsizingSettings, getTagSettings } from "@/lib/settings/store";
import { parseInitiativeInput, type InitiativeInput } from "./initiative";
import {
  createInitiative,
  deleteInitiative,
  getInitiative,
  listInitiatives,
  updateInitiative,
} from "./initiatives-store";
import { getLedger } from "./ledger";
import { getCandidates } from "./read-candidates";
import { LEDGER_NOW, S3, seedLedgerSpend } from "@/testing/savings-seed";

function input(raw: Record<string, unknown>): InitiativeInput {
  const parsed = parseInitiativeInput(raw, LEDGER_NOW);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

const LOAD_TEST = input({
  name: "Load test shut down",
  changeDate: "2026-06-01",
  scope: { filters: { project: "load-test" } },
});
const RECORDINGS = input({
  name: "Recordings to Glacier IR",
  description: "Moved rarely watched recordings to Glacier Instant Retrieval",
  changeDate: "2026-06-10",
  scope: { filters: { project: "recordings", service: S3 } },
});

describe.each(testDatabases())("savings ledger on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
    await seedLedgerSpend(db);
    await saveRightsizingSettings(db, TEST_PRICING_SETTINGS);
    await insertContainers(db.sql, TEST_TEAMS);
  });
  afterAll(() => db.drop());

  it("creates, edits and deletes initiatives; names are unique whatever their case", async () => {
    const made = await createInitiative(
      db,
      input({ name: "Temp", changeDate: "2026-01-01", scope: { filters: {} } }),
      LEDGER_NOW,
    );
    expect(made).toMatchObject({ name: "Temp", months: 3, kind: "bill", scope: { filters: {} }, scopeError: null });
    await expect(createInitiative(db, input({ name: "temp", changeDate: "2026-01-01" }), LEDGER_NOW)).rejects.toThrow(
      /already exists/,
    );
    const edited = await updateInitiative(
      db,
      made.id,
      input({ name: "Temp 2", changeDate: "2026-02-03", months: "2", scope: { filters: { service: "EC2" } } }),
      LEDGER_NOW,
    );
    expect(edited).toMatchObject({
      name: "Temp 2",
      changeDate: "2026-02-03",
      months: 2,
      scope: { filters: { service: "EC2" } },
    });
    expect((await getInitiative(db, made.id, LEDGER_NOW)).name).toBe("Temp 2");
    await deleteInitiative(db, made.id);
    await expect(deleteInitiative(db, made.id)).rejects.toSatisfy(
      (e) => e instanceof AppError && e.kind === "not-found",
    );
    await expect(
      updateInitiative(db, made.id, input({ name: "Temp 3", changeDate: "2026-02-03" }), LEDGER_NOW),
    ).rejects.toSatisfy((e) => e instanceof AppError && e.kind === "not-found");
    expect(await listInitiatives(db, LEDGER_NOW)).toEqual([]);
  });

  it("compares names literally: % and _ in a name are characters, not a pattern", async () => {
    const made = await createInitiative(db, input({ name: "Batch_jobs off", changeDate: "2026-01-01" }), LEDGER_NOW);
    const percent = await createInitiative(db, input({ name: "B%", changeDate: "2026-01-01" }), LEDGER_NOW);
    const underscore = await createInitiative(
      db,
      input({ name: "batch-jobs off", changeDate: "2026-01-01" }),
      LEDGER_NOW,
    );
    await expect(createInitiative(db, input({ name: "b%", changeDate: "2026-01-01" }), LEDGER_NOW)).rejects.toThrow(
      /already exists/,
    );
    for (const i of [made, percent, underscore]) await deleteInitiative(db, i.id);
  });

  it("measures each initiative on the bill, with the months behind it", async () => {
    await createInitiative(db, LOAD_TEST, LEDGER_NOW);
    await createInitiative(db, RECORDINGS, LEDGER_NOW);
    const ledger = await getLedger(db, LEDGER_NOW);
    const [load, recordings] = ledger.entries;
    // Mar–May 3000 a month; Jul–Sep nothing; June (999) left out.
    expect(load?.realized).toMatchObject({
      status: "measured",
      before: { months: ["2026-03-01", "2026-04-01", "2026-05-01"], total: "9000", average: "3000" },
      after: { months: ["2026-07-01", "2026-08-01", "2026-09-01"], total: "0", average: "0" },
      monthlySaving: "3000",
      annualSaving: "36000",
    });
    // Only S3 of the project: CloudFront (50 a month) stays out of the scope. (1000 − 300) × 12.
    expect(recordings?.realized).toMatchObject({ status: "measured", monthlySaving: "700", annualSaving: "8400" });
    expect(ledger.totalAnnual).toBe("44400");
    expect(load?.chart.map((p) => [p.month, p.amount, p.role])).toEqual([
      ["2026-03-01", "3000", "before"],
      ["2026-04-01", "3000", "before"],
      ["2026-05-01", "3000", "before"],
      ["2026-06-01", "999", "change"],
      ["2026-07-01", "0", "after"],
      ["2026-08-01", "0", "after"],
      ["2026-09-01", "0", "after"],
      ["2026-10-01", "0", "not-counted"],
    ]);
    expect(recordings?.spendHref).toContain("project=recordings");
  });

  it("shows a rightsizing initiative's potential: the net monthly savings /rightsizing shows", async () => {
    await createInitiative(
      db,
      input({
        name: "Non-prod rightsized",
        kind: "rightsizing",
        changeDate: "2026-10-01",
        scope: { filters: { service: "EC2" } },
      }),
      LEDGER_NOW,
    );
    const entry = (await getLedger(db, LEDGER_NOW)).entries.find((e) => e.initiative.name === "Non-prod rightsized");
    expect(entry?.realized?.status).toBe("too-few-after");
    expect(entry?.potential).toMatchObject({
      kind: "potential",
      monthlyCents: EXPECTED_CENTS.total.netCents,
      annualCents: EXPECTED_CENTS.total.netCents * 12,
    });
  });

  it("suggests projects whose spend stopped and the teams with the most to cut", async () => {
    const settings = await getTagSettings(db);
    const candidates = await getCandidates(db, await listInitiatives(db, LEDGER_NOW), { now: LEDGER_NOW, settings });
    // load-test stopped too, but an initiative covers it already.
    expect(candidates.abandoned.map((c) => [c.project, c.stoppedMonth, c.annualSaving])).toEqual([
      ["legacy", "2026-07-01", "24000"],
    ]);
    expect(candidates.teams.map((t) => [t.team, t.monthlyCents])).toEqual([
      ["payments", EXPECTED_CENTS.payments.netCents],
      ["video", EXPECTED_CENTS.video.netCents],
    ]);
  });
});

describe("parseInitiativeInput", () => {
  it.each([
    { raw: { name: "", changeDate: "2026-06-01" }, field: "name", says: /give the initiative a name/ },
    { raw: { name: "x", changeDate: "2026-13-01" }, field: "changeDate", says: /YYYY-MM-DD/ },
    { raw: { name: "x", changeDate: "2026-06-01", months: "0" }, field: "months", says: /at least 1/ },
    { raw: { name: "x", changeDate: "2026-06-01", months: "1.5" }, field: "months", says: /whole number/ },
    { raw: { name: "x", changeDate: "2026-06-01", kind: "cloud" }, field: "kind", says: /bill or rightsizing/ },
    {
      raw: {
        name: "x",
        changeDate: "2026-06-01",
        scope: { filters: { project: "a", service: "S3", environment: "production" } },
      },
      field: "scope",
      says: /not stored exactly/,
    },
    {
      raw: { name: "x", changeDate: "2026-06-01", scope: { filters: { category: "prod" } } },
      field: "scope",
      says: /category must be customer-serving or rnd/,
    },
  ])("refuses $field: $says", ({ raw, field, says }) => {
    const parsed = parseInitiativeInput(raw, LEDGER_NOW);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[field]).toMatch(says);
  });

  it("trims, drops empty filters and keeps the rightsizing clusters only for rightsizing initiatives", () => {
    const bill = parseInitiativeInput(
      {
        name: " RDS ",
        changeDate: "2026-07-01",
        scope: { filters: { service: " RDS ", project: "" }, rightsizing: { cluster: "x" } },
      },
      LEDGER_NOW,
    );
    expect(bill).toEqual({
      ok: true,
      value: {
        name: "RDS",
        description: "",
        changeDate: "2026-07-01",
        kind: "bill",
        months: 3,
        scope: { filters: { service: "RDS" } },
      },
    });
    const rs = parseInitiativeInput(
      {
        name: "k8s",
        kind: "rightsizing",
        changeDate: "2026-07-01",
        scope: { rightsizing: { cluster: "dev", environment: "" } },
      },
      LEDGER_NOW,
    );
    expect(rs.ok && rs.value.scope).toEqual({ filters: {}, rightsizing: { cluster: "dev" } });
  });
});
