import { expect, test } from "@playwright/test";
import { parseCsv } from "../lib/csv";

// The SRE deciding what to buy and which nodes to run: compares RIs with Savings Plans for one term and
// payment, sees what ends soon, records the purchase; then finds the cheapest node type for a cluster.

const SHOTS = process.env.SHOTS_DIR;
// A projector: 1280 × 720.
test.use({ viewport: { width: 1280, height: 720 } });

test("commitments: RI versus Savings Plans side by side, trends, expiring, record the purchase", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Commitments", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Commitments" })).toBeVisible();
  const sideBySide = page.getByRole("region", { name: "Reserved Instances versus Savings Plans" });
  await expect(sideBySide.getByRole("columnheader", { name: /EC2 Reserved Instances/ })).toBeVisible();
  await expect(sideBySide.getByRole("columnheader", { name: /Compute Savings Plan/ })).toBeVisible();
  await expect(page.getByTestId("commitments-verdict")).toContainText("nets the most");
  await expect(page.getByRole("region", { name: "Expiring commitments" })).toContainText("2027-02-04");
  await expect(page.getByRole("region", { name: "Coverage" }).locator("tbody tr")).toHaveCount(14);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/commitments.png`, fullPage: true });

  await page.getByRole("link", { name: "3 years" }).click();
  await expect(page).toHaveURL(/term=THREE_YEARS/);
  await page.getByRole("link", { name: "All upfront" }).click();
  await expect(page).toHaveURL(/payment=ALL_UPFRONT/);
  await expect(sideBySide.getByRole("heading", { level: 2 })).toContainText("3 years, all upfront");

  const csv = await page.request.get("/api/export/commitments");
  const [header, ...rows] = parseCsv(await csv.text());
  expect(header?.slice(0, 3)).toEqual(["program", "service", "term"]);
  expect(rows.length).toBeGreaterThan(20);

  await sideBySide.getByRole("link", { name: "Record as initiative" }).first().click();
  await expect(page).toHaveURL(/\/savings\?new=1/);
  const form = page.getByRole("region", { name: "New initiative" });
  await expect(form.getByLabel("Service")).toHaveValue("Amazon Elastic Compute Cloud - Compute");
});

test("node types: each cluster's cheapest fit next to its current type; the ranking filters", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Node types", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Node types" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Node types", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("link", { name: "Rightsizing", exact: true })).not.toHaveAttribute(
    "aria-current",
    "page",
  );
  const prod = page.getByRole("region", { name: "Cluster prod-us-east-1" });
  await expect(prod.getByTestId("node-verdict-prod-us-east-1")).toContainText("Recommended requests");
  await expect(prod.locator("tbody tr").first()).toContainText("current");
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/nodes.png`, fullPage: true });

  const ranking = page.getByRole("table", { name: "Node types by unit price" });
  await page.getByRole("link", { name: "Graviton", exact: true }).click();
  await expect(page).toHaveURL(/arch=arm64/);
  await expect(ranking.getByRole("row")).not.toHaveCount(0);
  for (const cell of await ranking.locator("tbody tr td:nth-child(3)").allTextContents())
    expect(cell).toContain("Graviton");

  const bad = await page.goto("/rightsizing/nodes?overhead=500");
  expect(bad?.status()).toBe(200);
  await expect(page.getByText("This link cannot be shown")).toBeVisible();
});
