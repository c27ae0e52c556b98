import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";

// Another site on this machine (another port: another origin) with plain forms aimed at Costwise. Without
// sign-in nothing but the Origin check stands between such a page and "Sync now", so it must refuse them.
let evil: Server;
let evilUrl: string;

test.beforeAll(async ({ baseURL }) => {
  evil = createServer((req, res) => {
    const target = req.url === "/tags" ? `${baseURL}/tags` : `${baseURL}/api/sync`;
    res.setHeader("content-type", "text/html");
    res.end(`<form id="f" method="post" action="${target}"><input name="x" value="1"></form>
      <script>document.getElementById("f").submit()</script>`);
  });
  await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
  evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => evil.close(() => resolve())));

test("a form on another site cannot start a sync or post to a page", async ({ page, request }) => {
  const before = (await (await request.get("/api/sync")).json()).runs.length;
  for (const path of ["/", "/tags"]) {
    const answer = page.waitForResponse((r) => r.request().method() === "POST");
    await page.goto(`${evilUrl}${path}`);
    const res = await answer;
    expect(res.status(), path).toBe(403);
    expect(await res.json()).toMatchObject({ error: { kind: "forbidden" } });
    expect((await res.json()).error.message).toContain(`Refused a change requested from ${evilUrl}`);
  }
  expect((await (await request.get("/api/sync")).json()).runs.length).toBe(before);

  // Refused like any other refusal in the audit trail, with the origin it came from.
  await page.goto("/settings/audit?outcome=refused");
  const events = page.getByRole("region", { name: "Audit events" });
  await expect(events).toContainText(`Origin ${evilUrl}`);
  await expect(events).toContainText("POST /api/sync");
});

test("a flood of cross-site posts writes one audit row per origin a minute, not one per post", async ({ request }) => {
  const origin = `http://flood-${Date.now()}.example`;
  for (let i = 0; i < 30; i++) {
    const res = await request.post("/api/sync", { headers: { origin } });
    expect(res.status()).toBe(403);
  }
  const csv = await (await request.get("/api/export/audit?format=csv")).text();
  expect(csv.split("\n").filter((line) => line.includes(`Origin ${origin}`))).toHaveLength(1);
});

test("every answer carries the security headers", async ({ request }) => {
  for (const path of ["/", "/api/health", "/no-such-page", "/icon.svg"]) {
    const headers = (await request.get(path)).headers();
    expect(headers["content-security-policy"], path).toMatch(/frame-ancestors 'none'/);
    expect(headers["content-security-policy"], path).toMatch(/script-src 'self' 'nonce-[\w+/=]+' 'strict-dynamic'/);
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
  }
});

test("the pages and their charts run under the CSP: no violation, charts drawn", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => m.type() === "error" && violations.push(m.text()));
  for (const path of ["/", "/spend", "/tags", "/rightsizing", "/savings", "/slides", "/sync", "/settings"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  await page.goto("/");
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  expect(violations).toEqual([]);
});
