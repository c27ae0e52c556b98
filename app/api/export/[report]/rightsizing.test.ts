import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FULL_SCOPE } from "@/lib/access/access";
import { parseAllDocuments } from "yaml";
import { GET } from "./route";
import { parseCsv } from "@/lib/csv";
import { setProcessDb } from "@/lib/db/process-db";
import { testDatabases, type TestDb } from "@/testing/databases";
import { insertContainers } from "@/testing/rightsizing-seed";
import { TEST_PRICING_SETTINGS, TEST_TEAMS } from "@/testing/rightsizing-teams";
import { saveRightsizingSettings } from "@/lib/settings/store";
import { getExport } from "@/lib/exports/registry";
import { rightsizingExport } from "@/lib/exports/rightsizing";

const now = new Date("2026-11-26T12:00:00Z");

// Markdown cells split on unescaped pipes; the rows between the header separator and the end.
function parseMarkdownRows(md: string): string[][] {
  const lines = md.split("\n").filter((line) => line.startsWith("| "));
  return lines.slice(2).map((line) => line.slice(2, -2).split(/(?<!\\) \| /));
}

describe.each(testDatabases())("rightsizing export on $name", ({ create }) => {
  let db: TestDb;
  const run = async (options: Record<string, string>) => {
    const out = await rightsizingExport.run(options, { db, now, scope: FULL_SCOPE });
    return { ...out, text: String(out.body) };
  };
  beforeAll(async () => {
    db = await create();
    await saveRightsizingSettings(db, TEST_PRICING_SETTINGS);
    await insertContainers(db.sql, TEST_TEAMS);
  });
  afterAll(async () => {
    setProcessDb(undefined);
    await db.drop();
  });

  it("is registered, so the web and the CLI serve it", () => {
    expect(getExport("rightsizing")).toBe(rightsizingExport);
  });

  it("writes CSV with one row per container, the team's rows in the page's order", async () => {
    const out = await run({ team: "payments", format: "csv" });
    expect(out.filename).toBe("rightsizing-payments.csv");
    const [header, ...rows] = parseCsv(out.text);
    const col = (name: string) => header!.indexOf(name);
    expect(
      rows.map((r) => [
        r[col("workload")],
        r[col("container")],
        r[col("recommended_cpu_request_millicores")],
        r[col("recommended_memory_request_mib")],
        r[col("monthly_savings_usd")],
      ]),
    ).toEqual([
      ["api", "app", "480", "460", "17.19"],
      ["api", "istio-proxy", "60", "58", "1.42"],
      ["worker", "app", "480", "460", "17.19"],
    ]);
  });

  it("writes Markdown with the same rows as the CSV, under a title with the team's totals", async () => {
    const csv = parseCsv((await run({ format: "csv" })).text).slice(1);
    const md = (await run({ format: "md" })).text;
    expect(md.split("\n")[0]).toBe(
      "**Rightsizing — all teams**: 6 containers, 5 to change; net savings $27.77/month (cuts $35.58, raises $7.81; HPA-scaled, not in totals: $17.19).",
    );
    const mdRows = parseMarkdownRows(md);
    expect(mdRows.map((r) => [r[0], r[1], r[2], r[3]])).toEqual(csv.map((r) => [r[0], r[1], `${r[2]}/${r[3]}`, r[4]]));
  });

  it("writes YAML that parses and carries the recommended requests and limits per workload", async () => {
    const docs = parseAllDocuments((await run({ team: "payments", format: "yaml" })).text);
    expect(docs.every((d) => d.errors.length === 0)).toBe(true);
    const api = docs.map((d) => d.toJS()).find((d) => d?.metadata?.name === "api");
    expect(api).toMatchObject({ apiVersion: "apps/v1", kind: "Deployment", metadata: { namespace: "payments" } });
    expect(api.spec.template.spec.containers).toEqual([
      { name: "app", resources: { requests: { cpu: "480m", memory: "460Mi" }, limits: { memory: "2048Mi" } } },
      { name: "istio-proxy", resources: { requests: { cpu: "60m", memory: "58Mi" } } },
    ]);
  });

  it("writes one kubectl command per container, naming it", async () => {
    const csv = parseCsv((await run({ format: "csv" })).text).slice(1);
    const lines = (await run({ format: "kubectl" })).text.trimEnd().split("\n");
    expect(lines).toHaveLength(csv.length);
    csv.forEach((r, i) => {
      expect(lines[i]).toContain(`${r[2]!.toLowerCase()}/${r[3]} -n ${r[1]} --context ${r[0]} -c ${r[4]}`);
    });
    expect(lines).toContain(
      "kubectl set resources deployment/preview -n video --context staging-us-east-1 -c web --requests=cpu=10m,memory=276Mi --limits=memory=2048Mi",
    );
    expect(lines.find((l) => l.includes("-c uploader"))).toMatch(/^# skipped .*insufficient data: 1 day of samples/);
  });

  it("writes JSON whose money is exact decimal text and whose totals match the rows", async () => {
    const json = JSON.parse((await run({ team: "video", format: "json" })).text);
    expect(json.filters).toEqual({ team: "video", sort: "savings" });
    expect(json.totals.monthlySavingsUsd).toEqual({
      cuts: "16.97",
      raises: "7.81",
      net: "9.16",
      hpaNotInTotals: "0.00",
    });
    expect(
      json.rows.map((r: { container: string; monthlySavingsUsd: string }) => [r.container, r.monthlySavingsUsd]),
    ).toEqual([
      ["web", "16.97"],
      ["uploader", "0.00"],
      ["ffmpeg", "-7.81"],
    ]);
  });

  it("refuses bad options and unknown teams with a message", async () => {
    await expect(run({ format: "xml" })).rejects.toMatchObject({
      kind: "bad-input",
      message: expect.stringMatching(/format="xml": expected csv, json, md, yaml, kubectl/),
    });
    await expect(run({ team: "nobody" })).rejects.toMatchObject({ kind: "not-found" });
    await expect(run({ cluster: "prod-eu" })).rejects.toMatchObject({ kind: "bad-input" });
    await expect(run({ sort: "biggest" })).rejects.toMatchObject({ kind: "bad-input" });
  });

  it("downloads the same bytes from GET /api/export/rightsizing", async () => {
    setProcessDb(Promise.resolve(db));
    for (const format of ["csv", "md", "yaml", "kubectl", "json"]) {
      const res = await GET(new Request(`http://localhost/api/export/rightsizing?team=video&format=${format}`), {
        params: Promise.resolve({ report: "rightsizing" }),
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe((await run({ team: "video", format })).text);
    }
    const bad = await GET(new Request("http://localhost/api/export/rightsizing?team=nobody"), {
      params: Promise.resolve({ report: "rightsizing" }),
    });
    expect(bad.status).toBe(404);
  });
});
