import { expect, test } from "@playwright/test";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseCsv } from "../lib/csv";
import { buildCli } from "../scripts/build-cli";
import { startDemoEmulators, type DemoWorld } from "../scripts/demo-world";
import { createEmptyPostgresDatabase } from "../testing/databases";
import { layOutImage, listFiles, readImageStage, readWritablePaths } from "../testing/image";

// The container image, run without Docker (none here): the Dockerfile's runtime stage rebuilt in a temp folder
// from the standalone build — only the files its COPY lines copy — and started with its ENTRYPOINT + CMD and its
// ENV, against a throwaway Postgres and the emulators. IMAGE_NODE picks the Node that runs it (CI: Node 24, the
// image's); else this Node.
const NOW = "2026-11-26T12:00:00Z";
const node = process.env.IMAGE_NODE ?? process.execPath;
const stage = readImageStage();
// The only paths under the workdir the server may write (the Dockerfile documents them, and makes them).
const WRITABLE = readWritablePaths()
  .filter((p) => p.startsWith(`${stage.workdir}/`))
  .map((p) => p.slice(stage.workdir.length + 1));

test.describe.configure({ mode: "serial" });
test.skip(!process.env.TEST_DATABASE_URL, "needs TEST_DATABASE_URL: the image runs against Postgres");

let dir: string;
let database: { url: string; drop(): Promise<void> };
let world: DemoWorld;
let server: ChildProcess;
let serverLog = "";
let baseUrl: string;
let env: NodeJS.ProcessEnv;
let filesAtStart: Map<string, string>;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/**
 * `docker run costwise <args…>`: the image's entry point with other arguments, in the image's folder. Never
 * synchronous: the emulators answer from this very process.
 */
function runImage(args: string[]) {
  const [program, ...entry] = stage.entrypoint;
  expect(program).toBe("node");
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(node, [...entry, ...args], { cwd: dir, env, encoding: "utf8", timeout: 150_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === "number" ? err.code : null) : 0, stdout, stderr }),
    );
  });
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await buildCli(); // the second half of `npm run build`, current with the source
  dir = mkdtempSync(path.join(tmpdir(), "costwise-image-"));
  layOutImage(stage, process.cwd(), dir);
  for (const w of WRITABLE) mkdirSync(path.join(dir, w), { recursive: true });
  filesAtStart = listFiles(dir);
  database = await createEmptyPostgresDatabase(process.env.TEST_DATABASE_URL!);
  world = await startDemoEmulators({ now: new Date(NOW), log: () => {} });
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  env = {
    PATH: process.env.PATH,
    HOME: dir,
    ...stage.env,
    // Not a container here: listen on loopback. (The image listens on every interface, which the server allows
    // only with sign-in on; the sign-in is another test's business.)
    COSTWISE_HOST: "127.0.0.1",
    PORT: String(port),
    DATABASE_URL: database.url,
    COSTWISE_NOW: NOW,
    ...world.env,
  } as unknown as NodeJS.ProcessEnv;
  const [program, ...entry] = stage.entrypoint;
  expect(program).toBe("node");
  server = spawn(node, [...entry, ...stage.cmd], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
  server.stdout!.on("data", (d: Buffer) => (serverLog += d));
  server.stderr!.on("data", (d: Buffer) => (serverLog += d));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The image's server exited (${server.exitCode}):\n${serverLog}`);
    const res = await fetch(`${baseUrl}/api/health/live`).catch(() => null);
    if (res?.ok) break;
    if (Date.now() > deadline) throw new Error(`The image's server did not answer in 120 s:\n${serverLog}`);
    await new Promise((r) => setTimeout(r, 300));
  }
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
  await world?.close();
  await database?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("serves only from the files the image copies, after applying the migrations itself", async () => {
  expect(stage.cmd).toEqual(["serve"]);
  expect(stage.user).toMatch(/^[1-9]\d*(:\d+)?$/); // numeric and not root, so runAsNonRoot can check it
  const res = await fetch(`${baseUrl}/api/health`);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({
    status: "ok",
    database: { reachable: true, kind: "postgres" },
    migrations: { pending: [] },
  });
  expect(serverLog).toMatch(/applied \d+ migrations/);
  // The image's HEALTHCHECK is a real command of the image, and passes.
  expect(stage.healthcheck?.slice(0, 2)).toEqual(["node", "costwise.mjs"]);
  const health = await runImage(stage.healthcheck!.slice(2));
  expect(health.code, health.stderr).toBe(0);
});

test("the image's sync command fills the database; a page and an export show it, the export identical on both sides", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const sync = await runImage(["sync"]);
  expect(sync.code, sync.stderr).toBe(0);
  expect(sync.stderr).toMatch(/Sync run #\d+ succeeded\./);

  await page.goto(`${baseUrl}/spend`);
  await expect(page.getByRole("heading", { level: 1, name: "Spend" })).toBeVisible();
  await expect(page.getByRole("table").first()).toBeVisible();

  const cli = await runImage(["export", "spend", "--by", "department", "--format", "csv"]);
  expect(cli.code, cli.stderr).toBe(0);
  const rows = parseCsv(cli.stdout);
  expect(rows.length).toBeGreaterThan(2);
  const web = await fetch(`${baseUrl}/api/export/spend?by=department&format=csv`);
  expect(web.status).toBe(200);
  expect(await web.text()).toBe(cli.stdout);

  const runs = await runImage(["export", "sync-runs", "--format", "json"]);
  expect(JSON.parse(runs.stdout)).toMatchObject([{ status: "succeeded", trigger: "cli" }]);
});

test("writes nothing in the image's folder outside its writable paths (read-only root filesystem)", () => {
  const now = listFiles(dir, (rel) => WRITABLE.some((w) => rel === w || rel.startsWith(`${w}/`)));
  const before = new Map([...filesAtStart].filter(([rel]) => !WRITABLE.some((w) => rel.startsWith(`${w}/`))));
  expect(now).toEqual(before);
});

test("two servers on one database with the schedule on: one sync at a time, and both show the same run", async () => {
  test.setTimeout(240_000);
  // A second replica: the same image, the same database, its own port; both with the in-server schedule on.
  const port = await freePort();
  const env2 = { ...env, PORT: String(port), SYNC_SCHEDULE: "hourly" } as NodeJS.ProcessEnv;
  const [program, ...entry] = stage.entrypoint;
  expect(program).toBe("node");
  const second = spawn(node, [...entry, ...stage.cmd], { cwd: dir, env: env2, stdio: ["ignore", "pipe", "pipe"] });
  let secondLog = "";
  second.stdout!.on("data", (d: Buffer) => (secondLog += d));
  second.stderr!.on("data", (d: Buffer) => (secondLog += d));
  const secondUrl = `http://127.0.0.1:${port}`;
  try {
    await expect
      .poll(async () => (await fetch(`${secondUrl}/api/health`).catch(() => null))?.status, { timeout: 120_000 })
      .toBe(200);
    expect(secondLog).toContain("Next scheduled sync at");
    const faults = `${world.env.AWS_ENDPOINT_URL_COST_EXPLORER}/__emulator/faults`;
    const json = { "content-type": "application/json" };
    await fetch(faults, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ slow: { times: 2, delayMs: 8_000 } }),
    });
    // "Sync now" on both at once: one starts, the other says a sync is running.
    const [a, b] = await Promise.all([
      fetch(`${baseUrl}/api/sync`, { method: "POST" }),
      fetch(`${secondUrl}/api/sync`, { method: "POST" }),
    ]);
    expect([a.status, b.status].sort()).toEqual([202, 409]);
    const started = (await (a.status === 202 ? a : b).json()) as { runId: number };
    const refused = (await (a.status === 202 ? b : a).json()) as { error: { kind: string; message: string } };
    expect(refused.error.kind).toBe("conflict");
    expect(refused.error.message).toContain(`run #${started.runId}`);
    // Either replica's /sync reads the same run from the database.
    const newest = async (url: string) =>
      ((await (await fetch(`${url}/api/sync`)).json()) as { runs: { id: number; status: string }[] }).runs[0];
    expect(await newest(baseUrl)).toMatchObject({ id: started.runId, status: "running" });
    expect(await newest(secondUrl)).toMatchObject({ id: started.runId, status: "running" });
    await fetch(faults, { method: "POST", headers: json, body: "{}" });
    await expect.poll(async () => (await newest(secondUrl))?.status, { timeout: 180_000 }).toBe("succeeded");
    expect(await newest(baseUrl)).toMatchObject({ id: started.runId, status: "succeeded" });
    const runs = (await (await fetch(`${baseUrl}/api/sync`)).json()) as { runs: { status: string }[] };
    expect(runs.runs.filter((r) => r.status === "running")).toEqual([]);
  } finally {
    second.kill("SIGTERM");
    await new Promise((r) => second.once("exit", r));
  }
});

test("SIGTERM during a sync: the run is recorded as cancelled, the data kept, the lock released, the process gone in time", async () => {
  test.setTimeout(240_000);
  const spend = ["export", "spend", "--by", "department", "--format", "csv"];
  const before = await runImage(spend);
  expect(before.code, before.stderr).toBe(0);
  // Cost Explorer answers slowly, so the sync is in the middle of a request when the pod is told to stop.
  const faults = `${world.env.AWS_ENDPOINT_URL_COST_EXPLORER}/__emulator/faults`;
  const json = { "content-type": "application/json" };
  await fetch(faults, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ slow: { times: 100, delayMs: 120_000 } }),
  });
  const started = await fetch(`${baseUrl}/api/sync`, { method: "POST" });
  expect(started.status).toBe(202);
  const { runId } = (await started.json()) as { runId: number };
  await expect
    .poll(
      async () =>
        ((await (await fetch(`${baseUrl}/api/sync`)).json()) as { runs: { id: number; status: string }[] }).runs[0],
    )
    .toMatchObject({ id: runId, status: "running" });

  const stopping = Date.now();
  server.kill("SIGTERM");
  const code = await new Promise<number | null>((resolve) => server.once("exit", (c) => resolve(c)));
  const seconds = (Date.now() - stopping) / 1000;
  expect(code).toBe(0);
  // Well inside the pod's grace period (45 s): the sync stops at once, nothing else was in flight.
  expect(seconds).toBeLessThan(15);
  expect(serverLog).toContain("Cancelled 1 running sync.");
  await fetch(faults, { method: "POST", headers: json, body: "{}" });

  const runs = JSON.parse((await runImage(["export", "sync-runs", "--format", "json"])).stdout) as Record<
    string,
    unknown
  >[];
  const run = runs.find((r) => Object.values(r).includes(runId));
  expect(run, JSON.stringify(runs)).toMatchObject({ status: "interrupted" });
  expect(JSON.stringify(run)).toContain("the server was shutting down (SIGTERM)");
  const after = await runImage(spend);
  expect(after.stdout).toBe(before.stdout); // the data from before the cancelled run
  // The lock went with the process: the next sync runs.
  const next = await runImage(["sync", "--only", "aws"]);
  expect(next.code, next.stderr).toBe(0);
});
