import { expect, test } from "@playwright/test";
import { PROXY_PORT } from "../playwright.config";
import { expectNoAxeViolations } from "./axe";

const SHOTS = process.env.SHOTS_DIR;

// "Sync now" on /sync, against the emulators through the real SDK clients (scripts/e2e-server.ts): the admin
// presses it and watches the progress (which source, what it is doing, how far) until the run's row says
// succeeded. The demo data comes back the same, so the other journeys see what they expect.
test("an admin presses Sync now and watches the run to the end", async ({ page }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto("/sync");
  const current = page.getByRole("region", { name: "Current sync" });
  await expect(current.getByRole("heading", { name: "No sync running" })).toBeVisible();
  await current.getByRole("button", { name: "Sync now" }).click();

  const running = current.getByRole("heading", { name: /^Sync #\d+ is running$/ });
  await expect(running).toBeVisible({ timeout: 60_000 }); // starting takes the sync lock and plans the run
  const runId = Number((await running.textContent())!.match(/#(\d+)/)![1]);
  await expect(current.getByRole("button", { name: "Sync now" })).toBeDisabled();

  // What the status line and the bar said while the run went on, read every 200 ms until it ended.
  const said = new Set<string>();
  const values = new Set<string>();
  const status = current.getByRole("status");
  const bar = current.getByRole("progressbar");
  await expect
    .poll(
      async () => {
        const text = (await status.textContent()) ?? "";
        if (SHOTS && !said.has(text) && / — step /.test(text) && said.size < 4)
          await page.screenshot({ path: `${SHOTS}/sync-progress-${said.size}.png` }).catch(() => {});
        said.add(text);
        const value = await bar.getAttribute("aria-valuenow", { timeout: 100 }).catch(() => null);
        if (value) values.add(value);
        return current.getByRole("heading", { name: "No sync running" }).isVisible();
      },
      { timeout: 150_000, intervals: [200] },
    )
    .toBe(true);
  const progress = [...said].filter((s) => / — step \d+ of \d+, \d+ requests, [\d,]+ rows$/.test(s));
  expect(progress.length, `progress lines seen: ${[...said].join(" | ")}`).toBeGreaterThan(0);
  // Named the way people call the source, with what it is doing.
  expect(
    progress.some((s) => /^(AWS Cost Explorer|Datadog|AWS Savings Plans and Reserved Instances|pricing): \S/.test(s)),
  ).toBe(true);
  expect([...values].every((v) => Number(v) >= 0 && Number(v) <= 100)).toBe(true);

  // The run's row: succeeded, with its requests.
  const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: `#${runId}`, exact: true }) });
  await expect(row).toContainText("succeeded");
  await expect(row.getByRole("cell").nth(5)).toHaveText(/^[1-9]\d*$/);
  await expectNoAxeViolations(page, "the sync history after a sync");
  expect(errors).toEqual([]);
});

test.describe("someone who is not an admin", () => {
  // The sign-in proxy's server (playwright.config.ts): a viewer may read /sync but not start a sync.
  const VIEWER = { "X-Forwarded-Email": "someone@viewers.example.com" };
  test.use({ baseURL: `http://127.0.0.1:${PROXY_PORT}`, extraHTTPHeaders: VIEWER });

  test("sees the history without a Sync now button, and the API refuses to start one", async ({ page, request }) => {
    await page.goto("/sync");
    await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sync now" })).toHaveCount(0);
    const before = await (await request.get("/api/sync")).json();
    const res = await request.post("/api/sync");
    expect(res.status()).toBe(403);
    expect(await res.json()).toMatchObject({
      error: { kind: "forbidden", message: expect.stringMatching(/^You do not have access to POST \/api\/sync/) },
    });
    // Nothing started: the same runs, none running.
    const after = await (await request.get("/api/sync")).json();
    expect(after.runs.map((r: { id: number }) => r.id)).toEqual(before.runs.map((r: { id: number }) => r.id));
    expect(after.runs.some((r: { status: string }) => r.status === "running")).toBe(false);
  });
});
