import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

// Finance finds a storage opportunity in the bill, checks its assumptions, records it as an initiative, and finds
// it in the savings ledger and in the all-hands deck.

const NAME = "data-lake: S3 Standard → Glacier Instant Retrieval";

async function ensureSpendSynced(request: APIRequestContext) {
  const health = await (await request.get("/api/health")).json();
  if (health.lastSuccessfulSync) return;
  const started = await request.post("/api/sync");
  expect([202, 409], await started.text()).toContain(started.status());
  await expect
    .poll(async () => (await (await request.get("/api/health")).json()).lastSuccessfulSync, {
      timeout: 240_000,
      intervals: [1_000],
    })
    .not.toBeNull();
}

const row = (page: Page, table: string, project: string) =>
  page.getByTestId(table).locator(`tr[data-project="${project}"]`);

test("an S3 opportunity is priced from the bill, edited in place, recorded, and shows in the ledger and the deck", async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  await ensureSpendSynced(request);

  // The overview links the month's total opportunity.
  await page.goto("/");
  await page.getByRole("link", { name: "See them per project →" }).click();
  await expect(page).toHaveURL(/\/opportunities$/);
  await expect(
    page.getByRole("heading", { name: "S3 Standard → Glacier Instant Retrieval, per project" }),
  ).toBeVisible();
  await expect(page.getByText("128 KB minimum")).toBeVisible();
  await expect(page.getByText("90-day minimum")).toBeVisible();

  // Largest savings first: the cold data lake saves; a hot web bucket would cost money.
  const glacier = page.getByTestId("glacier-table");
  await expect(glacier.locator("tbody tr").first()).toHaveAttribute("data-project", /data-lake|warehouse|audit-logs/);
  await expect(row(page, "glacier-table", "checkout-web").locator("td.up, td.down")).toContainText("−$");
  await expect(row(page, "glacier-table", "checkout-web")).toContainText("never");
  const before = await row(page, "glacier-table", "data-lake").locator("td.up, td.down").innerText();

  // Reading back 90% of the data a month: the saving shrinks; blank goes back to the default.
  const share = row(page, "glacier-table", "data-lake").getByLabel("Read share of data-lake, percent");
  await share.fill("90");
  await row(page, "glacier-table", "data-lake").getByRole("button", { name: "Save" }).click();
  await expect(row(page, "glacier-table", "data-lake").locator("td.up, td.down")).not.toHaveText(before);
  await row(page, "glacier-table", "data-lake").getByLabel("Read share of data-lake, percent").fill("");
  await row(page, "glacier-table", "data-lake").getByRole("button", { name: "Save" }).click();
  await expect(row(page, "glacier-table", "data-lake").locator("td.up, td.down")).toHaveText(before);

  // A department filter keeps only its projects.
  await page.getByLabel("Department").selectOption("payments");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/department=payments/);
  await expect(row(page, "glacier-table", "data-lake")).toHaveCount(0);
  await expect(row(page, "retention-table", "ledger")).toBeVisible();
  await page.goto("/opportunities");

  // Paged, each table on its own; the totals count every project whatever the page.
  const total = await page.getByTestId("opportunity-total").innerText();
  await page.goto("/opportunities?size=25");
  const s3Pages = page.getByRole("navigation", { name: "Pages of the S3 table" });
  await expect(s3Pages).toContainText(/Rows 1–25 of \d+ · page 1 of [2-9]/);
  await s3Pages.getByRole("link", { name: "Next →" }).click();
  await expect(page).toHaveURL(/s3Page=2/);
  await expect(s3Pages).toContainText(/Rows 26–\d+ of \d+ · page 2/);
  await expect(page.getByRole("navigation", { name: "Pages of the RDS table" })).toContainText("page 1 of");
  await expect(page.getByTestId("opportunity-total")).toHaveText(total);
  await page.goto("/opportunities");

  // Record it: an initiative scoped to data-lake's S3 spend, in the ledger.
  await row(page, "glacier-table", "data-lake").getByRole("button", { name: "Record as initiative" }).click();
  await expect(page).toHaveURL(/\/savings#initiative-\d+$/);
  const card = page.getByRole("article", { name: NAME });
  await expect(card).toBeVisible();
  await expect(card).toContainText("data-lake");
  await expect(card).toContainText("Amazon Simple Storage Service");
  await expect(card).toContainText("a month projected");

  // Back on the page it says so, and links to it, instead of offering to record it twice.
  await page.goto("/opportunities");
  await expect(row(page, "glacier-table", "data-lake").getByRole("link", { name: /Recorded #\d+/ })).toBeVisible();

  // In the deck.
  await page.goto("/slides");
  const picker = page.getByRole("region", { name: "Initiatives in the deck" });
  const box = picker.getByRole("checkbox", { name: NAME });
  if (!(await box.isChecked())) {
    await box.check();
    await picker.getByRole("button", { name: "Save deck" }).click();
    await expect(picker.getByRole("status")).toContainText("Saved");
  }
  await expect(page.getByRole("region", { name: "Slide preview" })).toHaveAttribute("data-keys", "ready");
  const counter = page.getByTestId("slide-counter");
  for (let i = 0; i < 12 && !(await counter.innerText()).includes(NAME); i++) await page.keyboard.press("ArrowRight");
  await expect(counter).toContainText(NAME);

  // Clean up, so another run of the journeys starts from the same ledger.
  await page.goto("/savings");
  await card.getByRole("button", { name: "Delete", exact: true }).click();
  await page
    .getByRole("dialog", { name: `Delete “${NAME}”?` })
    .getByRole("button", { name: "Delete initiative" })
    .click();
  await expect(page.getByRole("article", { name: NAME })).toHaveCount(0);
});
