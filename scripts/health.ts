// Asks the server on this machine whether it is ready (GET /api/health) and exits 0 if so, 1 if not.
// The image's HEALTHCHECK: the image has no curl, and this uses the port the server was given.
// Usage: costwise health [--live]   (--live: only whether the process answers, not the database)
import { parseFlags } from "@/lib/cli/flags";
import { runCli } from "@/lib/cli/run-cli";
import { AppError } from "@/lib/errors";

await runCli("health", async (argv, { config, stdout }) => {
  const { flags } = parseFlags(argv, { live: { value: false, description: "liveness only" } });
  const url = `http://127.0.0.1:${config.port}/api/health${flags.live ? "/live" : ""}`;
  const res = await fetch(url, { signal: AbortSignal.timeout(5_000) }).catch((err: Error) => {
    throw new AppError("failed", `${url}: ${err.message}`);
  });
  stdout.write(`${res.status} ${await res.text()}\n`);
  return res.ok ? 0 : 1;
});
