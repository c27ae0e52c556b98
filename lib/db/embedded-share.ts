// Serves the embedded database to the other Costwise commands of the same user (an export run while `npm start`
// is up) over the Postgres wire protocol, on a unix socket in a 0700 folder, and for reading only.
//
// PGlite is one Postgres session. A client's statements therefore run in the owner's session, and two rules keep
// them from touching the owner's work:
// - A client's batch (every message up to its Sync, or one simple query) runs whole while PGlite's transaction and
//   query locks are held, so never inside a transaction of the owner (a swap, a settings save) and never split by
//   the owner's own statements. A batch is never waited on while holding them: it runs once it has arrived.
// - It runs inside a transaction of ours, REPEATABLE READ READ ONLY and already past its first snapshot, which is
//   rolled back afterwards: Postgres itself refuses every write (data-modifying CTEs, nextval, SELECT … INTO), a
//   read sees one consistent snapshot, and any setting a client changes (set_config, a GUC) is undone. Statements
//   that would end that transaction or change the session (BEGIN, COMMIT, SET, …) are refused before they run:
//   only reads are accepted (SELECT, WITH, VALUES, TABLE, SHOW), one statement per query.
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";

/** The file name libpq and node-postgres look for in a socket folder (for the default port). */
export const SOCKET_FILE = ".s.PGSQL.5432";
/** Linux allows 107 bytes in a unix socket path; beyond that, the socket folder moves to the temp folder. */
const MAX_SOCKET_PATH = 100;
const MAX_CONNECTIONS = 16;
/** A client's message, or batch of messages up to its Sync: far above any query Costwise sends. */
const MAX_BATCH_BYTES = 64 * 1024 * 1024;
const PROTOCOL_3 = 196_608;
const SSL_REQUEST = 80_877_103;
const GSSENC_REQUEST = 80_877_104;
const CANCEL_REQUEST = 80_877_102;

const READ_KEYWORDS = new Set(["select", "with", "values", "table", "show"]);
const TRANSACTION_KEYWORDS = new Set(["begin", "start", "commit", "end", "rollback", "abort", "savepoint", "release"]);

/**
 * The first keyword of a statement, lower-cased, past white space, comments and opening parentheses
 * ("" for an empty statement). Enough to tell a read from anything else: Postgres parses the rest, and
 * the read-only transaction refuses whatever writes hide in a read.
 */
export function toFirstKeyword(sql: string): string {
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s|\(/.test(c)) i++;
    else if (sql.startsWith("--", i)) {
      const end = sql.indexOf("\n", i);
      i = end === -1 ? sql.length : end + 1;
    } else if (sql.startsWith("/*", i)) {
      // Postgres nests block comments.
      let depth = 0;
      do {
        if (sql.startsWith("/*", i)) {
          depth++;
          i += 2;
        } else if (sql.startsWith("*/", i)) {
          depth--;
          i += 2;
        } else i++;
      } while (depth > 0 && i < sql.length);
    } else break;
  }
  return /^[A-Za-z_]+/.exec(sql.slice(i))?.[0]?.toLowerCase() ?? "";
}

export type Owner = { pid: number; command: string; dir: string };

/** Why a statement is refused on a shared connection, or null when it is a read. */
export function toRefusal(sql: string, owner: Owner): string | null {
  const keyword = toFirstKeyword(sql);
  if (keyword === "" || READ_KEYWORDS.has(keyword)) return null;
  const who = `the embedded database at ${owner.dir} belongs to process ${owner.pid} (${owner.command})`;
  if (TRANSACTION_KEYWORDS.has(keyword)) {
    return `${keyword.toUpperCase()} refused: ${who}, and other commands only read it, one statement at a time (each sees one consistent snapshot); transactions are not available to them.`;
  }
  return `${keyword.toUpperCase()} refused: ${who}, and other commands may only read it. Make the change in the running app, or stop it and run this command again.`;
}

// ---- The wire protocol: the few messages a reader needs. ----

function frame(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, "latin1");
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}
const cstring = (s: string) => Buffer.from(`${s}\0`, "utf8");
const int16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};

function errorResponse(code: string, message: string): Buffer {
  return frame(
    "E",
    Buffer.concat([
      ...(
        [
          ["S", "ERROR"],
          ["V", "ERROR"],
          ["C", code],
          ["M", message],
        ] as const
      ).map(([k, v]) => Buffer.concat([Buffer.from(k), cstring(v)])),
      Buffer.from([0]),
    ]),
  );
}
const readyForQuery = () => frame("Z", Buffer.from("I"));
const simpleQuery = (sql: string) => frame("Q", cstring(sql));

/** A simple query as one unnamed statement of the extended protocol: Postgres then refuses a second statement in it. */
function toExtended(sql: string): Buffer[] {
  return [
    frame("P", Buffer.concat([cstring(""), cstring(sql), int16(0)])),
    frame("B", Buffer.concat([cstring(""), cstring(""), int16(0), int16(0), int16(0)])),
    frame("D", Buffer.concat([Buffer.from("P"), cstring("")])),
    frame("E", Buffer.concat([cstring(""), int32(0)])),
    frame("S", Buffer.alloc(0)),
  ];
}

type Part = { type: string; bytes: Buffer };

function* splitMessages(buf: Uint8Array): Generator<Part> {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let i = 0;
  while (i + 5 <= b.length) {
    const end = i + 1 + b.readInt32BE(i + 1);
    yield { type: String.fromCharCode(b[i]!), bytes: b.subarray(i, end) };
    i = end;
  }
}

/**
 * The answer the client sees: always "idle" in ReadyForQuery (the transaction around its batch is ours), and for a
 * simple query turned extended, without the ParseComplete, BindComplete and NoData a simple query never sends.
 */
function toClientAnswer(outputs: Uint8Array[], simple: boolean): Buffer {
  const parts: Buffer[] = [];
  for (const out of outputs) {
    for (const m of splitMessages(out)) {
      if (simple && (m.type === "1" || m.type === "2" || m.type === "n")) continue;
      parts.push(m.type === "Z" ? readyForQuery() : m.bytes);
    }
  }
  return Buffer.concat(parts);
}

function hasError(out: Uint8Array): boolean {
  for (const m of splitMessages(out)) if (m.type === "E") return true;
  return false;
}

// ---- Running a batch in the owner's database. ----

type Batch = { messages: Buffer[]; simple: boolean; refusal: string | null };

/**
 * Runs fn with PGlite to itself: no transaction of the owner open and none of its statements in between. The
 * owner's `transaction` holds the transaction lock for its whole length; a transaction begun by hand (migrations)
 * shows as an open transaction block, and is waited out.
 */
async function runAlone<T>(pglite: PGlite, fn: () => Promise<T>): Promise<T> {
  for (;;) {
    const done = await pglite._runExclusiveTransaction(() =>
      pglite.runExclusive(async () => (pglite.isInTransaction() ? null : { value: await fn() })),
    );
    if (done) return done.value;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function runBatch(pglite: PGlite, batch: Batch): Promise<Buffer> {
  if (batch.refusal) return Buffer.concat([errorResponse("25006", batch.refusal), readyForQuery()]);
  return runAlone(pglite, async () => {
    // SELECT 1 takes the snapshot: from then on, not even set_config('transaction_read_only', 'off') can lift it.
    const begin = await pglite.execProtocolRaw(
      simpleQuery("BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; SELECT 1"),
    );
    try {
      if (hasError(begin)) throw new Error("could not begin the read-only transaction");
      const outputs: Uint8Array[] = [];
      for (const m of batch.messages) outputs.push(await pglite.execProtocolRaw(m));
      return toClientAnswer(outputs, batch.simple);
    } finally {
      await pglite.execProtocolRaw(simpleQuery("ROLLBACK"));
    }
  });
}

// ---- One client connection. ----

function startupAnswer(params: Record<string, string>): Buffer {
  return Buffer.concat([
    frame("R", int32(0)), // AuthenticationOk: the socket's folder is the access control (0700, this user only)
    ...Object.entries(params).map(([k, v]) => frame("S", Buffer.concat([cstring(k), cstring(v)]))),
    frame("K", Buffer.concat([int32(process.pid), int32(0)])),
    readyForQuery(),
  ]);
}

function serveConnection(
  socket: Socket,
  pglite: PGlite,
  owner: Owner,
  startup: Buffer,
  track: (p: Promise<void>) => void,
) {
  let buffer: Buffer = Buffer.alloc(0);
  let started = false;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let refusal: string | null = null;
  let queue: Promise<void> = Promise.resolve();

  const fail = (message: string) => {
    if (socket.writable) socket.end(errorResponse("08P01", message));
    socket.destroy();
  };
  const enqueue = (batch: Batch) => {
    queue = queue.then(async () => {
      if (socket.destroyed) return;
      try {
        const answer = await runBatch(pglite, batch);
        if (!socket.destroyed) socket.write(answer);
      } catch (err) {
        fail(`The shared database could not run this query: ${(err as Error).message}`);
      }
    });
    track(queue);
  };

  socket.on("error", () => socket.destroy());
  socket.on("data", (chunk: Buffer) => {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    while (!socket.destroyed) {
      if (!started) {
        if (buffer.length < 8) return;
        const length = buffer.readInt32BE(0);
        const code = buffer.readInt32BE(4);
        if (length < 8 || length > 10_000) return fail("Invalid startup packet.");
        if (buffer.length < length) return;
        buffer = buffer.subarray(length);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST)
          socket.write("N"); // no encryption on a local socket
        else if (code === CANCEL_REQUEST)
          return void socket.destroy(); // nothing to cancel: batches run whole
        else if (code === PROTOCOL_3) {
          started = true;
          socket.write(startup);
        } else return fail("Unsupported protocol version: this server speaks protocol 3.0.");
        continue;
      }
      if (buffer.length < 5) return;
      const length = buffer.readInt32BE(1);
      if (length < 4 || length + 1 + pendingBytes > MAX_BATCH_BYTES) return fail("Message too large.");
      if (buffer.length < length + 1) return;
      const message = buffer.subarray(0, length + 1);
      buffer = buffer.subarray(length + 1);
      const type = String.fromCharCode(message[0]!);
      if (type === "X") return void socket.end();
      if (type === "Q") {
        const sql = message.subarray(5).toString("utf8").replace(/\0$/, "");
        const why = toRefusal(sql, owner);
        enqueue({ messages: toExtended(sql), simple: true, refusal: why });
        pending = [];
        pendingBytes = 0;
        refusal = null;
      } else if (type === "P" || type === "B" || type === "D" || type === "E" || type === "C" || type === "H") {
        if (type === "P") {
          const body = message.subarray(5);
          const nameEnd = body.indexOf(0);
          const sql = body.subarray(nameEnd + 1, body.indexOf(0, nameEnd + 1)).toString("utf8");
          refusal ??= toRefusal(sql, owner);
        }
        // Flush asks for answers so far; they come with the Sync, when the batch runs whole.
        if (type !== "H") pending.push(message);
        pendingBytes += message.length;
      } else if (type === "S") {
        enqueue({ messages: [...pending, message], simple: false, refusal });
        pending = [];
        pendingBytes = 0;
        refusal = null;
      } else {
        return fail(
          `Message type "${type}" is not available on a shared connection (reads only: no COPY, no function calls).`,
        );
      }
    }
  });
}

// ---- The server. ----

export type ShareServer = { socketDir: string; stop(): Promise<void> };

/** A folder only this user can enter (0700), created if missing; a symbolic link or another user's folder is refused. */
export function ensurePrivateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  if (!st.isDirectory()) throw new Error(`${dir} must be a folder (it is a link or a file); remove it and try again.`);
  if (typeof process.getuid === "function" && st.uid !== process.getuid())
    throw new Error(`${dir} belongs to another user (uid ${st.uid}); remove it and try again.`);
  // chmod only after checking it is our own folder, not a link to somewhere else.
  if ((st.mode & 0o777) !== 0o700) chmodSync(dir, 0o700);
}

/**
 * Serves `pglite` on a unix socket in `<dataDir>/socket` (0700; a folder in the temp folder when the data
 * directory's path is too long for a socket). Connections need no password: only this user can reach the folder.
 */
export async function startShareServer(pglite: PGlite, owner: Owner): Promise<ShareServer> {
  let socketDir = path.join(owner.dir, "socket");
  let temporary = false;
  if (path.join(socketDir, SOCKET_FILE).length > MAX_SOCKET_PATH) {
    socketDir = mkdtempSync(path.join(tmpdir(), "costwise-")); // created 0700
    temporary = true;
  } else ensurePrivateFolder(socketDir);
  const file = path.join(socketDir, SOCKET_FILE);
  rmSync(file, { force: true }); // left by an owner that was killed: we hold the lock now

  const [version] = (await pglite.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows;
  const startup = startupAnswer({
    server_version: version?.v ?? "17",
    server_encoding: "UTF8",
    client_encoding: "UTF8",
    DateStyle: "ISO, MDY",
    TimeZone: "UTC",
    integer_datetimes: "on",
    standard_conforming_strings: "on",
  });
  const inFlight = new Set<Promise<void>>();
  const track = (p: Promise<void>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    if (sockets.size >= MAX_CONNECTIONS) {
      socket.end(errorResponse("53300", `Too many connections to the shared database (${MAX_CONNECTIONS}).`));
      return;
    }
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    serveConnection(socket, pglite, owner, startup, track);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(file, () => resolve());
  });
  server.on("error", () => {});
  return {
    socketDir,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
      // A batch already running finishes before PGlite closes under it.
      await Promise.allSettled([...inFlight]);
      rmSync(temporary ? socketDir : file, { recursive: true, force: true });
    },
  };
}
