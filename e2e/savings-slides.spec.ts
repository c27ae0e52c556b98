import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import JSZip from "jszip";

// The presenter with five minutes at the all-hands: records two changes, checks what they saved on the
// bill, opens the deck, moves through it with the keyboard, puts the RDS change first, and downloads the deck.

const LEGACY = "Legacy monitoring switched off (e2e)";
const RDS = "RDS snapshot retention shortened (e2e)";

/** The demo company's spend must be synced once: the server starts with an empty database. */
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

async function addInitiative(
  page: Page,
  fields: { name: string; changeDate: string; how: string; project?: string; service?: string },
) {
  await page.goto("/savings");
  await page.getByRole("link", { name: "New initiative" }).click();
  const form = page.getByRole("region", { name: "New initiative" });
  await form.getByLabel("Name").fill(fields.name);
  await form.getByLabel("Change date").fill(fields.changeDate);
  await form.getByLabel("How (one line)").fill(fields.how);
  if (fields.project) await form.getByLabel("Project").fill(fields.project);
  if (fields.service) await form.getByLabel("Service").fill(fields.service);
  await form.getByRole("button", { name: "Add initiative" }).click();
  await expect(page.getByRole("article", { name: fields.name })).toBeVisible();
}

const counter = (page: Page) => page.getByTestId("slide-counter");

/** The deck moves with the keyboard once its viewer listens to it; a key pressed earlier would do nothing. */
async function waitForKeyboard(page: Page) {
  await expect(page.getByRole("region", { name: "Slide preview" })).toHaveAttribute("data-keys", "ready");
}

test("the presenter records changes, sees what they saved and builds the deck", async ({ page, request }) => {
  test.setTimeout(300_000);
  await ensureSpendSynced(request);

  // A change without a name is refused, next to the field.
  await page.goto("/savings");
  await page.getByRole("link", { name: "New initiative" }).click();
  await page.getByRole("region", { name: "New initiative" }).getByRole("button", { name: "Add initiative" }).click();
  await expect(page.getByText("give the initiative a name")).toBeVisible();
  await expectNoAxeViolations(page, "the new-initiative form with an error");

  // legacy-monitoring's spend stops six months before the clock (Nov 26, 2026): the 1st of May.
  await addInitiative(page, {
    name: LEGACY,
    changeDate: "2026-05-01",
    how: "Deleted the unused search cluster",
    project: "legacy-monitoring",
  });
  const legacy = page.getByRole("article", { name: LEGACY });
  await expect(legacy.getByTestId("before-after-chart")).toBeVisible();
  // Feb–Apr had spend: three bars before the change; the saving is measured, in thousands a year.
  await expect
    .poll(() => legacy.locator(".recharts-bar-rectangle path, .recharts-bar-rectangle rect").count())
    .toBeGreaterThanOrEqual(3);
  await expect(legacy.getByText("Before", { exact: true })).toBeVisible();
  const legacyAnnual = (await legacy.getByTestId("realized-annual").innerText()).trim();
  expect(legacyAnnual).toMatch(/^\$\d+(\.\d)?k a year$/);
  await expectNoAxeViolations(page, "the savings ledger with a measured initiative");

  await addInitiative(page, {
    name: RDS,
    changeDate: "2026-07-01",
    how: "Daily and weekly snapshots instead of every few hours",
    service: "Amazon Relational Database Service",
  });
  await expect(page.getByRole("article", { name: RDS }).getByTestId("realized-annual")).toBeVisible();

  // The deck: one slide per screen, moved through with the keyboard.
  await page.getByRole("link", { name: "Open the deck" }).click();
  await expect(page).toHaveURL(/\/slides/);
  await expect(counter(page)).toContainText("Slide 1 of");
  await waitForKeyboard(page);
  await expectNoAxeViolations(page, "the slide viewer");
  await page.keyboard.press("ArrowRight");
  await expect(counter(page)).toContainText("Slide 2 of");
  await expect(counter(page)).toContainText("Where the money goes");
  await page.keyboard.press("End");
  await expect(counter(page)).toContainText("Thank you");
  await page.keyboard.press("Home");
  await expect(counter(page)).toContainText("Slide 1 of");

  // Both changes in the deck, first the RDS one, then the legacy one; saved, so the download and the CLI get the same deck.
  const picker = page.getByRole("region", { name: "Initiatives in the deck" });
  for (const name of [LEGACY, RDS]) {
    const box = picker.getByRole("checkbox", { name });
    if (!(await box.isChecked())) await box.check();
  }
  for (const name of [LEGACY, RDS]) {
    const up = picker.getByRole("button", { name: `Move ${name} up` });
    while (await up.isEnabled()) await up.click();
  }
  const save = picker.getByRole("button", { name: "Save deck" });
  if (await save.isEnabled()) {
    await save.click();
    await expect(picker.getByRole("status")).toContainText("Saved");
  }
  await waitForKeyboard(page);
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
  await expect(counter(page)).toContainText(`Slide 5 of`);
  await expect(counter(page)).toContainText(RDS);
  const total = Number((await counter(page).innerText()).match(/of (\d+)/)?.[1]);

  // The next slide quotes the ledger's number at the same precision.
  await page.keyboard.press("ArrowRight");
  await expect(counter(page)).toContainText(`Slide 6 of ${total}: ${LEGACY}`);
  await expectNoAxeViolations(page, "an initiative's slide");
  await expect(page.getByRole("article", { name: `Slide 6 of ${total}: ${LEGACY}` })).toContainText(legacyAnnual);

  // Download the deck: a real .pptx with every slide, the RDS change on slide 5.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download PowerPoint (.pptx)" }).click();
  const file = await (await download).path();
  const zip = await JSZip.loadAsync(readFileSync(file));
  const slides = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
  expect(slides).toHaveLength(total);
  expect(await zip.file("ppt/slides/slide5.xml")?.async("string")).toContain(RDS);
  expect(Object.keys(zip.files).some((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n))).toBe(true);

  // Deleting asks first: cancel keeps it, confirm removes it from the ledger.
  await page.goto("/savings");
  const rds = page.getByRole("article", { name: RDS });
  await rds.getByRole("button", { name: "Delete", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Delete “${RDS}”?` });
  await expectNoAxeViolations(page, "the delete confirmation");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(rds).toBeVisible();
  await rds.getByRole("button", { name: "Delete", exact: true }).click();
  await dialog.getByRole("button", { name: "Delete initiative" }).click();
  await expect(page.getByRole("article", { name: RDS })).toHaveCount(0);
});
