// Serves Costwise on PORT (default 3000) with the configured database. Usage: npm run build && npm start
import { existsSync } from "node:fs";
import { runCli } from "@/lib/cli/run-cli";
import { AppError } from "@/lib/errors";
import { startServer } from "./serve";

await runCli("start", async (_argv, { config, openDb, signal, log }) => {
  if (!existsSync(".next/BUILD_ID"))
    throw new AppError("failed", "No build found: run `npm run build` first (or `npm run demo`, which builds once).");
  const db = await openDb({ serve: true });
  const server = await startServer({
    config,
    db,
    log: (line, runId) => log(line, { event: runId === undefined ? "server" : "sync", runId }),
  });
  log(`Costwise is running at ${server.url} (Ctrl-C to stop)`, { event: "server.started" });
  await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
  await server.close();
  // Whatever still holds the event loop (a library's keep-alive timer) must not keep the pod past its grace period.
  setTimeout(() => process.exit(), 5_000).unref();
});
