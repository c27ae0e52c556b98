import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";

// Two people edit the rightsizing settings from /settings pages opened at the same time. The first save lands;
// the second is refused, saying who saved and when, keeps what was typed on screen, and undoes nothing of the
// first. After a reload the second person's change lands on top.
const save = (page: Page) => page.getByRole("button", { name: "Save rightsizing settings" }).click();
const field = (page: Page, label: string) =>
  page.getByRole("form", { name: "Rightsizing settings" }).getByLabel(label, { exact: true });

test("a save from a page opened before someone else's save is refused with who and when, and loses nothing", async ({
  browser,
}) => {
  const ana = await (await browser.newContext()).newPage();
  const bo = await (await browser.newContext()).newPage();
  try {
    await ana.goto("/settings#rightsizing");
    await bo.goto("/settings#rightsizing");
    await expect(field(bo, "Medium change from (%)")).toHaveValue("20");

    await field(ana, "Medium change from (%)").fill("25");
    await save(ana);
    await expect(ana.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
    // Ana's page now carries the new version: her second save lands too.
    await field(ana, "High change from (%)").fill("55");
    await save(ana);
    await expect(ana.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();

    await field(bo, "Memory floor (Mi)").fill("48");
    await save(bo);
    const refused = bo.getByRole("alert").filter({ hasText: "Not saved" });
    await expect(refused).toContainText(
      /^Not saved\. These settings were changed by local at \d{4}-\d\d-\d\d \d\d:\d\d UTC since you opened this page, so yours were not saved\. Reload the page/,
    );
    await expect(field(bo, "Memory floor (Mi)")).toHaveValue("48"); // what Bo typed stays on screen
    await expectNoAxeViolations(bo, "a settings save refused because someone saved since");
    if (process.env.SHOTS_DIR) await refused.screenshot({ path: `${process.env.SHOTS_DIR}/settings-conflict.png` });

    await bo.reload();
    await expect(field(bo, "Medium change from (%)")).toHaveValue("25");
    await expect(field(bo, "High change from (%)")).toHaveValue("55");
    await expect(field(bo, "Memory floor (Mi)")).toHaveValue("32");
    await field(bo, "Memory floor (Mi)").fill("48");
    await save(bo);
    await expect(bo.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
    await bo.reload();
    await expect(field(bo, "Medium change from (%)")).toHaveValue("25");
    await expect(field(bo, "Memory floor (Mi)")).toHaveValue("48");
  } finally {
    // Back to the defaults the other journeys expect, from a fresh page (the current version).
    await bo.reload();
    await field(bo, "Medium change from (%)").fill("20");
    await field(bo, "High change from (%)").fill("50");
    await field(bo, "Memory floor (Mi)").fill("32");
    await save(bo);
    await expect(bo.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
    await ana.context().close();
    await bo.context().close();
  }
});
