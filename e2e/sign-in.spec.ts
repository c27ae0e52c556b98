import { spawn, type ChildProcess } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";

// Sign-in against a real OpenID provider on loopback (oidc-provider), through its login form in the browser.
// This spec starts its own Costwise server with COSTWISE_AUTH=oidc on the port after the shared one, with
// sessions of 36 seconds so expiry is seen for real.
const port = Number(process.env.E2E_PORT ?? 3100) + 2; // +1 is the sign-in proxy server of playwright.config.ts
const base = `http://127.0.0.1:${port}`;
const SESSION_SECONDS = 36;
const shots = process.env.SHOTS_DIR;

test.describe.configure({ mode: "serial" });
test.use({ baseURL: base });

let server: ChildProcess | undefined;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  server = spawn("node_modules/.bin/tsx", ["scripts/e2e-server.ts", "--port", String(port), "--oidc"], {
    env: { ...process.env, COSTWISE_SESSION_HOURS: String(SESSION_SECONDS / 3600) },
    stdio: ["ignore", "inherit", "inherit"],
    detached: false,
  });
  const deadline = Date.now() + 280_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The sign-in server exited with ${server.exitCode}`);
    const up = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error("The sign-in server did not start");
    await new Promise((r) => setTimeout(r, 1000));
  }
});

test.afterAll(async () => {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((r) => server!.once("exit", r));
  server.kill("SIGTERM");
  await exited;
});

/** Signs in as `login` through the provider's own form, starting from `path`; returns when back on `path`. */
async function signIn(page: Page, login: string, path: string) {
  await page.goto(path);
  await expect(page).toHaveURL(`${base}/signin?next=${encodeURIComponent(path)}`);
  await page.getByRole("link", { name: "Sign in with your company account" }).click();
  // The provider's login page, on its own origin.
  await expect(page.locator('input[name="login"]')).toBeVisible();
  expect(new URL(page.url()).origin).not.toBe(base);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await expect(page).toHaveURL(`${base}${path}`);
}

test("a person signs in at the provider, sees their email, and signs out", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // Only Costwise's own pages: the test provider's login page asks for web fonts this machine cannot reach.
  page.on("console", (m) => {
    if (m.type() === "error" && m.location().url.startsWith(base)) errors.push(`${m.location().url}: ${m.text()}`);
  });

  await page.goto("/spend?dimension=project");
  await expect(page).toHaveURL(`${base}/signin?next=${encodeURIComponent("/spend?dimension=project")}`);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  if (shots) await page.screenshot({ path: `${shots}/signin.png` });

  await signIn(page, "ada", "/spend?dimension=project");
  const account = page.getByTestId("account");
  await expect(account).toContainText("Signed in as");
  await expect(account).toContainText("ada@example.com");
  await expect(page.getByRole("heading", { level: 1, name: "Spend" })).toBeVisible();
  await expect(page.getByRole("table").first()).toBeVisible();
  if (shots) await page.screenshot({ path: `${shots}/signed-in.png` });

  // The session cookie: HttpOnly, SameSite=Lax, not readable by scripts, gone at the session's end.
  const cookie = (await page.context().cookies()).find((c) => c.name === "costwise_session")!;
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });
  expect(cookie.expires * 1000 - Date.now()).toBeLessThanOrEqual(SESSION_SECONDS * 1000);
  expect(await page.evaluate(() => document.cookie)).not.toContain("costwise_session");

  // The audit log has the sign-in.
  await page.goto("/settings/audit?action=auth");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const row = page.getByRole("region", { name: "Audit events" }).getByRole("row").nth(1);
  await expect(row).toContainText("ada@example.com");
  await expect(row).toContainText("auth.sign-in");
  if (shots) await page.screenshot({ path: `${shots}/audit.png`, fullPage: true });

  // Sign-out ends the provider's session too (its end_session_endpoint), which asks to confirm and comes back.
  await account.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Yes, sign me out" })).toBeVisible();
  expect(new URL(page.url()).origin).not.toBe(base);
  expect((await page.context().cookies(base)).find((c) => c.name === "costwise_session")).toBeUndefined();
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(page).toHaveURL(`${base}/signin?state=signed-out`);
  await expect(page.getByRole("status")).toHaveText("You are signed out of Costwise.");
  if (shots) await page.screenshot({ path: `${shots}/signed-out.png` });
  // Signing in again asks for the login at the provider: its session is gone, not only ours.
  await signIn(page, "ada", "/tags");
  await expect(page.getByTestId("account")).toContainText("ada@example.com");
  expect(errors).toEqual([]);
});

test("signed out, an API answers 401 JSON and a page sends the browser to sign in", async ({ request }) => {
  for (const path of ["/api/export/spend?format=csv", "/api/sync", "/api/rightsizing/usage"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(401);
    expect(await res.json()).toEqual({
      error: { kind: "unauthenticated", message: "Sign in first: this needs a signed-in session." },
    });
  }
  const page = await request.get("/settings", { maxRedirects: 0 });
  expect(page.status()).toBe(302);
  expect(page.headers()["location"]).toBe("/signin?next=%2Fsettings");
  const forged = await request.get("/api/export/spend", {
    headers: { cookie: "costwise_session=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..AAAA.BBBB.CCCC" },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(401);
  expect((await request.get("/api/health")).status()).toBe(200);
});

test("the session ends after COSTWISE_SESSION_HOURS: the next page asks to sign in again", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "fiona", "/tags");
  const signedInAt = Date.now();
  await expect(page.getByTestId("account")).toContainText("fiona@example.com");
  expect((await page.request.get("/api/sync")).status()).toBe(200);

  await page.waitForTimeout(Math.max(0, signedInAt + (SESSION_SECONDS + 2) * 1000 - Date.now()));
  // The browser has dropped the expired cookie; a kept copy is refused by the server all the same.
  await page.reload();
  await expect(page).toHaveURL(`${base}/signin?next=%2Ftags`);
  expect((await page.request.get("/api/sync")).status()).toBe(401);
});

test("the provider's groups give the roles: a team member sees their team only, nobody sees no data", async ({
  browser,
}) => {
  const team = await browser.newPage({ baseURL: base });
  await signIn(team, "pat", "/rightsizing/payments");
  await expect(team.getByRole("heading", { level: 1, name: "Team payments" })).toBeVisible();
  await team.goto("/spend");
  await expect(team.getByRole("heading", { level: 1, name: "No access" })).toBeVisible();
  expect((await team.request.get("/api/export/rightsizing?team=video")).status()).toBe(403);
  await team.close();

  const nobody = await browser.newPage({ baseURL: base });
  await signIn(nobody, "nobody", "/spend");
  await expect(nobody.getByRole("heading", { level: 1, name: "No access" })).toBeVisible();
  await expect(nobody.getByRole("main")).toContainText("nobody@example.com");
  expect((await nobody.request.get("/api/export/spend")).status()).toBe(403);
  await nobody.close();
});

test("finance, signed in through the provider, edits tag rules but cannot open /settings", async ({ browser }) => {
  const page = await browser.newPage({ baseURL: base });
  await signIn(page, "fiona", "/tags");
  await expect(page.getByRole("heading", { level: 1, name: "Tags" })).toBeVisible();
  const offenders = page.getByRole("region", { name: "Offenders" });
  const prodRow = offenders.getByRole("row").filter({ has: page.getByText("Prod", { exact: true }) });
  await prodRow.getByRole("button", { name: 'Alias to production: "Prod"' }).click();
  await expect(prodRow.getByRole("status")).toContainText('now shows under "production" in every report');
  await page.getByRole("button", { name: 'Remove the alias "Prod" → production' }).first().click();
  await expect(page.getByRole("button", { name: 'Alias to production: "Prod"' })).toBeVisible();

  const settings = await page.goto("/settings");
  expect(settings?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "No access" })).toBeVisible();
  expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link").allTextContents()).not.toContain(
    "Settings",
  );
  expect((await page.request.post("/api/sync", { headers: { origin: base } })).status()).toBe(403);
  await page.close();

  // The admin sees both changes, made by fiona, in the audit trail.
  const admin = await browser.newPage({ baseURL: base });
  await signIn(admin, "ada", "/settings/audit?actor=fiona%40example.com");
  const events = admin.getByRole("region", { name: "Audit events" });
  await expect(events).toContainText("settings.tags");
  await expect(events).toContainText("access.refused");
  await admin.close();
});

test("a department user, signed in through the provider, sees its department's spend only", async ({ browser }) => {
  const page = await browser.newPage({ baseURL: base });
  await signIn(page, "dana", "/spend");
  const table = page.getByRole("region", { name: "Table" });
  await expect(table).toContainText("growth");
  await expect(table).not.toContainText("platform");
  await expect(table).not.toContainText("payments");
  const csv = await (await page.request.get("/api/export/spend")).text();
  expect(csv).toContain("growth");
  expect(csv).not.toMatch(/platform|payments|video/);
  // Another department by URL: refused with its status, before the page streams.
  const other = await page.goto("/spend?department=platform");
  expect(other?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "No access" })).toBeVisible();
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Trend by department" })).toContainText("growth");
  await expect(page.getByRole("region", { name: "Trend by department" })).not.toContainText("platform");
  if (shots) await page.screenshot({ path: `${shots}/department-overview-oidc.png` });
  // Every link on its overview opens: none leads to a refusal (untagged departments, /sync).
  const hrefs = await page
    .getByRole("main")
    .locator("a[href^='/']")
    .evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute("href") ?? ""))]);
  expect(hrefs.length).toBeGreaterThan(5);
  for (const href of hrefs) expect((await page.request.get(href)).status(), href).toBe(200);
  expect((await page.goto("/rightsizing/payments"))?.status()).toBe(403);
  await page.close();
});

test("a failed sign-in explains itself and is in the audit log", async ({ page }) => {
  await page.goto("/api/auth/callback/oidc?code=stolen&state=guessed");
  await expect(page).toHaveURL(`${base}/signin?error=expired`);
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "The sign-in took too long or was started in another tab",
  );
  await signIn(page, "ada", "/settings/audit?outcome=failed");
  const row = page.getByRole("region", { name: "Audit events" }).getByRole("row").nth(1);
  await expect(row).toContainText("anonymous");
  await expect(row).toContainText("failed");
  await expect(row).toContainText("No sign-in in progress in this browser");
});
