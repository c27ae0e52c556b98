import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { addMoney, compareMoney } from "@/lib/money";

// A finance user on /tags: sees untagged and mis-tagged spend in dollars, turns a suggestion into an alias
// and sees the spend report regroup (compliance still counts it), downloads the tag policy, edits the lists.
// The e2e server's clock is 2026-11-26, so /tags defaults to Aug 1 – Nov 30, 2026.
const RANGE = "from=2026-08-01&to=2026-12-01";
const SPEND_BY_ENVIRONMENT = `/spend?by=environment&${RANGE}&granularity=total&metric=amortized`;

/** The demo's spend must be synced; when the server has not synced yet, a finance user presses "Sync now". */
async function ensureSynced(request: APIRequestContext) {
  const health = await (await request.get("/api/health")).json();
  if (health.lastSuccessfulSync) return;
  const started = await request.post("/api/sync");
  expect([202, 409]).toContain(started.status());
  await expect
    .poll(async () => (await (await request.get("/api/sync")).json()).runs[0]?.status, {
      timeout: 240_000,
      intervals: [1000],
    })
    .toBe("succeeded");
}

/** Spend per environment over the range, exact, from the spend export (the same numbers as the page). */
async function getSpendByEnvironment(request: APIRequestContext): Promise<Map<string, string>> {
  const res = await request.get(
    `/api/export/spend?by=environment&${RANGE}&granularity=total&metric=amortized&format=json`,
  );
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { rows: { environment: string; amortized_usd: string }[] };
  return new Map(body.rows.map((r) => [r.environment, r.amortized_usd]));
}

/** The spend report's table (the page may have other links with the same names, e.g. filters). */
const spendTable = (page: Page) => page.locator("table.data.money").first();

const notAllowedStat = (page: Page) =>
  page
    .getByRole("region", { name: "Compliance in dollars" })
    .locator(".stat", { hasText: "Not allowed" })
    .locator(".value");

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ request }) => {
  test.setTimeout(300_000);
  await ensureSynced(request);
});

// Leave the shared server as found: drop the alias this spec adds, even when a step failed.
test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto("/settings");
  const remove = page.getByRole("button", { name: 'Remove the alias "Prod" → production' });
  if (await remove.count()) {
    await remove.click();
    await expect(page.getByRole("status")).toContainText('Removed the alias "Prod"');
  }
  await page.close();
});

test("a suggestion becomes an alias: the spend report regroups, compliance still counts it", async ({
  page,
  request,
}) => {
  await page.goto(SPEND_BY_ENVIRONMENT);
  await expect(spendTable(page).getByRole("link", { name: "Prod", exact: true })).toBeVisible();
  const before = await getSpendByEnvironment(request);
  expect(before.get("Prod")).toBeDefined();

  await page.goto("/tags");
  await expect(page.getByRole("heading", { level: 1, name: "Tags" })).toBeVisible();
  const notAllowedBefore = await notAllowedStat(page).textContent();
  const offenders = page.getByRole("region", { name: "Offenders" });
  const prodRow = offenders.getByRole("row").filter({ has: page.getByText("Prod", { exact: true }) });
  await expect(prodRow).toContainText("Amazon Relational Database Service"); // where the spend comes from
  await prodRow.getByRole("button", { name: 'Alias to production: "Prod"' }).click();
  await expect(prodRow.getByRole("status")).toContainText('now shows under "production" in every report');
  await expect(prodRow).toContainText("Reported as production");
  await expect(notAllowedStat(page)).toHaveText(notAllowedBefore ?? "");
  await expectNoAxeViolations(page, "the tags report after an alias is added");

  await page.goto(SPEND_BY_ENVIRONMENT);
  await expect(spendTable(page).getByRole("link", { name: "production", exact: true })).toBeVisible();
  await expect(spendTable(page)).toContainText("tagged “Prod”"); // the report says an alias moved spend here
  await expect(spendTable(page).getByRole("link", { name: "Prod", exact: true })).toHaveCount(0);
  const after = await getSpendByEnvironment(request);
  expect(after.has("Prod")).toBe(false);
  expect(
    compareMoney(after.get("production") ?? "", addMoney(before.get("production") ?? "0", before.get("Prod") ?? "0")),
  ).toBe(0);

  // Undo from /tags: the spend is back under "Prod".
  await page.goto("/tags");
  await page.getByRole("button", { name: 'Remove the alias "Prod" → production' }).first().click();
  await expect(page.getByRole("button", { name: 'Alias to production: "Prod"' })).toBeVisible();
  // The button can show before the removal is saved (a suggestion elsewhere on the page): wait for the export.
  await expect.poll(async () => (await getSpendByEnvironment(request)).get("Prod")).toBe(before.get("Prod"));
});

test("the tag policy downloads as JSON an AWS Organizations policy, and as a Terraform variable", async ({ page }) => {
  await page.goto("/tags");
  const json = page.waitForEvent("download");
  await page.getByRole("link", { name: "AWS Organizations tag policy (JSON)" }).click();
  const policy = JSON.parse(readFileSync(await (await json).path(), "utf8"));
  expect(policy.tags.environment.tag_key["@@assign"]).toBe("environment");
  expect(policy.tags.environment.tag_value["@@assign"]).toContain("production");

  const terraform = page.waitForEvent("download");
  await page.getByRole("link", { name: "Terraform default_tags variable" }).click();
  expect(readFileSync(await (await terraform).path(), "utf8")).toContain('variable "default_tags"');
});

test("the offenders download as CSV, one row per tag key, value and problem", async ({ page }) => {
  await page.goto("/tags");
  const rows = await page.getByRole("region", { name: "Offenders" }).locator("tbody tr").count();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const csv = readFileSync(await (await download).path(), "utf8")
    .trimEnd()
    .split("\r\n");
  expect(csv[0]).toBe("period_start,period_end,tag_key,value,problem,alias_of,suggestion,spend_usd,services,accounts");
  expect(csv.length - 1).toBe(rows);
  expect(csv.some((line) => line.startsWith("2026-08-01,2026-12-01,department,(untagged),missing,"))).toBe(true);
});

test("allowed values are added, renamed (the old name kept as an alias) and removed on /settings", async ({ page }) => {
  await page.goto("/settings");
  const departments = page.getByRole("region", { name: "Allowed department values" });
  await departments.getByRole("textbox", { name: "New department value" }).fill("legal");
  await departments.getByRole("button", { name: "Add" }).click();
  await expect(departments.getByRole("status")).toContainText('Added "legal"');

  const row = departments.locator("div", { has: page.getByText("legal", { exact: true }) }).last();
  await row.getByText("Rename").click();
  await row.getByRole("textbox", { name: "New name for legal" }).fill("legal-ops");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(departments.getByRole("status")).toContainText('"legal" stays as an alias');
  await expect(departments.getByRole("button", { name: 'Remove the alias "legal" → legal-ops' })).toBeVisible();

  const renamed = departments.locator("div", { has: page.getByText("legal-ops", { exact: true }) }).last();
  await renamed.getByText("Remove", { exact: true }).click();
  await renamed.getByRole("button", { name: "Remove legal-ops and 1 alias" }).click();
  await expect(departments.getByRole("status")).toContainText('Removed "legal-ops"');
  await expect(departments.getByText("legal-ops", { exact: true })).toHaveCount(0);
});

test("a bad range in the URL says what is wrong, never a 500", async ({ page }) => {
  const res = await page.goto("/tags?from=2026-13-01");
  expect(res?.status()).toBe(200);
  await expect(page.locator(".notice.error")).toContainText(
    'This link cannot be shown: from must be a date as YYYY-MM-DD (got "2026-13-01")',
  );
  const api = await page.request.get("/api/export/tags?from=2026-12-01&to=2026-11-01");
  expect(api.status()).toBe(400);
});
