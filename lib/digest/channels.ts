// Where each team's digest goes (table digest_channel): a Slack incoming webhook and/or email recipients, set
// by an admin on /settings. The webhook URL is a secret — whoever holds it can post into the channel — so it
// leaves this module only masked (maskWebhookUrl), except to the one function that sends.
import { z } from "zod";
import type { Db } from "@/lib/db/types";
import { isInternalHostName, isLoopbackAddress, isPublicAddress } from "./addresses";
import { isIP } from "node:net";

export type DigestChannel = { team: string; slackWebhookUrl: string | null; emailRecipients: string[] };

/** What /settings, the audit trail and any log may show of a channel. */
export type DigestChannelView = {
  team: string;
  /** "https://hooks.slack.com/…Xy9Z", or null when none is set. */
  slackWebhook: string | null;
  emailRecipients: string[];
  updatedBy: string;
  updatedAt: Date;
};

export const MAX_RECIPIENTS = 20;

/**
 * The host and the last four characters: enough to tell two webhooks apart and to check which one is set,
 * never enough to post with (Slack's secret is the path).
 */
export function maskWebhookUrl(url: string): string {
  let host = "webhook";
  try {
    host = new URL(url).host;
  } catch {
    // stored URLs were validated; a broken one still masks
  }
  return `https://${host}/…${url.slice(-4)}`;
}

export type WebhookPolicy = {
  /** Lets http://127.0.0.1:<port>/… through, for tests and local development (COSTWISE_DIGEST_ALLOW_LOOPBACK). */
  allowLoopback: boolean;
};

/**
 * Why a webhook URL is refused, or undefined when it may be saved: https only, no credentials in it, and a host
 * that is not an internal name or a private address. (The address a name resolves to is checked again when
 * the message is sent, on the connection itself: see deliver.ts.)
 */
export function checkWebhookUrl(text: string, policy: WebhookPolicy): string | undefined {
  if (text.length > 2_000) return "at most 2,000 characters";
  if (/[\s\u0000-\u001f\u007f]/.test(text)) return "no spaces or control characters";
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "expected a URL like https://hooks.slack.com/services/T000/B000/XXXX";
  }
  if (url.username || url.password) return "no user name or password in the URL";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const loopbackAllowed = policy.allowLoopback && isIP(host) !== 0 && isLoopbackAddress(host);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopbackAllowed))
    return "expected an https:// URL (Slack's incoming webhooks are https)";
  if (loopbackAllowed) return undefined;
  if (isIP(host) !== 0) return isPublicAddress(host) ? undefined : "points at a private or internal address";
  if (isInternalHostName(host)) return "points at an internal host name";
  return undefined;
}

// Plain addresses only: no display names, no comments, nothing a mail header could be split on.
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function checkEmailAddress(text: string): string | undefined {
  if (text.length > 254) return "at most 254 characters";
  if (!EMAIL.test(text) || text.includes("..")) return "expected an address like team@example.com";
  return undefined;
}

/** Recipients typed one per line or separated by commas → the list, or the first problem. */
export function parseRecipients(text: string): { ok: true; value: string[] } | { ok: false; message: string } {
  const parts = [...new Set(text.split(/[\s,;]+/).filter(Boolean))];
  if (parts.length > MAX_RECIPIENTS) return { ok: false, message: `at most ${MAX_RECIPIENTS} recipients` };
  for (const part of parts) {
    const problem = checkEmailAddress(part);
    if (problem) return { ok: false, message: `"${part.slice(0, 80)}": ${problem}` };
  }
  return { ok: true, value: parts };
}

/** The form on /settings: one team's channels. A blank webhook keeps the one saved (it is never shown back). */
export function digestChannelFormSchema(policy: WebhookPolicy) {
  return z.object({
    team: z.string().trim().min(1, "choose a team").max(200, "at most 200 characters"),
    slackWebhookUrl: z
      .string()
      .trim()
      .optional()
      .transform((s) => s || undefined)
      .superRefine((s, ctx) => {
        const problem = s === undefined ? undefined : checkWebhookUrl(s, policy);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    removeSlackWebhook: z
      .string()
      .optional()
      .transform((s) => s === "on"),
    emailRecipients: z
      .string()
      .max(20_000, "too long")
      .optional()
      .transform((s, ctx) => {
        const parsed = parseRecipients(s ?? "");
        if (!parsed.ok) {
          ctx.addIssue({ code: "custom", message: parsed.message });
          return z.NEVER;
        }
        return parsed.value;
      }),
  });
}
export type DigestChannelForm = z.infer<ReturnType<typeof digestChannelFormSchema>>;

export function toChannelView(row: {
  team: string;
  slackWebhookUrl: string | null;
  emailRecipients: string[];
  updatedBy: string;
  updatedAt: Date;
}): DigestChannelView {
  return {
    team: row.team,
    slackWebhook: row.slackWebhookUrl ? maskWebhookUrl(row.slackWebhookUrl) : null,
    emailRecipients: row.emailRecipients ?? [],
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt,
  };
}

export async function listChannelViews(db: Db): Promise<DigestChannelView[]> {
  const rows = await db.prisma.digestChannel.findMany({ orderBy: { team: "asc" } });
  return rows.map(toChannelView);
}

/** Every channel with its secret, for the sender only. */
export async function listChannelsForSending(db: Db, team?: string): Promise<DigestChannel[]> {
  const rows = await db.prisma.digestChannel.findMany({ where: { team }, orderBy: { team: "asc" } });
  return rows.map((r) => ({
    team: r.team,
    slackWebhookUrl: r.slackWebhookUrl,
    emailRecipients: r.emailRecipients ?? [],
  }));
}

/**
 * Saves one team's channels and answers the masked view before and after (what the audit trail records).
 * Nothing left = the row is removed: the team gets no digest.
 */
export async function saveDigestChannel(
  db: Db,
  form: DigestChannelForm,
  actor: string,
): Promise<{ before: DigestChannelView | null; after: DigestChannelView | null }> {
  const existing = await db.prisma.digestChannel.findUnique({ where: { team: form.team } });
  const before = existing ? toChannelView(existing) : null;
  const slackWebhookUrl = form.removeSlackWebhook ? null : (form.slackWebhookUrl ?? existing?.slackWebhookUrl ?? null);
  if (slackWebhookUrl === null && form.emailRecipients.length === 0) {
    if (existing) await db.prisma.digestChannel.delete({ where: { team: form.team } });
    return { before, after: null };
  }
  const data = { slackWebhookUrl, emailRecipients: form.emailRecipients, updatedBy: actor, updatedAt: new Date() };
  const saved = await db.prisma.digestChannel.upsert({
    where: { team: form.team },
    create: { team: form.team, ...data },
    update: data,
  });
  return { before, after: toChannelView(saved) };
}
