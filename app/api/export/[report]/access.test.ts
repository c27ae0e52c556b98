// Scoped exports through GET /api/export/<report> behind a sign-in proxy: a department grant downloads its
// departments' spend only, a team grant its teams' rows only, and a crafted option naming someone else's team or
// department answers 403 (recorded in the audit trail). Identity headers count only from a trusted proxy.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as exportGet } from "./route";
import { GET as syncGet, POST as syncPost } from "@/app/api/sync/route";
import { PEER_HEADER } from "@/lib/access/request";
import { listAuditEvents } from "@/lib/audit/events";
import { parseCsv } from "@/lib/csv";
import { setProcessDb } from "@/lib/db/process-db";
import { saveRightsizingSettings } from "@/lib/settings/store";
import { testDatabases, type TestDb } from "@/testing/databases";
import { insertContainers } from "@/testing/rightsizing-seed";
import { TEST_PRICING_SETTINGS, TEST_TEAMS } from "@/testing/rightsizing-teams";
import { SEED_NOW, seedSpend } from "@/testing/spend-seed";

Object.assign(process.env, {
  COSTWISE_NOW: SEED_NOW.toISOString(),
  COSTWISE_AUTH: "proxy",
  COSTWISE_TRUSTED_PROXIES: "127.0.0.1, ::1",
  COSTWISE_ROLES: [
    "email:boss@example.com = admin",
    "group:finance = finance",
    "domain:example.com = viewer",
    "group:platform-eng = department:platform",
    "group:payments-eng = team:payments",
  ].join("\n"),
});

type Person = { email: string; groups?: string[] };

function request(url: string, as: Person | null, opts: { peer?: string; method?: string } = {}): Request {
  const headers = new Headers({ [PEER_HEADER]: opts.peer ?? "127.0.0.1" });
  if (as) {
    headers.set("x-forwarded-email", as.email);
    headers.set("x-forwarded-groups", (as.groups ?? []).join(","));
  }
  return new Request(`http://127.0.0.1${url}`, { method: opts.method ?? "GET", headers });
}

async function download(report: string, query: string, as: Person | null, peer?: string) {
  const res = await exportGet(request(`/api/export/${report}?${query}`, as, { peer }), {
    params: Promise.resolve({ report }),
  });
  return { status: res.status, text: await res.text() };
}

const PLATFORM = { email: "pat@corp.io", groups: ["platform-eng"] };
const PAYMENTS = { email: "pia@corp.io", groups: ["payments-eng"] };
const FINANCE = { email: "fay@corp.io", groups: ["finance"] };
const NOBODY = { email: "nobody@corp.io", groups: ["marketing"] };

describe.each(testDatabases())("scoped exports on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
    await seedSpend(db);
    await saveRightsizingSettings(db, TEST_PRICING_SETTINGS);
    await insertContainers(db.sql, TEST_TEAMS);
    setProcessDb(Promise.resolve(db));
  });
  afterAll(async () => {
    setProcessDb(undefined);
    await db.drop();
  });

  it("a department grant downloads exactly that department's rows, the same bytes a reader gets by filtering", async () => {
    const scoped = await download("spend", "by=project&granularity=total", PLATFORM);
    expect(scoped.status).toBe(200);
    const filtered = await download("spend", "by=project&granularity=total&department=platform", FINANCE);
    expect(scoped.text).toBe(filtered.text);
    const rows = parseCsv(scoped.text).slice(1);
    expect(rows.map((r) => r[2])).toEqual(["k8s", "ci"]);
    // Everyone's spend by project has more projects than that.
    const all = parseCsv((await download("spend", "by=project&granularity=total", FINANCE)).text).slice(1);
    expect(all.length).toBeGreaterThan(rows.length);
  });

  it("a department grant asking for another department gets 403, recorded in the audit trail", async () => {
    const crafted = await download("spend", "department=payments", PLATFORM);
    expect(crafted.status).toBe(403);
    expect(JSON.parse(crafted.text)).toMatchObject({ error: { kind: "forbidden" } });
    expect(crafted.text).not.toContain("70.5");
    const [event] = await listAuditEvents(db, { action: "access.refused", actor: "pat@corp.io" });
    expect(event).toMatchObject({ target: "export spend", outcome: "refused" });
    expect(event?.detail).toContain("department payments");
  });

  it("a team grant downloads its team's containers only, and 403 for another team or for spend", async () => {
    const own = await download("rightsizing", "format=csv", PAYMENTS);
    expect(own.status).toBe(200);
    const [header, ...rows] = parseCsv(own.text);
    const team = header!.indexOf("team");
    expect(rows.length).toBe(3);
    expect(new Set(rows.map((r) => r[team]))).toEqual(new Set(["payments"]));
    expect((await download("rightsizing", "team=video", PAYMENTS)).status).toBe(403);
    expect((await download("spend", "", PAYMENTS)).status).toBe(403);
    expect((await download("tags", "", PAYMENTS)).status).toBe(403);
  });

  it("finance and viewers read every export; a signed-in person no rule matches reads none", async () => {
    expect((await download("rightsizing", "format=csv", FINANCE)).status).toBe(200);
    expect((await download("sync-runs", "", { email: "vic@example.com" })).status).toBe(200);
    for (const report of ["spend", "rightsizing", "tags", "tag-policy", "sync-runs", "slides"]) {
      expect((await download(report, "", NOBODY)).status, report).toBe(403);
    }
  });

  it("believes identity headers only from a trusted proxy: from anywhere else the request is unauthenticated", async () => {
    for (const peer of ["10.0.0.7", "::ffff:192.168.1.20", "", "not-an-address"]) {
      const res = await download("spend", "", { email: "boss@example.com" }, peer);
      expect(res.status, peer).toBe(401);
    }
    expect((await download("spend", "", { email: "boss@example.com" }, "::ffff:127.0.0.1")).status).toBe(200);
    expect((await download("spend", "", null)).status).toBe(401);
  });

  it("Sync now needs admin: finance is refused (and recorded), the runs list is readable", async () => {
    const refused = await syncPost(request("/api/sync", FINANCE, { method: "POST" }));
    expect(refused.status).toBe(403);
    expect(await listAuditEvents(db, { action: "access.refused", actor: "fay@corp.io" })).toEqual([
      expect.objectContaining({ target: "POST /api/sync" }),
    ]);
    expect((await syncGet(request("/api/sync", FINANCE))).status).toBe(200);
    expect((await syncGet(request("/api/sync", null))).status).toBe(401);
  });
});
