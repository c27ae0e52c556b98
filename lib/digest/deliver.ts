// Sends a rendered digest: Slack incoming webhooks by HTTPS POST, email by SMTP (nodemailer).
// Errors say what failed and where (the host), never the webhook URL itself: they end up on /settings, in the
// audit trail and in logs.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import nodemailer from "nodemailer";
import { isLoopbackAddress, isPublicAddress } from "./addresses";
import { checkWebhookUrl, type WebhookPolicy } from "./channels";

/** Slack answers in well under a second; a receiver that hangs must not hold the digest run. */
export const WEBHOOK_TIMEOUT_MS = 15_000;

export class DeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DeliveryError";
  }
}

/**
 * Resolves the name and refuses private addresses on the connection itself (the address connected to is the
 * one checked), so a name that resolves to a public address when saved and to 169.254.169.254 when sent — DNS
 * rebinding — is still refused.
 */
export function guardedLookup(policy: WebhookPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "", 0);
      const list = addresses as unknown as LookupAddress[];
      const allowed = list.filter(
        (a) => isPublicAddress(a.address) || (policy.allowLoopback && isLoopbackAddress(a.address)),
      );
      if (allowed.length === 0 || allowed.length !== list.length) {
        return callback(new DeliveryError(`${hostname} resolves to a private or internal address: refused`), "", 0);
      }
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
      return callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
}

/** POSTs the JSON payload; resolves on a 2xx answer, throws a DeliveryError otherwise. Redirects are not followed. */
export async function postWebhook(
  webhookUrl: string,
  payload: unknown,
  opts: WebhookPolicy & { timeoutMs?: number },
): Promise<void> {
  const problem = checkWebhookUrl(webhookUrl, opts);
  const url = new URL(webhookUrl);
  const host = url.host;
  if (problem) throw new DeliveryError(`The webhook for ${host} is refused: ${problem}.`);
  const body = Buffer.from(JSON.stringify(payload));
  const timeoutMs = opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const request = url.protocol === "https:" ? https.request : http.request;
  const literal = isIP(url.hostname.replace(/^\[|\]$/g, "")) !== 0;
  await new Promise<void>((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8", "content-length": body.length },
        // An IP literal never goes through lookup; checkWebhookUrl above has judged it.
        ...(literal ? {} : { lookup: guardedLookup(opts) }),
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          if (size < 2_000) chunks.push(chunk);
          size += chunk.length;
        });
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) return resolve();
          // Slack answers a plain reason ("invalid_token", "channel_is_archived", "no_service"): worth showing.
          const reason = Buffer.concat(chunks).toString("utf8").replace(/\s+/g, " ").trim().slice(0, 200);
          const retryAfter = res.headers["retry-after"];
          reject(
            new DeliveryError(
              `${host} answered HTTP ${status}${reason ? ` (${reason})` : ""}${retryAfter ? `, retry after ${String(retryAfter).slice(0, 20)} s` : ""}.`,
            ),
          );
        });
        res.on("error", (err) => reject(new DeliveryError(`${host}: the answer broke off (${err.message}).`)));
      },
    );
    req.on("timeout", () => req.destroy(new DeliveryError(`${host} did not answer within ${timeoutMs / 1000} s.`)));
    req.on("error", (err) =>
      reject(
        err instanceof DeliveryError ? err : new DeliveryError(`Could not reach ${host}: ${describeNetError(err)}.`),
      ),
    );
    req.end(body);
  });
}

function describeNetError(err: NodeJS.ErrnoException): string {
  // Node's messages name the address and port ("connect ECONNREFUSED 10.0.0.5:443"): the code is enough.
  return err.code ? `${err.code}` : err.message.replace(/https?:\/\/\S+/g, "(url)");
}

export type SmtpSettings = {
  host: string;
  port: number;
  /** starttls: upgrade on 587 and require it; implicit: TLS from the first byte (465); none: plain (loopback only). */
  tls: "starttls" | "implicit" | "none";
  user: string | undefined;
  password: string | undefined;
  from: string;
};

export type EmailMessage = { to: string[]; subject: string; text: string; html: string };

/** Sends one email to every recipient (one message, each in To); throws a DeliveryError when the server refuses. */
export async function sendEmail(smtp: SmtpSettings, message: EmailMessage): Promise<void> {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.tls === "implicit",
    requireTLS: smtp.tls === "starttls",
    ignoreTLS: smtp.tls === "none",
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? "" } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
    // Nodemailer's own logger stays off: it would print the AUTH exchange.
    logger: false,
    debug: false,
  });
  try {
    await transport.sendMail({
      from: smtp.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      // The message is our strings only: never an attachment read from a file or fetched from a URL.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  } catch (err) {
    const e = err as { responseCode?: number; response?: string; code?: string; message: string };
    const detail = e.responseCode
      ? `${e.responseCode} ${String(e.response ?? "")
          .replace(/\s+/g, " ")
          .slice(0, 200)}`
      : (e.code ?? e.message);
    throw new DeliveryError(`The mail server ${smtp.host}:${smtp.port} refused the digest: ${detail}.`);
  } finally {
    transport.close();
  }
}
