import { request as httpRequest } from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { PROXY_PORT } from "../playwright.config";

// Sign-in behind a proxy, through the real server: the identity headers count only when the TCP peer is a trusted
// proxy (127.0.0.1 here), and each role sees its own pages. The second server of playwright.config.ts, with its rules.
// Every refusal answers its status, pages that stream (a loading state) included: proxy.ts answers 401/403 from
// the policy table before the page streams, and the page's read, refused again in the data layer, shows why.

const port = PROXY_PORT;
const SHOTS = process.env.E2E_SHOTS_DIR;

/** A plain HTTP request from a chosen local address (127.0.0.2 is this machine, but not the trusted proxy). */
function get(path: string, headers: Record<string, string>, localAddress: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, headers, localAddress }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

const ADMIN = { "X-Forwarded-Email": "e2e-admin@example.com" };

test.use({ baseURL: `http://127.0.0.1:${port}`, extraHTTPHeaders: ADMIN });

test("identity headers count from the trusted proxy only, whatever a client claims", async () => {
  expect((await get("/api/export/sync-runs", ADMIN, "127.0.0.1")).status).toBe(200);
  const untrusted = await get("/api/export/sync-runs", ADMIN, "127.0.0.2");
  expect(untrusted.status).toBe(401);
  expect(JSON.parse(untrusted.body)).toMatchObject({ error: { kind: "unauthenticated" } });
  // A client cannot pose as the proxy by sending the header the server sets from the socket.
  const posing = await get("/api/export/sync-runs", { ...ADMIN, "X-Costwise-Peer": "127.0.0.1" }, "127.0.0.2");
  expect(posing.status).toBe(401);
  const page = await get("/settings", ADMIN, "127.0.0.2");
  expect(page.status).toBe(401);
  expect(page.body).toContain("Not signed in");
  const streamed = await get("/spend", ADMIN, "127.0.0.2");
  expect(streamed.status).toBe(401);
  expect(streamed.body).toContain("Not signed in");
  expect(streamed.body).not.toContain("k8s-platform");
  // Without the email header, even from the proxy, nobody is signed in.
  expect((await get("/api/sync", {}, "127.0.0.1")).status).toBe(401);
  // The liveness probe stays open.
  expect((await get("/api/health", {}, "127.0.0.2")).status).toBe(200);
});

async function navLinks(page: Page) {
  return page.getByRole("navigation", { name: "Main" }).getByRole("link").allTextContents();
}

test.describe("a person no rule matches", () => {
  test.use({ extraHTTPHeaders: { "X-Forwarded-Email": "sam@elsewhere.org", "X-Forwarded-Groups": "marketing,emea" } });

  test("sees the no-access page with their email, groups and whom to ask, never data", async ({ page }) => {
    for (const path of ["/", "/spend", "/rightsizing/video", "/savings"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: "No access to Costwise" }), path).toBeVisible();
    }
    expect((await page.goto("/settings"))?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "No access to Costwise" })).toBeVisible();
    await expect(page.getByRole("main").getByText("sam@elsewhere.org")).toBeVisible();
    await expect(page.getByText("marketing", { exact: true })).toBeVisible();
    await expect(page.getByText("e2e-admin@example.com")).toBeVisible();
    expect(await navLinks(page)).toEqual([]);
    await expect(page.getByRole("main")).not.toContainText("$");
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/no-access.png`, fullPage: true });
  });
});

test.describe("a team grant", () => {
  test.use({ extraHTTPHeaders: { "X-Forwarded-Email": "tia@corp.example", "X-Forwarded-Groups": "team-video" } });

  test("starts on its team's page, sees only its team, and is refused the others", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/rightsizing\/video$/);
    await expect(page.getByRole("heading", { level: 1, name: "Team video" })).toBeVisible();
    expect(await navLinks(page)).toEqual(["Rightsizing"]);
    await page.goto("/rightsizing");
    const teams = page.getByRole("region", { name: "Teams", exact: true });
    await expect(teams).toContainText("video");
    await expect(teams).not.toContainText("payments");
    await page.goto("/rightsizing/payments");
    await expect(page.getByRole("heading", { level: 1, name: "No access" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Rightsizing of team video" })).toBeVisible();
    await expect(page.getByRole("main")).not.toContainText("checkout-api");
    await page.goto("/spend");
    await expect(page.getByRole("heading", { level: 1, name: "No access" })).toBeVisible();
    const crafted = await page.request.get("/api/export/rightsizing?team=payments");
    expect(crafted.status()).toBe(403);
  });
});

test("a team member's refused pages answer 403 over plain HTTP, streaming pages included; their own 200", async () => {
  const TEAM = { "X-Forwarded-Email": "tia@corp.example", "X-Forwarded-Groups": "team-video" };
  for (const path of [
    "/spend",
    "/tags",
    "/settings",
    "/settings/audit",
    "/rightsizing/payments",
    "/spend/categories",
  ]) {
    const res = await get(path, TEAM, "127.0.0.1");
    expect(res.status, path).toBe(403);
    expect(res.body, path).toContain("No access");
    expect(res.body, path).not.toContain("checkout-api");
  }
  expect((await get("/rightsizing/video", TEAM, "127.0.0.1")).status).toBe(200);
  expect((await get("/rightsizing", TEAM, "127.0.0.1")).status).toBe(200);
  // An API answers its own 403 JSON, as before.
  const api = await get("/api/export/rightsizing?team=payments", TEAM, "127.0.0.1");
  expect(api.status).toBe(403);
  expect(JSON.parse(api.body)).toMatchObject({ error: { kind: "forbidden" } });
});

test.describe("a department grant", () => {
  test.use({ extraHTTPHeaders: { "X-Forwarded-Email": "dee@corp.example", "X-Forwarded-Groups": "dept-platform" } });

  test("reads its department's spend only", async ({ page }) => {
    await page.goto("/spend");
    const table = page.getByRole("region", { name: "Table" });
    await expect(table).toContainText("platform");
    await expect(table).not.toContainText("payments");
    expect((await page.request.get("/api/export/spend?department=payments")).status()).toBe(403);
    await page.goto("/spend?department=payments");
    await expect(page.getByRole("heading", { level: 1, name: "No access" })).toBeVisible();
  });

  test("sees the overview and the tag reports over its department, and the tags export holds it only", async ({
    page,
  }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    expect(await navLinks(page)).toEqual(expect.arrayContaining(["Overview", "Spend", "Tags"]));
    const trend = page.getByRole("region", { name: "Trend by department" });
    await expect(trend).toContainText("platform");
    await expect(trend).not.toContainText("payments");
    // This month on the overview = this month of platform on /spend, to the cent.
    const thisMonth = await page.getByTestId("this-month").textContent();
    await page.getByTestId("this-month").click();
    await expect(page.getByRole("heading", { level: 1, name: "Spend" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Table" })).toContainText(thisMonth ?? "missing");
    if (SHOTS) await page.goto("/").then(() => page.screenshot({ path: `${SHOTS}/department-overview.png` }));

    await page.goto("/tags");
    const departments = page.getByRole("region", { name: "Compliance by department" });
    await expect(departments).toContainText("platform");
    await expect(departments).not.toContainText("payments");
    await expect(page.getByText("Your departments' spend in the range")).toBeVisible();
    // The lists and aliases are shown, without the controls the save would refuse (finance and admins edit them).
    const lists = page.getByRole("region", { name: "Allowed values" });
    await expect(lists.getByRole("region", { name: "Allowed department values" })).toBeVisible();
    await expect(lists.getByRole("button")).toHaveCount(0);
    await expect(lists.getByRole("textbox")).toHaveCount(0);
    await expect(
      page.getByRole("region", { name: "Offenders" }).getByRole("button", { name: /Alias|Undo/ }),
    ).toHaveCount(0);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/department-tags.png`, fullPage: true });
    const csv = await page.request.get("/api/export/tags");
    expect(csv.status()).toBe(200);
    expect(await csv.text()).not.toMatch(/payments|video/i);
  });
});

test.describe("a viewer", () => {
  test.use({ extraHTTPHeaders: { "X-Forwarded-Email": "vi@viewers.example.com" } });

  test("reads every report but changes nothing", async ({ page }) => {
    await page.goto("/savings");
    await expect(page.getByText("needs the finance or admin role")).toBeVisible();
    await page.goto("/tags");
    await expect(page.getByRole("region", { name: "Allowed values" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Allowed values" }).getByRole("button")).toHaveCount(0);
    expect(await navLinks(page)).not.toContain("Settings");
    expect((await page.goto("/settings"))?.status()).toBe(403);
    const sync = await page.request.post("/api/sync");
    expect(sync.status()).toBe(403);
  });
});

test("an admin sees the role rules in force on /settings", async ({ page }) => {
  await page.goto("/settings");
  const roles = page.getByRole("region", { name: "Sign-in and roles" });
  await expect(roles).toContainText("A sign-in proxy in front names each person");
  await expect(roles.getByRole("row", { name: /group:team-video team:video/ })).toBeVisible();
  await expect(page.getByText("e2e-admin@example.com").first()).toBeVisible();
  if (SHOTS) await roles.screenshot({ path: `${SHOTS}/settings-roles.png` });
});
