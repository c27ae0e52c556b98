import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { PROXY_PORT } from "../playwright.config";
import { e2eWorldFile } from "../scripts/e2e-world-file";
import { expectNoAxeViolations } from "./axe";

// The team review loop, behind the sign-in proxy: a member of team video accepts two rows and rejects one with a
// reason; the team applies one of the two (the Datadog emulator's next data carries the recommended requests), and
// after a sync that row is "applied" and its saving shows in the team's realized total and in the ledger's
// proposal, while the other is still "accepted"; a later sync with the requests raised again shows "drifted".

const port = PROXY_PORT;
/** The e2e server's clock (scripts/e2e-server.ts). */
const E2E_NOW = "2026-11-26T12:00:00Z";
const SHOTS = process.env.E2E_SHOTS_DIR;
const MEMBER = { "X-Forwarded-Email": "tia@corp.example", "X-Forwarded-Groups": "team-video" };
const ADMIN = { "X-Forwarded-Email": "e2e-admin@example.com" };

type Decision = {
  cluster: string;
  namespace: string;
  workload: string;
  container: string;
  status: string;
  before: { cpu: number; memory: number };
  recommended: { cpu: number; memory: number };
  realizedMonthlyUsd: string | null;
  reason: string;
};

test.use({ baseURL: `http://127.0.0.1:${port}`, extraHTTPHeaders: MEMBER });
test.describe.configure({ mode: "serial" });

const world = () =>
  JSON.parse(readFileSync(e2eWorldFile(port), "utf8")) as { datadogUrl: string; databaseUrl: string | null };
const datadogUrl = () => world().datadogUrl;

/**
 * `npm run -s digest -- --team video --dry-run` on the server's database: the email text team video would get.
 * Null when the server runs on an embedded database (it belongs to the server's process).
 */
function digestDryRun(): string | null {
  const { databaseUrl } = world();
  // On Postgres (CI sets TEST_DATABASE_URL) the server's database must be named, or this check would pass unseen.
  if (process.env.TEST_DATABASE_URL) expect(databaseUrl, "the e2e server's database URL").not.toBeNull();
  if (databaseUrl === null) return null;
  const run = spawnSync(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "scripts/digest.ts", "--team", "video", "--dry-run"],
    {
      encoding: "utf8",
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        COSTWISE_NOW: E2E_NOW,
      },
      timeout: 120_000,
    },
  );
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

/** kubectl apply, as far as Datadog can tell: the emulator reports these requests from the next query on. */
async function setRequests(request: APIRequestContext, d: Decision, cpu: number, memory: number) {
  const answer = await request.post(`${datadogUrl()}/__emulator/requests`, {
    data: {
      cluster: d.cluster,
      namespace: d.namespace,
      workload: d.workload,
      container: d.container,
      cpuCores: cpu / 1000,
      memoryBytes: memory,
    },
  });
  expect(answer.status(), await answer.text()).toBe(200);
}

/** "Sync now" as an admin, then wait for that run to finish. */
async function syncAsAdmin(request: APIRequestContext) {
  const started = await request.post("/api/sync", { headers: ADMIN });
  expect(started.status(), await started.text()).toBe(202);
  const { runId } = (await started.json()) as { runId: number };
  const status = async () => {
    const runs = (await (await request.get("/api/sync", { headers: ADMIN })).json()) as {
      runs: { id: number; status: string }[];
    };
    return runs.runs.find((r) => r.id === runId)?.status;
  };
  await expect.poll(() => status().catch(() => "busy"), { timeout: 240_000, intervals: [1000] }).toBe("succeeded");
}

async function decisions(request: APIRequestContext): Promise<Decision[]> {
  const answer = await request.get("/api/rightsizing/decisions?team=video");
  expect(answer.status()).toBe(200);
  return ((await answer.json()) as { decisions: Decision[] }).decisions;
}

const rowOf = (page: Page, workloadContainer: string) => page.locator(`tr[data-container="${workloadContainer}"]`);
const keyOf = (d: Pick<Decision, "cluster" | "namespace" | "workload" | "container">) =>
  `${d.cluster}/${d.namespace}/${d.workload}/${d.container}`;
const statusOf = (page: Page) => page.getByRole("form", { name: "Decisions of team video" }).getByRole("status");

test("a team member decides; the syncs see one change applied, then drifted back", async ({ page, request }) => {
  test.setTimeout(600_000);
  await page.goto("/rightsizing/video?change=cut&sort=savings");
  await expect(page.getByRole("heading", { level: 1, name: "Team video" })).toBeVisible();
  const open = page.locator('tr[data-status="open"]:has(input[name="row"])');
  const names = (await open.evaluateAll((rows) =>
    rows.slice(0, 3).map((r) => r.getAttribute("data-container")),
  )) as string[];
  expect(names).toHaveLength(3);
  const [first, second, third] = names as [string, string, string];

  // Accept two rows with the toolbar…
  await rowOf(page, first).locator('input[name="row"]').check();
  await rowOf(page, second).locator('input[name="row"]').check();
  await page.getByRole("button", { name: "Accept", exact: true }).click();
  await expect(statusOf(page)).toHaveText("Accepted: 2 containers.");
  await expect(rowOf(page, first)).toHaveAttribute("data-status", "accepted");
  await expect(rowOf(page, second)).toHaveAttribute("data-status", "accepted");
  await expect(rowOf(page, first)).toContainText("accepted by tia@corp.example on 2026-11-26");

  // …a rejection needs a reason.
  await rowOf(page, third).locator('input[name="row"]').check();
  await page.getByRole("button", { name: "Reject", exact: true }).click();
  await expect(statusOf(page)).toContainText("say why it is rejected");
  await expect(rowOf(page, third)).toHaveAttribute("data-status", "open");
  await rowOf(page, third).locator('input[name="row"]').check();
  await page.getByLabel("Reason (to reject)").fill("batch job, peaks are real");
  await page.getByRole("button", { name: "Reject", exact: true }).click();
  await expect(statusOf(page)).toHaveText("Rejected: 1 container.");
  await expect(rowOf(page, third)).toHaveAttribute("data-status", "declined");
  await expect(rowOf(page, third)).toContainText("“batch job, peaks are real”");
  await expect(page.getByTestId("declined-savings")).not.toHaveText("$0.00");
  await expectNoAxeViolations(page, "a team's table after decisions");

  // The team applies the first recommendation and leaves the second as it was.
  const made = await decisions(request);
  const applied = made.find((d) => keyOf(d) === first)!;
  expect(made.find((d) => keyOf(d) === third)).toMatchObject({
    status: "declined",
    reason: "batch job, peaks are real",
  });
  await setRequests(request, applied, applied.recommended.cpu, applied.recommended.memory);
  await syncAsAdmin(request);

  const seen = await decisions(request);
  const nowApplied = seen.find((d) => keyOf(d) === first)!;
  expect(nowApplied.status).toBe("applied");
  expect(seen.find((d) => keyOf(d) === second)?.status).toBe("accepted");
  const realized = nowApplied.realizedMonthlyUsd!;
  expect(Number(realized)).toBeGreaterThan(0);
  const usd = `$${Number(realized).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

  await page.goto("/rightsizing/video");
  await expect(rowOf(page, first)).toHaveAttribute("data-status", "applied");
  await expect(rowOf(page, first)).toContainText(`saves ${usd}/month since 2026-11-26`);
  await expect(rowOf(page, second)).toHaveAttribute("data-status", "accepted");
  await expect(page.getByTestId("realized-savings")).toHaveText(`+${usd}`);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/team-decisions.png`, fullPage: false });

  // The ledger proposes recording it (finance and admins record initiatives; a team member cannot open /savings).
  const admin = await page
    .context()
    .browser()!
    .newContext({ baseURL: `http://127.0.0.1:${port}`, extraHTTPHeaders: ADMIN });
  const ledger = await admin.newPage();
  await ledger.goto("/savings");
  const proposal = ledger.getByRole("region", { name: "Rightsizing applied" });
  await expect(proposal.getByTestId("realized-video")).toHaveText(usd);
  await proposal.getByRole("link", { name: "Record team video's rightsizing as an initiative" }).click();
  await expect(ledger.getByLabel("Name")).toHaveValue("Rightsizing applied by team video");
  await admin.close();

  // The weekly digest says so too.
  const digest = digestDryRun();
  if (digest !== null) {
    expect(digest).toContain("=== video, week of");
    expect(digest).toContain("Applied: 1 in all, 1 since last week");
    expect(digest).toContain(`Savings realized: +${usd}/month`);
    expect(digest).toContain("Drifted back: 0");
  }

  // Someone raises the requests back: the next sync sees the drift.
  await setRequests(request, applied, applied.before.cpu, applied.before.memory);
  await syncAsAdmin(request);
  await page.goto("/rightsizing/video");
  await expect(rowOf(page, first)).toHaveAttribute("data-status", "drifted");
  await expect(rowOf(page, second)).toHaveAttribute("data-status", "accepted");
  await expect(page.getByTestId("realized-savings")).toHaveText("$0.00");
  const drifted = digestDryRun();
  if (drifted !== null) {
    expect(drifted).toContain("Drifted back: 1");
    expect(drifted).toContain(`${first.split("/").slice(1).join("/")} (${first.split("/")[0]}), since 2026-11-26`);
    expect(drifted).toContain("Savings realized: $0.00/month");
  }
});

test("the API refuses a team member another team's rows and a forged key, in the one error shape", async ({
  request,
}) => {
  const other = await request.post("/api/rightsizing/decisions", {
    data: {
      team: "payments",
      decision: "accepted",
      containers: [
        {
          cluster: "prod-us-east-1",
          namespace: "payments",
          workloadKind: "Deployment",
          workload: "checkout-api",
          container: "app",
        },
      ],
    },
  });
  expect(other.status()).toBe(403);
  expect(await other.json()).toMatchObject({ error: { kind: "forbidden" } });
  const forged = await request.post("/api/rightsizing/decisions", {
    data: {
      team: "video",
      decision: "accepted",
      containers: [
        { cluster: "prod-us-east-1", namespace: "video", workloadKind: "Deployment", workload: "nope", container: "x" },
      ],
    },
  });
  expect(forged.status()).toBe(404);
  expect(await forged.json()).toMatchObject({ error: { kind: "not-found" } });
  const notJson = await request.post("/api/rightsizing/decisions", {
    headers: { "content-type": "text/plain" },
    data: "accept",
  });
  expect(notJson.status()).toBe(400);
});
