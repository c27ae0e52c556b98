// Starts the Costwise web server in this process: the database it opened, the optional sync schedule, Next.js.
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
import { startSyncInBackground, stopBackgroundSyncs } from "@/lib/jobs/start-sync";

export async function startServer(opts: { config: Config; db: Db; log: (line: string) => void }) {
  const { config, db, log } = opts;
  const refusal = checkListenSafety(config);
  if (refusal) throw new AppError("bad-input", refusal);
  setProcessDb(Promise.resolve(db)); // the app's getDb() uses this very client: one process owns the embedded database
  await recoverInterruptedRuns(db);
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
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `http://${host}:${config.port}`;
  log(
    `Listening on ${url}, sign-in: ${config.auth.mode}${config.auth.mode === "none" ? " (local admin, loopback only)" : ""}`,
  );
  return {
    url,
    async close() {
      schedule?.stop();
      // Like Ctrl-C on the CLI: a running sync records that it was interrupted and releases the lock.
      await stopBackgroundSyncs("The server is stopping");
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close?.();
    },
  };
}
