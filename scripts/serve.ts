// Starts the Costwise web server in this process: the database it opened, the optional sync and digest schedules,
// Next.js.
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import next from "next";
import type { Config } from "@/lib/config";
import { checkListenSafety, getNow } from "@/lib/config";
import { PEER_HEADER } from "@/lib/access/request";
import { AppError } from "@/lib/errors";
import { setProcessDb } from "@/lib/db/process-db";
import type { Db } from "@/lib/db/types";
import { recoverInterruptedRuns } from "@/lib/sync/runs";
import { startSyncSchedule } from "@/lib/sync/schedule";
import { cancelBackgroundSyncs, startSyncInBackground } from "@/lib/jobs/start-sync";
import { runDigests } from "@/lib/digest/run";
import { startDigestSchedule } from "@/lib/digest/schedule";
import { formatDigestSchedule } from "@/lib/digest/week";

/** How long requests in flight may take to finish on shutdown; the pod's grace period leaves room for it. */
export const SHUTDOWN_IN_FLIGHT_MS = 20_000;

export async function startServer(opts: {
  config: Config;
  db: Db;
  /** The server's log lines; a sync's carry its run id. */
  log: (line: string, runId?: number) => void;
}) {
  const { config, db, log } = opts;
  const refusal = checkListenSafety(config);
  if (refusal) throw new AppError("bad-input", refusal);
  setProcessDb(Promise.resolve(db)); // the app's getDb() uses this very client: one process owns the embedded database
  await recoverInterruptedRuns(db);
  applyBuiltConfig();
  const app = next({ dev: false, dir: process.cwd(), hostname: config.host, port: config.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((req, res) => {
    // The TCP peer, for proxy mode's trusted-proxy check: route handlers cannot see the socket, and a client's
    // own copy of this header must never be believed.
    delete req.headers[PEER_HEADER];
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) =>
      reject(
        err.code === "EADDRINUSE"
          ? new Error(
              `Port ${config.port} is already in use. Stop whatever uses it, or set PORT to another port (e.g. PORT=3001).`,
            )
          : err,
      ),
    );
    server.listen(config.port, config.host, () => resolve());
  });
  const schedule =
    config.syncSchedule === "off"
      ? undefined
      : startSyncSchedule({
          schedule: config.syncSchedule,
          log,
          run: async () => (await startSyncInBackground({ db, config, now: getNow(), trigger: "schedule", log })).done,
        });
  const digests = config.digest.schedule
    ? startDigestSchedule({
        log,
        run: () => runDigests({ db, config, now: getNow(), trigger: "schedule", log: (line) => log(line) }),
      })
    : undefined;
  if (config.digest.schedule) log(`Weekly digest: ${formatDigestSchedule(config.digest.schedule)}`);
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `http://${host}:${config.port}`;
  log(
    `Listening on ${url}, sign-in: ${config.auth.mode}${config.auth.mode === "none" ? " (local admin, loopback only)" : ""}`,
  );
  return {
    url,
    /**
     * Stops gracefully (SIGTERM): no new connections; a running sync is cancelled and records itself as
     * interrupted, keeping the data from before it; requests in flight get up to `inFlightMs` to finish, then
     * their connections are closed.
     */
    async close({ inFlightMs = SHUTDOWN_IN_FLIGHT_MS }: { inFlightMs?: number } = {}) {
      schedule?.stop();
      digests?.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A keep-alive connection goes idle once its request is answered: close it then, not at the cut-off.
      server.closeIdleConnections();
      const idle = setInterval(() => server.closeIdleConnections(), 200);
      const cancelled = cancelBackgroundSyncs(
        "Cancelled: the server was shutting down (SIGTERM). The data from before this run is kept.",
      );
      const cutOff = setTimeout(() => server.closeAllConnections(), inFlightMs);
      const [syncs] = await Promise.all([cancelled, closed]);
      clearTimeout(cutOff);
      clearInterval(idle);
      if (syncs) log(`Cancelled ${syncs} running sync${syncs > 1 ? "s" : ""}.`);
      await app.close?.();
    },
  };
}

/**
 * Serves with the configuration the build recorded, as Next's own standalone server.js does: the image has no
 * next.config.ts (nor a TypeScript loader for it), and a build with `output: "standalone"` served any other way
 * makes Next warn that `next start` does not support it.
 */
function applyBuiltConfig() {
  const file = ".next/required-server-files.json";
  if (process.env.__NEXT_PRIVATE_STANDALONE_CONFIG || !existsSync(file)) return;
  const { config } = JSON.parse(readFileSync(file, "utf8")) as { config: unknown };
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
}
