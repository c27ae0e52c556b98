// Tests only: the two receivers a weekly digest goes to, on loopback — a Slack-style incoming webhook (an HTTP
// server that records each POST) and a real SMTP server (smtp-server, the library nodemailer's authors keep).
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type WebhookReceiver = {
  /** http://127.0.0.1:<port>/services/T000/B000/<secret> */
  url: string;
  secret: string;
  received: { path: string; contentType: string; body: unknown }[];
  /** The HTTP status the next answers get (200 by default). */
  answer: { status: number; body: string; delayMs: number };
  close(): Promise<void>;
};

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const secret = `XyZ${Math.random().toString(36).slice(2, 12)}Q7w9`;
  const receiver: Omit<WebhookReceiver, "url" | "close"> = {
    secret,
    received: [],
    answer: { status: 200, body: "ok", delayMs: 0 },
  };
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    });
  const server = createServer(async (req, res) => {
    const text = await readBody(req);
    const { status, body, delayMs } = receiver.answer;
    if (status >= 200 && status < 300) {
      receiver.received.push({
        path: req.url ?? "",
        contentType: req.headers["content-type"] ?? "",
        body: JSON.parse(text),
      });
    }
    setTimeout(() => res.writeHead(status, { "content-type": "text/plain" }).end(body), delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/services/T000/B000/${secret}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

export type ReceivedMail = { from: string; to: string[]; raw: string; subject: string; decoded: string };

export type SmtpReceiver = {
  port: number;
  messages: ReceivedMail[];
  /** Logins seen (user, password), to prove the configured ones were used. */
  logins: { user: string; password: string }[];
  /** An SMTP reply code to refuse the next messages with (e.g. 451), or 0 to accept. */
  refuse: { code: number };
  close(): Promise<void>;
};

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const messages: ReceivedMail[] = [];
  const logins: SmtpReceiver["logins"] = [];
  const refuse = { code: 0 };
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push({ user: auth.username ?? "", password: auth.password ?? "" });
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (refuse.code) {
          const err = Object.assign(new Error("Try again later"), { responseCode: refuse.code });
          return callback(err);
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        const headerEnd = raw.indexOf("\r\n\r\n");
        const headers = raw.slice(0, headerEnd).replace(/\r\n[ \t]+/g, " ");
        const subject = decodeWords(/^Subject: (.*)$/im.exec(headers)?.[1] ?? "");
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          subject,
          decoded: decodeQuotedPrintable(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, messages, logins, refuse, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / ?B?) in a header → text. */
function decodeWords(header: string): string {
  return header
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(
            text
              .replace(/_/g, " ")
              .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            "latin1",
          ).toString("utf8"),
    );
}

/** The body's quoted-printable parts as text (soft line breaks joined, =XX bytes decoded as UTF-8). */
function decodeQuotedPrintable(raw: string): string {
  const joined = raw.replace(/=\r\n/g, "");
  return Buffer.from(
    joined.replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
    "latin1",
  ).toString("utf8");
}
