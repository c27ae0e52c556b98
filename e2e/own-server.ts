import { spawn, type ChildProcess } from "node:child_process";

/**
 * A Costwise server of a spec's own (scripts/e2e-server.ts with `args`) on `port`, for a state the shared servers
 * must not be left in. Resolves once /api/health answers; `stop` ends it and waits for it to exit.
 */
export async function startOwnServer(
  port: number,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ base: string; stop: () => Promise<void> }> {
  const base = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(
    "node_modules/.bin/tsx",
    ["scripts/e2e-server.ts", "--port", String(port), ...args],
    {
      env: { ...process.env, COSTWISE_AUTH: "none", ...env },
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  const deadline = Date.now() + 280_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The server on ${port} exited with ${server.exitCode}`);
    const up = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`The server on ${port} did not start`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  return {
    base,
    stop: async () => {
      if (server.exitCode !== null) return;
      const exited = new Promise((r) => server.once("exit", r));
      server.kill("SIGTERM");
      await exited;
    },
  };
}
