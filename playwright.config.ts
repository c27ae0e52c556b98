import { defineConfig } from "@playwright/test";
import { existsSync } from "node:fs";

// Debian's chromium here (Playwright cannot download browsers offline); elsewhere Playwright's own browser
// (`npx playwright install chromium`) is used when /usr/bin/chromium is absent and CHROMIUM_PATH is unset.
const chromium = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const port = Number(process.env.E2E_PORT ?? 3100);

// A second server runs behind a sign-in proxy, as a company deploys Costwise, for e2e/access.spec.ts: it believes
// the identity headers only from 127.0.0.1, and these rules say who sees what. The other journeys use the first
// server, on loopback without sign-in (a browser's downloads do not carry Playwright's extra headers).
export const PROXY_PORT = port + 1;
export const E2E_ROLES = [
  "email:e2e-admin@example.com = admin",
  "group:finance = finance",
  "domain:viewers.example.com = viewer",
  "group:team-video = team:video",
  "group:dept-platform = department:platform",
].join("\n");

export default defineConfig({
  testDir: "./e2e",
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["./e2e/summary-reporter.ts"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    acceptDownloads: true,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium", viewport: { width: 1440, height: 900 } } }],
  webServer: [
    {
      // Emulators + a throwaway database + a real sync + the built app, on a fixed clock (scripts/e2e-server.ts).
      command: `node_modules/.bin/tsx scripts/e2e-server.ts --port ${port}`,
      url: `http://127.0.0.1:${port}/api/health`,
      reuseExistingServer: false,
      timeout: 300_000,
      env: { COSTWISE_AUTH: "none" },
      stdout: "pipe",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    },
    {
      // The same, behind a sign-in proxy (e2e/access.spec.ts).
      command: `node_modules/.bin/tsx scripts/e2e-server.ts --port ${PROXY_PORT}`,
      url: `http://127.0.0.1:${PROXY_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 300_000,
      env: { COSTWISE_AUTH: "proxy", COSTWISE_TRUSTED_PROXIES: "127.0.0.1, ::1", COSTWISE_ROLES: E2E_ROLES },
      stdout: "pipe",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    },
  ],
});
