import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { parse, parseAllDocuments } from "yaml";
import { parseCsv } from "../lib/csv";

// A team engineer reviews their team's table: the demo company's clusters, synced from the Datadog
// emulator through the real client. The idle staging workload `clip-editor-web` (team video) is the row checked.
const TEAM = "video";
const WORKLOAD = "clip-editor-web";
const MIB = 1024 * 1024;

/** The demo must be synced; when the server has not synced yet, the engineer presses "Sync now". */
async function ensureSynced(request: APIRequestContext) {
  const health = await (await request.get("/api/health")).json();
  if (health.lastSuccessfulSync) return;
  const started = await request.post("/api/sync");
  expect([202, 409]).toContain(started.status());
  const status = async () => (await (await request.get("/api/sync")).json()).runs[0]?.status;
  await expect.poll(() => status().catch(() => "busy"), { timeout: 240_000, intervals: [1000] }).toBe("succeeded");
}

test.describe.configure({ mode: "serial" });
test.beforeAll(async ({ request }) => {
  test.setTimeout(300_000);
  await ensureSynced(request);
});

type JsonRow = {
  container: string;
  memory: { idle: number; peak: number };
  flags: string[];
  rule: string;
  recommended: { cpuRequest: number; memoryRequest: number } | null;
};

// What the rules say the memory request is, worked out here from the stored usage (the idle rule of
// lib/rightsizing/recommend.ts, with the default settings): idle × multiplier, rounded up to whole Mi, never below
// peak × 1.15 (the peak guard) or the 32Mi floor.
function expectedIdleMemoryMib(row: JsonRow, multiplier: number): number {
  const ceil = (v: number) => Math.ceil(v - 1e-9);
  return Math.max(32, ceil((row.memory.idle / MIB) * multiplier), ceil((row.memory.peak / MIB) * 1.15));
}

async function getMainContainer(page: Page): Promise<JsonRow> {
  const res = await page.request.get(`/api/export/rightsizing?team=${TEAM}&q=${WORKLOAD}&format=json`);
  expect(res.status()).toBe(200);
  const rows = (await res.json()).rows as JsonRow[];
  const row = rows.find((r) => r.container === WORKLOAD);
  if (!row) throw new Error(`${WORKLOAD} is not in team ${TEAM}'s export`);
  return row;
}

/** A container's row: the one whose first cell is exactly the container's name (its reason row follows it). */
function containerRow(page: Page, container: string) {
  return page.getByRole("row").filter({ has: page.getByRole("cell", { name: container, exact: true }) });
}

async function download(page: Page, label: string): Promise<string> {
  const event = page.waitForEvent("download");
  await page.getByLabel("Downloads").getByRole("link", { name: label, exact: true }).click();
  return readFileSync(await (await event).path(), "utf8");
}

test("a team engineer reviews, downloads and re-tunes their team's table", async ({ page }) => {
  // Axe reads the long team table in two colour schemes, several times: more than the default minute.
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));

  // The team list: every demo team, with totals; open one.
  await page.goto("/rightsizing");
  const teams = page.getByRole("region", { name: "Teams" });
  for (const team of ["platform", "payments", "video", "data", "growth", "security", "support"]) {
    await expect(teams.getByRole("link", { name: team, exact: true })).toBeVisible();
  }
  await teams.getByRole("link", { name: TEAM, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Team ${TEAM}` })).toBeVisible();

  // Expand a row: its usage over the window, with the current request and the recommendation as lines.
  const first = page.getByRole("button", { name: /^Show usage of / }).first();
  // The row the button draws into (read first: once pressed, the button is named "Hide usage of …").
  const chart = page.locator(`[id="${await first.getAttribute("aria-controls")}"]`);
  await first.click();
  await expect(chart).toBeVisible();
  await expect(chart.locator(".recharts-line").first()).toBeVisible();
  await expect(chart.getByText(/^current request \d+m$/)).toBeVisible();
  await expect(chart.getByText(/^recommended \d+Mi$/)).toBeVisible();
  await expectNoAxeViolations(page, "a team's table with a usage chart open");

  // Downloads: the CSV holds every container the page lists; the YAML parses and carries the same values.
  const matching = Number(
    /(\d+) containers? match/.exec((await page.getByRole("region", { name: "Containers" }).textContent()) ?? "")?.[1],
  );
  const [header, ...csvRows] = parseCsv(await download(page, "CSV"));
  expect(csvRows).toHaveLength(matching);
  const col = (name: string) => header!.indexOf(name);
  expect(new Set(csvRows.map((r) => r[col("team")]))).toEqual(new Set([TEAM]));
  // Each document opens with a comment naming its cluster ("# prod-us-east-1 · video · StatefulSet/…").
  const yamlText = await download(page, "YAML");
  expect(parseAllDocuments(yamlText).every((d) => d.errors.length === 0)).toBe(true);
  const docs = yamlText
    .split(/^---$/m)
    .map((chunk) => ({ ...parse(chunk), cluster: /^# (\S+) · /.exec(chunk.trim())?.[1] }));
  for (const r of csvRows.filter((row) => row[col("recommended_cpu_request_millicores")] !== "")) {
    const doc = docs.find(
      (d) =>
        d.cluster === r[col("cluster")] &&
        d.metadata?.name === r[col("workload")] &&
        d.metadata?.namespace === r[col("namespace")] &&
        d.kind === r[col("workload_kind")],
    );
    const spec =
      r[col("workload_kind")] === "CronJob" ? doc?.spec.jobTemplate.spec.template.spec : doc?.spec.template.spec;
    expect(doc, `YAML document of ${r[col("cluster")]}/${r[col("workload")]}`).toBeDefined();
    const container = spec?.containers.find((c: { name: string }) => c.name === r[col("container")]);
    expect(container?.resources.requests.cpu, `${r[col("workload")]}/${r[col("container")]}`).toBe(
      `${r[col("recommended_cpu_request_millicores")]}m`,
    );
  }

  // The idle staging row: CPU 10m, memory idle × 1.3 (or the peak guard, and then the row says so).
  await page.getByLabel("Search").fill(WORKLOAD);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${WORKLOAD}`));
  const teamUrl = page.url();
  const usage = await getMainContainer(page);
  expect(usage.rule).toBe("idle-non-production");
  const row = containerRow(page, WORKLOAD);
  await expect(row).toContainText("→ 10m");
  await expect(row).toContainText(`→ ${expectedIdleMemoryMib(usage, 1.3)}Mi`);
  const reason = row.locator("xpath=following-sibling::tr[1]");
  await expect(reason).toContainText(
    usage.flags.includes("peak-guard-raised") ? "peak guard: memory raised to peak" : "× 1.3 =",
  );

  // Change a setting: the same row follows at once, without a sync.
  await page.goto("/settings#rightsizing");
  const form = page.getByRole("form", { name: "Rightsizing settings" });
  await expect(form).toBeVisible();
  await expectNoAxeViolations(page, "the settings, at the rightsizing section");
  try {
    await form.getByLabel("Idle memory multiplier").fill("2");
    await form.getByRole("button", { name: "Save rightsizing settings" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
    await expectNoAxeViolations(page, "the rightsizing settings just saved");
    await page.goto(teamUrl);
    await expect(containerRow(page, WORKLOAD)).toContainText(`→ ${expectedIdleMemoryMib(usage, 2)}Mi`);
    expect(expectedIdleMemoryMib(usage, 2)).not.toBe(expectedIdleMemoryMib(usage, 1.3));
  } finally {
    await page.goto("/settings");
    await form.getByLabel("Idle memory multiplier").fill("1.3");
    await form.getByRole("button", { name: "Save rightsizing settings" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  }
  expect(errors).toEqual([]);
});

test("an unknown team or a bad filter gets a clear message, not a 500", async ({ page }) => {
  const notice = page.getByRole("alert").filter({ hasText: "This link cannot be shown" });
  const res = await page.goto("/rightsizing/nobody");
  expect(res?.status()).toBe(200);
  await expect(notice).toContainText('No team "nobody" in the synced data. Teams:');
  await page.goto(`/rightsizing/${TEAM}?sort=biggest&page=0`);
  await expect(notice).toContainText('sort="biggest": expected one of savings, change, cpu, memory, name');
  await expect(notice).toContainText('page="0": pages start at 1');
  await expectNoAxeViolations(page, "a team's table with a bad link");
  await page.goto("/rightsizing?cluster=prod-eu-west-1");
  await expect(notice).toContainText(
    'No cluster "prod-eu-west-1" in the synced data. Clusters: dev-us-east-1, prod-us-east-1, staging-us-east-1.',
  );
});
