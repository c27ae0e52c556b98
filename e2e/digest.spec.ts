import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";

// An admin on /settings gives a team a weekly digest: a webhook on an internal address is refused, a Slack
// webhook and two addresses are saved, and the page shows the webhook masked only — never its secret path.
const SECRET_PATH = "services/T0000E2E/B0000E2E/e2eWebhookSecretWXYZ";

test.describe.configure({ mode: "serial" });

test("an admin sets a team's digest channels; the webhook is shown masked only", async ({ page }) => {
  await page.goto("/settings#digest");
  const section = page.getByRole("region", { name: "Weekly digest" });
  await expect(section.getByRole("heading", { name: "Weekly digest" })).toBeVisible();
  const team = await section.getByLabel("Team").inputValue();
  expect(team).not.toBe("");

  const webhook = section.getByRole("textbox", { name: /Slack incoming webhook URL/ });
  await webhook.fill("http://169.254.169.254/latest/meta-data");
  await section.getByRole("textbox", { name: /Email recipients/ }).fill("sre@example.com\nBcc: evil@example.com");
  await section.getByRole("button", { name: "Save channels" }).click();
  await expect(section.getByRole("alert")).toContainText("Not saved");
  await expect(section.getByText("expected an https:// URL")).toBeVisible();
  await expect(section.getByText(/"Bcc:": expected an address/)).toBeVisible();
  // The refused URL is not sent back into the page.
  expect(await page.content()).not.toContain("169.254.169.254");
  await expectNoAxeViolations(page, "the digest form with problems");

  await section
    .getByRole("textbox", { name: /Slack incoming webhook URL/ })
    .fill(`https://hooks.slack.com/${SECRET_PATH}`);
  await section.getByRole("textbox", { name: /Email recipients/ }).fill("sre@example.com, oncall@example.com");
  await section.getByRole("button", { name: "Save channels" }).click();
  await expect(section.getByRole("status")).toContainText(`Saved the digest channels of ${team}`);
  const row = section.getByRole("row", { name: new RegExp(`^${team}`) });
  await expect(row).toContainText("https://hooks.slack.com/…WXYZ");
  await expect(row).toContainText("sre@example.com, oncall@example.com");
  await expect(row).toContainText("not sent yet");
  await expect(section.getByText("Saved: https://hooks.slack.com/…WXYZ")).toBeVisible();
  expect(await page.content()).not.toContain("e2eWebhookSecret");
  await expectNoAxeViolations(page, "the settings with a team's digest channels");
  await section.screenshot({ path: "test-results/settings-digest.png" });

  // The audit log has the change, masked.
  await page.goto("/settings/audit?action=settings.digest");
  await expect(page.locator("td", { hasText: "settings.digest.save" }).first()).toBeVisible();
  expect(await page.content()).not.toContain("e2eWebhookSecret");

  // Leave the shared server as found: the team gets no digest again.
  await page.goto("/settings#digest");
  await section.getByLabel("Team").selectOption(team);
  await section.getByLabel("Remove the saved webhook").check();
  await section.getByRole("textbox", { name: /Email recipients/ }).fill("");
  await section.getByRole("button", { name: "Save channels" }).click();
  await expect(section.getByText("No team gets a digest yet")).toBeVisible();
});
