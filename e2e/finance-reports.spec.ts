import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { parseCsv } from "../lib/csv";
import { addMoney, fromUnits, toUnits } from "@/lib/money";

// A finance user on the demo company (the e2e server's clock is 2026-11-26): opens the overview, drills from a
// department to its projects, switches the metric, changes the range, downloads the CSV and checks its total
// against the page, and opens a copied link.

/** The demo's spend must be synced; when the server has not synced yet, a finance user presses "Sync now". */
async function ensureSynced(request: APIRequestContext) {
  const health = await (await request.get("/api/health")).json();
  if (health.lastSuccessfulSync) return;
  const started = await request.post("/api/sync");
  expect([202, 409]).toContain(started.status());
  // While the embedded database syncs, the server can drop an idle keep-alive connection: ask again.
  const status = async () => (await (await request.get("/api/sync")).json()).runs[0]?.status;
  await expect.poll(() => status().catch(() => "busy"), { timeout: 240_000, intervals: [1000] }).toBe("succeeded");
}

const table = (page: Page) => page.getByRole("region", { name: "Table" }).locator("table.money");
/** The exact grand total of the table (the full precision is in the amount's title). */
async function readGrandTotal(page: Page): Promise<string> {
  const title = await table(page).getByTestId("grand-total").locator("span").getAttribute("title");
  return fromUnits(toUnits((title ?? "").replace(" USD", "")));
}
const rowTotal = (page: Page, label: string) =>
  table(page)
    .locator("tbody tr", { has: page.getByRole("link", { name: label, exact: true }) })
    .locator("td")
    .nth(1);

test.describe.configure({ mode: "serial" });
test.beforeAll(async ({ request }) => {
  test.setTimeout(300_000);
  await ensureSynced(request);
});

test("the overview shows this month, last month and the trend, and each figure opens the report behind it", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("this-month")).toHaveText(/^\$[\d,]+\.\d\d$/);
  const lastMonth = (await page.getByTestId("last-month").textContent()) ?? "";
  expect(lastMonth).toMatch(/^\$[\d,]+\.\d\d$/);
  await expect(
    page
      .getByRole("img", { name: /spend by department/ })
      .locator(".recharts-bar-rectangle")
      .first(),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: "Untagged and not allowed" }).getByTestId("untagged-share")).toHaveText(
    /%$/,
  );

  await page.getByRole("link", { name: /Last month · Oct 2026/ }).click();
  await expect(page).toHaveURL(/\/spend\?by=department&from=2026-09-01&to=2026-11-01/);
  // October's column total on the report is the overview's figure.
  await expect(table(page).locator("tfoot td").last()).toHaveText(lastMonth);
});

test("a department drills down to its projects, which add up to it, then to their environments", async ({ page }) => {
  await page.goto("/spend");
  await expect(page.getByText(/matches Cost Explorer's ungrouped total for these days to the cent/)).toBeVisible();
  const platform = await rowTotal(page, "platform").textContent();
  await table(page).getByRole("link", { name: "platform", exact: true }).click();
  await expect(page).toHaveURL(/by=project&.*department=platform/);
  await expect(page.getByRole("heading", { name: /^Amortized spend by projects,/ })).toBeVisible();
  await expect(page.getByLabel("Filters")).toContainText("Department: platform");
  await expect(table(page).locator("tfoot td").nth(1)).toHaveText(platform ?? "missing");

  await table(page).getByRole("link", { name: "k8s-platform", exact: true }).click();
  await expect(page).toHaveURL(/by=environment&.*department=platform&project=k8s-platform/);
  await expect(table(page).getByRole("link", { name: "production", exact: true })).toBeVisible();
  await expectNoAxeViolations(page, "the spend report drilled down to a project's environments");
});

test("the metric switch and the range change the report, and the URL keeps them", async ({ page }) => {
  await page.goto("/spend");
  const amortized = await readGrandTotal(page);
  await page.getByRole("navigation", { name: "Metric" }).getByRole("link", { name: "Unblended" }).click();
  await expect(page).toHaveURL(/metric=unblended/);
  await expect(page.getByRole("heading", { name: /^Unblended spend by departments,/ })).toBeVisible();
  expect(await readGrandTotal(page)).not.toBe(amortized);

  await page
    .getByRole("navigation", { name: "Quick ranges" })
    .getByRole("link", { name: "Last 3 full months" })
    .click();
  await expect(page).toHaveURL(/from=2026-08-01&to=2026-11-01&granularity=month&metric=unblended/);
  await expect(table(page).locator("thead th")).toContainText(["Aug 2026", "Sep 2026", "Oct 2026"]);

  await page.getByLabel("From").fill("2026-06-01");
  await page.getByLabel("Through (inclusive)").fill("2026-06-30");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/from=2026-06-01&to=2026-07-01/);
  await expect(page.getByRole("heading", { name: "Unblended spend by departments, Jun 1–30, 2026" })).toBeVisible();
  await expect(page).toHaveURL(/metric=unblended/);
});

test("the CSV download of the current view adds up to the total on the page, to the cent", async ({ page }) => {
  await page.goto(
    "/spend?by=department,environment&from=2026-05-01&to=2026-11-01&granularity=month&metric=net_amortized",
  );
  const onPage = await readGrandTotal(page);
  const download = page.waitForEvent("download");
  await page.getByRole("region", { name: "Table" }).getByRole("link", { name: "Download CSV" }).click();
  const file = await (await download).path();
  const rows = parseCsv(readFileSync(file, "utf8"));
  expect(rows[0]).toEqual([
    "period_start",
    "period_end",
    "department",
    "environment",
    "estimated",
    "net_amortized_usd",
  ]);
  expect(addMoney(...rows.slice(1).map((r) => r[5] ?? ""))).toBe(onPage);
});

test("a copied link opens the same view", async ({ page, browser }) => {
  await page.goto("/spend");
  await table(page).getByRole("link", { name: "video", exact: true }).click();
  await expect(page).toHaveURL(/department=video/);
  await page.getByRole("navigation", { name: "Metric" }).getByRole("link", { name: "Net amortized" }).click();
  await expect(page).toHaveURL(/metric=net_amortized/);
  await page.getByRole("navigation", { name: "Periods" }).getByRole("link", { name: "Total" }).click();
  await expect(page).toHaveURL(/by=project&.*granularity=total&metric=net_amortized&department=video/);
  const copied = page.url();
  const total = await readGrandTotal(page);
  const heading = await page.getByRole("heading", { level: 2 }).first().textContent();

  const other = await browser.newPage();
  await other.goto(copied);
  await expect(other.getByRole("heading", { level: 2 }).first()).toHaveText(heading ?? "missing");
  expect(await readGrandTotal(other)).toBe(total);
  await expect(other.getByLabel("Filters")).toContainText("Department: video");
  await other.close();
});

test("customer-serving and R&D add up to the total, with the mapping shown", async ({ page }) => {
  await page.goto("/spend");
  await page
    .getByRole("navigation", { name: "Spend reports" })
    .getByRole("link", { name: "Customer-serving vs R&D" })
    .click();
  await expect(page).toHaveURL(/\/spend\/categories\?by=category/);
  const total = await readGrandTotal(page);
  const cs = await rowTotal(page, "Customer-serving").locator("span").getAttribute("title");
  const rnd = await rowTotal(page, "R&D").locator("span").getAttribute("title");
  expect(addMoney((cs ?? "").replace(" USD", ""), (rnd ?? "").replace(" USD", ""))).toBe(total);
  await expect(page.getByRole("region", { name: "Mapping" })).toContainText("production");
  await expectNoAxeViolations(page, "customer-serving vs R&D");
});

test("bad input says what is wrong: on the page, 400 from the export, never a 500; a combination that is not stored says so", async ({
  page,
  request,
}) => {
  await page.goto("/spend?by=team&from=2026-11-01&to=2026-10-01");
  await expect(page.getByRole("main").getByRole("alert")).toContainText('by: "team" is not a dimension');
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "from (2026-11-01) must be before to (2026-10-01)",
  );
  await expectNoAxeViolations(page, "the spend report with bad input");
  const res = await request.get("/api/export/spend?metric=blended");
  expect(res.status()).toBe(400);
  expect((await res.json()).error.message).toMatch(/metric must be one of amortized, unblended, net_amortized/);

  // A parameter given twice is refused alike by the page and its download: neither guesses which one was meant.
  const twice = "metric=unblended&metric=amortized";
  const repeated = await request.get(`/api/export/spend?${twice}`);
  expect(repeated.status()).toBe(400);
  expect((await repeated.json()).error.message).toBe("metric is given 2 times; give it once.");
  await page.goto(`/spend?${twice}`);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("metric is given 2 times; give it once.");

  await page.goto("/spend?by=service&department=platform&project=k8s-platform");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("cannot be answered exactly");
  await expectNoAxeViolations(page, "the spend report with a combination not stored");
  await page.getByRole("link", { name: "Without the department filter (platform)" }).click();
  await expect(page).toHaveURL(/by=service&.*project=k8s-platform/);
  await expect(table(page)).toBeVisible();
});
