import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { startOwnServer } from "./own-server";

// Every page a user reaches, in the states the other journeys do not stop at (empty results, bad links, the
// not-found page), checked by axe against WCAG 2.2 A/AA in the light and the dark scheme. The journeys check the
// states they walk through themselves (the team page with a usage chart open, a new initiative, the deck).
const STATES = [
  { state: "the overview", path: "/" },
  { state: "the spend report", path: "/spend" },
  { state: "the spend report over a range with no spend", path: "/spend?from=2020-01-01&to=2020-02-01" },
  { state: "the spend report with a bad link", path: "/spend?by=team" },
  { state: "customer-serving vs R&D", path: "/spend/categories" },
  { state: "the tags report", path: "/tags" },
  { state: "the tags report over a range with no spend", path: "/tags?from=2020-01-01&to=2020-02-01" },
  { state: "the team list", path: "/rightsizing" },
  { state: "the team list filtered to nothing", path: "/rightsizing?q=no-such-workload" },
  { state: "a team's table", path: "/rightsizing/video" },
  { state: "a team's table filtered to nothing", path: "/rightsizing/video?q=no-such-workload" },
  { state: "an unknown team", path: "/rightsizing/nobody" },
  { state: "a team's decisions (applied, drifted, declined, snoozed)", path: "/rightsizing/payments?change=cut" },
  { state: "the savings ledger", path: "/savings" },
  { state: "the new-initiative form", path: "/savings?new=1" },
  { state: "the slide viewer", path: "/slides" },
  { state: "the sync history", path: "/sync" },
  { state: "the settings", path: "/settings" },
  { state: "the audit log", path: "/settings/audit" },
  { state: "the storage opportunities", path: "/opportunities" },
  { state: "the storage opportunities, a later page", path: "/opportunities?s3Page=2&size=25" },
  { state: "the storage opportunities with a bad link", path: "/opportunities?s3Page=0" },
  { state: "the commitments", path: "/commitments" },
  { state: "the node types", path: "/rightsizing/nodes" },
  { state: "the not-found page", path: "/no-such-page" },
];

/** The page has drawn: its heading is up, streamed panels have replaced their skeletons, charts have loaded. */
async function settle(page: Page) {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator("[aria-busy=true]")).toHaveCount(0);
  await page.waitForLoadState("networkidle");
}

for (const { state, path } of STATES) {
  test(`axe finds no WCAG 2.2 AA violation on ${state} (${path})`, async ({ page }) => {
    await page.goto(path);
    await settle(page);
    await expectNoAxeViolations(page, state);
  });
}

// A phone (390 px) and a laptop at 200% zoom (1440 × 900 → 720 × 450 CSS pixels): the page never scrolls
// sideways; wide tables scroll inside their own box.
for (const viewport of [
  { name: "a 390-px phone", width: 390, height: 844 },
  { name: "200% zoom", width: 720, height: 450 },
]) {
  test(`the overview and a team's table fit ${viewport.name} without scrolling sideways`, async ({ page }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    for (const path of ["/", "/rightsizing/video", "/spend"]) {
      await page.goto(path);
      await settle(page);
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      expect(scrollWidth, `${path}: page width at ${viewport.width}px`).toBeLessThanOrEqual(innerWidth);
    }
    // The wide table is still all there: its box scrolls.
    const box = page.locator(".table-scroll").first();
    expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  });
}

/** Presses Tab until `target` has the focus (as a keyboard user would), failing after `max` presses. */
async function tabTo(page: Page, target: Locator, opts: { back?: boolean; max?: number } = {}) {
  for (let i = 0; i < (opts.max ?? 80); i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(opts.back ? "Shift+Tab" : "Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

/** The focus ring is drawn: a keyboard user sees where they are. */
async function expectFocusVisible(target: Locator) {
  await expect(target).toBeFocused();
  const outline = await target.evaluate((el) => {
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  expect(outline.style).not.toBe("none");
  expect(outline.width).toBeGreaterThanOrEqual(2);
}

test("a keyboard-only user skips the navigation, opens a team's usage, confirms a dialog and presents the deck", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto("/");
  await settle(page);

  // The first Tab shows the skip link; it moves the focus to the page itself.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to the page" });
  await expectFocusVisible(skip);
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();

  // The navigation comes just before the page: Shift+Tab goes back into it, up to Rightsizing.
  const nav = page.getByRole("navigation", { name: "Main" });
  await tabTo(page, nav.getByRole("link", { name: "Rightsizing", exact: true }), { back: true });
  await expectFocusVisible(nav.getByRole("link", { name: "Rightsizing", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/rightsizing$/);
  await settle(page);

  // A team, then a row's usage chart, opened and closed with the keyboard.
  await tabTo(page, page.getByRole("region", { name: "Teams" }).getByRole("link", { name: "video", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Team video" })).toBeVisible();
  // The button is renamed "Hide usage of …" once pressed: hold on to it by the row it controls.
  const chartId = await page
    .getByRole("button", { name: /^Show usage of / })
    .first()
    .getAttribute("aria-controls");
  const toggle = page.locator(`button[aria-controls="${chartId}"]`);
  const chartRow = page.locator(`[id="${chartId}"]`);
  await tabTo(page, toggle);
  await expectFocusVisible(toggle);
  await page.keyboard.press("Enter");
  await expect(chartRow).toBeVisible();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(chartRow.getByRole("img", { name: /^CPU \(millicores per replica\): over \d+ hours/ })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(chartRow).toBeHidden();

  // A dialog keeps the focus inside until it closes, then gives it back to the button that opened it.
  await page.goto("/savings");
  await settle(page);
  const remove = page.getByRole("article").first().getByRole("button", { name: "Delete", exact: true });
  await tabTo(page, remove);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await expectNoAxeViolations(page, "the delete dialog");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(remove).toBeFocused();

  // The deck: opened from the savings page, moved through with the arrow keys, Home and End.
  // Back up the page (Shift+Tab) to the header's link.
  await tabTo(page, page.getByRole("link", { name: "Open the deck" }), { back: true });
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/slides/);
  await expect(page.getByRole("region", { name: "Slide preview" })).toHaveAttribute("data-keys", "ready");
  const counter = page.getByTestId("slide-counter");
  await expect(counter).toContainText("Slide 1 of");
  await page.keyboard.press("ArrowRight");
  await expect(counter).toContainText("Slide 2 of");
  await page.keyboard.press("End");
  await expect(counter).toContainText("Thank you");
  await page.keyboard.press("Home");
  await expect(counter).toContainText("Slide 1 of");
  // The viewer's own buttons work from the keyboard too.
  await tabTo(page, page.getByRole("button", { name: "Next →" }));
  await expectFocusVisible(page.getByRole("button", { name: "Next →" }));
  await page.keyboard.press("Enter");
  await expect(counter).toContainText("Slide 2 of");
});

// Stale data: a server of this spec's own whose syncs are recorded as 5 days old (more than the 2-day threshold),
// on the port after the sign-in proxy's. Every page says what is stale and since when, with the way to /sync.
test.describe("with stale data", () => {
  test.describe.configure({ mode: "serial" });
  const STALE_PORT = Number(process.env.E2E_PORT ?? 3100) + 2;
  let server: Awaited<ReturnType<typeof startOwnServer>> | undefined;
  test.beforeAll(async () => {
    test.setTimeout(300_000);
    server = await startOwnServer(STALE_PORT, ["--stale-days", "5"]);
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  for (const path of ["/", "/spend", "/rightsizing/video", "/settings"]) {
    test(`axe finds no WCAG 2.2 AA violation on ${path} with the stale-data notice`, async ({ page }) => {
      await page.goto(`${server!.base}${path}`);
      await settle(page);
      const notice = page.getByRole("note", { name: "Stale data" });
      await expect(notice).toContainText("Stale data: the figures below may be out of date (older than 2 days).");
      await expect(notice).toContainText(
        /AWS Cost Explorer: last successful sync \d{4}-\d\d-\d\d \d\d:\d\d UTC, 5 days ago\./,
      );
      await expect(notice).toContainText(/Datadog: last successful sync \d{4}-\d\d-\d\d \d\d:\d\d UTC, 5 days ago\./);
      await expect(notice.getByRole("link", { name: "Open the sync history" })).toHaveAttribute("href", "/sync");
      if (process.env.SHOTS_DIR && path === "/")
        await page.screenshot({ path: `${process.env.SHOTS_DIR}/stale-overview.png` });
      await expectNoAxeViolations(page, `${path} with stale data`);
    });
  }

  test("/api/health reports the stale sources and still answers 200", async ({ request }) => {
    const res = await request.get(`${server!.base}/api/health`);
    expect(res.status()).toBe(200);
    const { status, data } = await res.json();
    expect(status).toBe("ok");
    expect(data.stale).toBe(true);
    expect(data.sources.map((s: { source: string; stale: boolean }) => [s.source, s.stale])).toEqual([
      ["aws", true],
      ["datadog", true],
    ]);
  });

  test("a sync that succeeds clears the notice", async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto(`${server!.base}/sync`);
    await settle(page);
    await expect(page.getByRole("note", { name: "Stale data" })).toBeVisible();
    await page.getByRole("button", { name: "Sync now" }).click();
    await expect(page.getByRole("heading", { name: /^Sync #\d+ is running$/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: "No sync running" })).toBeVisible({ timeout: 150_000 });
    await expect(page.getByRole("note", { name: "Stale data" })).toHaveCount(0);
    await page.goto(`${server!.base}/spend`);
    await settle(page);
    await expect(page.getByRole("note", { name: "Stale data" })).toHaveCount(0);
  });
});
