import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { parseCsv } from "../lib/csv";

// A newcomer opens the app: every page is reachable from the navigation and says what it is for.
const PAGES = [
  { link: "Overview", path: "/", heading: "Overview" },
  { link: "Spend", path: "/spend", heading: "Spend" },
  { link: "Tags", path: "/tags", heading: "Tags" },
  { link: "Rightsizing", path: "/rightsizing", heading: "Rightsizing" },
  { link: "Savings", path: "/savings", heading: "Savings" },
  { link: "Slides", path: "/slides", heading: "Slides" },
  { link: "Sync", path: "/sync", heading: "Sync" },
  { link: "Settings", path: "/settings", heading: "Settings" },
];

test("every page is reachable from the navigation, without errors", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto("/");
  for (const p of PAGES) {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: p.link, exact: true }).click();
    await expect(page).toHaveURL(p.path);
    await expect(page.getByRole("heading", { level: 1, name: p.heading })).toBeVisible();
    await expect(page.getByRole("link", { name: p.link, exact: true })).toHaveAttribute("aria-current", "page");
  }
  expect(errors).toEqual([]);
});

test("an unknown address shows the product's not-found page, with the way back", async ({ page }) => {
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expectNoAxeViolations(page, "the not-found page");
  await page.getByRole("main").getByRole("link", { name: "Open the overview" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
});

test("the health endpoint reports the database and the last sync", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.status).toBe("ok");
  expect(body.database.reachable).toBe(true);
});

test("the sync history downloads as CSV with the same runs the page lists", async ({ page }) => {
  await page.goto("/sync");
  const rows = await page.getByRole("region", { name: "Sync history" }).locator("tbody tr").count();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const file = await (await download).path();
  const csv = parseCsv(await import("node:fs").then((fs) => fs.readFileSync(file, "utf8")));
  expect(csv[0]?.[0]).toBe("run_id");
  expect(csv.length - 1).toBe(rows);
});

test("a bad export request answers 400 with a message, never a 500", async ({ request }) => {
  const res = await request.get("/api/export/sync-runs?format=xml");
  expect(res.status()).toBe(400);
  expect(await res.json()).toEqual({
    error: { kind: "bad-input", message: 'format must be csv or json (got "xml").' },
  });
  const unknown = await request.get("/api/export/nope");
  expect(unknown.status()).toBe(404);
});
