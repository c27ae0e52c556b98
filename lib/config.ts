import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";
import { parseRoleRules, type RoleRule } from "./roles";

/**
 * The one place environment variables are read. Parsed when a process starts (never at build time:
 * the demo's endpoints exist only at run time). Settings users change live in the database instead.
 */
const optionalString = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s ? s : undefined));

const url = (what: string) =>
  optionalString.refine((s) => s === undefined || /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(s), {
    message: `expected a URL like ${what}`,
  });

const boolean = z
  .enum(["true", "false", "1", "0", "yes", "no", "on", "off"], { message: "expected true or false" })
  .optional()
  .transform((v) => (v === undefined ? undefined : ["true", "1", "yes", "on"].includes(v)));

const HEADER_NAME = /^[A-Za-z0-9-]{1,100}$/;

/** Several values in one variable: separated by commas or white space. */
function splitList(s: string): string[] {
  return s.split(/[\s,]+/).filter(Boolean);
}

function isCidr(s: string): boolean {
  const [address, prefix, extra] = s.split("/");
  const version = isIP(address ?? "");
  if (version === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

/** 127.0.0.0/8, ::1 and localhost: only this machine can connect. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  if (h === "localhost" || h === "::1" || h === "0:0:0:0:0:0:0:1") return true;
  const v4 = h.startsWith("::ffff:") ? h.slice(7) : h;
  return isIP(v4) === 4 && v4.startsWith("127.");
}
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
/** When the weekly digest goes out (UTC). */
export type DigestSchedule = { weekday: (typeof WEEKDAYS)[number]; hour: number; minute: number };

/** "mon 08:00" (UTC) → the schedule; "weekly" is Monday 08:00; undefined when the text is neither. */
export function parseDigestSchedule(text: string): DigestSchedule | undefined {
  if (text.trim().toLowerCase() === "weekly") return { weekday: "mon", hour: 8, minute: 0 };
  const match = /^(mon|tue|wed|thu|fri|sat|sun)\s+([01]\d|2[0-3]):([0-5]\d)$/i.exec(text.trim());
  if (!match) return undefined;
  const weekday = match[1]!.toLowerCase() as DigestSchedule["weekday"];
  return { weekday, hour: Number(match[2]), minute: Number(match[3]) };
}

// A mail From: one plain address, optionally after a display name ("Costwise <costwise@example.com>").
const MAIL_FROM = /^(?:[^<>\r\n"]{0,100} ?<)?[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}>?$/;

const positiveNumber = (unit: string) =>
  z.coerce.number({ message: `expected a number of ${unit}` }).positive({ message: `expected a number of ${unit}` });

const schema = z.object({
  DATABASE_URL: url("postgresql://user:password@host:5432/costwise").refine(
    (s) => s === undefined || /^postgres(ql)?:\/\//.test(s),
    { message: "expected a postgresql:// URL" },
  ),
  COSTWISE_DATA_DIR: optionalString,
  PORT: z.coerce.number({ message: "expected a port number" }).int().min(1).max(65535).optional(),
  // Not HOSTNAME: container runtimes set that one to the pod's name on their own.
  COSTWISE_HOST: optionalString,
  COSTWISE_AUTH: z
    .enum(["oidc", "proxy", "none"], { message: "expected oidc, proxy or none" })
    .optional()
    .transform((v) => v ?? "none"),
  // An origin: redirects are built on it and request Origins compared with it, so a path would never match.
  COSTWISE_URL: url("https://costwise.example.com").refine((s) => s === undefined || /^https?:\/\/[^/]+\/?$/i.test(s), {
    message: "expected the public base URL with no path, like https://costwise.example.com",
  }),
  COSTWISE_SESSION_SECRET: optionalString.refine(
    (s) => s === undefined || splitList(s).every((secret) => secret.length >= 32),
    { message: "each secret must be at least 32 characters (e.g. `openssl rand -base64 48`)" },
  ),
  COSTWISE_TRUSTED_PROXIES: optionalString.refine((s) => s === undefined || splitList(s).every(isCidr), {
    message: "expected addresses or CIDRs separated by commas, e.g. 10.0.0.0/8, 192.168.1.7, fd00::/8",
  }),
  COSTWISE_PROXY_EMAIL_HEADER: optionalString.refine((s) => s === undefined || HEADER_NAME.test(s), {
    message: "expected an HTTP header name like X-Forwarded-Email",
  }),
  COSTWISE_PROXY_GROUPS_HEADER: optionalString.refine((s) => s === undefined || HEADER_NAME.test(s), {
    message: "expected an HTTP header name like X-Forwarded-Groups",
  }),
  COSTWISE_ROLES: optionalString,
  COSTWISE_ROLES_FILE: optionalString,
  COSTWISE_NOW: optionalString.refine((s) => s === undefined || !Number.isNaN(Date.parse(s)), {
    message: "expected an ISO date or time, e.g. 2026-11-26 or 2026-11-26T09:00:00Z",
  }),
  SYNC_SCHEDULE: z.enum(["off", "hourly", "daily"], { message: "expected off, hourly or daily" }).optional(),
  // The weekly digest (per-team channels are set on /settings; the mail server is the operator's).
  DIGEST_SCHEDULE: optionalString.refine(
    (s) => s === undefined || s.toLowerCase() === "off" || parseDigestSchedule(s) !== undefined,
    { message: 'expected off, weekly, or a weekday and UTC time like "mon 08:00"' },
  ),
  COSTWISE_DIGEST_ALLOW_LOOPBACK: boolean,
  SMTP_HOST: optionalString.refine((s) => s === undefined || /^[A-Za-z0-9.:[\]-]{1,253}$/.test(s), {
    message: "expected a host name or address, e.g. smtp.example.com",
  }),
  SMTP_PORT: z.coerce.number({ message: "expected a port number" }).int().min(1).max(65535).optional(),
  SMTP_USER: optionalString,
  SMTP_PASSWORD: optionalString,
  SMTP_FROM: optionalString.refine((s) => s === undefined || MAIL_FROM.test(s), {
    message: 'expected an address like costwise@example.com or "Costwise <costwise@example.com>"',
  }),
  SMTP_TLS: z.enum(["starttls", "implicit", "none"], { message: "expected starttls, implicit or none" }).optional(),
  // AWS: the SDK reads its own variables (credentials chain, AWS_REGION, AWS_ENDPOINT_URL_COST_EXPLORER).
  COSTWISE_AWS: boolean,
  AWS_ENDPOINT_URL_COST_EXPLORER: url("http://127.0.0.1:4599"),
  AWS_REGION: optionalString,
  AWS_ACCESS_KEY_ID: optionalString,
  AWS_PROFILE: optionalString,
  AWS_WEB_IDENTITY_TOKEN_FILE: optionalString,
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: optionalString,
  AWS_CONTAINER_CREDENTIALS_FULL_URI: optionalString,
  COSTWISE_TAG_DEPARTMENT: optionalString,
  COSTWISE_TAG_PROJECT: optionalString,
  COSTWISE_TAG_ENVIRONMENT: optionalString,
  AWS_ENDPOINT_URL_PRICING: url("http://127.0.0.1:4598"),
  COSTWISE_COMMITMENTS_REFRESH_DAYS: z.coerce
    .number({ message: "expected a number of days" })
    .int()
    .min(0)
    .max(90)
    .optional(),
  COSTWISE_COMMITMENTS_LOOKBACK_DAYS: z.enum(["7", "30", "60"], { message: "expected 7, 30 or 60" }).optional(),
  // Datadog
  DD_API_KEY: optionalString,
  DD_APP_KEY: optionalString,
  DD_SITE: optionalString.refine((s) => s === undefined || /^[a-z0-9.-]+$/i.test(s), {
    message: "expected a Datadog site like datadoghq.com or datadoghq.eu",
  }),
  DD_HOST: url("https://api.datadoghq.com"),
  // Sync limits: a hung vendor or a stuck run must not hold the sync lock.
  COSTWISE_REQUEST_TIMEOUT_S: positiveNumber("seconds, e.g. 60").optional(),
  COSTWISE_SYNC_DEADLINE_MIN: positiveNumber("minutes, e.g. 60").optional(),
  COSTWISE_STALE_AFTER_DAYS: positiveNumber("days, e.g. 2").optional(),
  // Operating
  COSTWISE_METRICS_TOKEN: optionalString,
  LOG_FORMAT: z.enum(["text", "json"], { message: "expected text or json" }).optional(),
  // Sign-in with OpenID Connect
  COSTWISE_SESSION_HOURS: z.coerce
    .number({ message: "expected a number of hours, e.g. 8" })
    .positive({ message: "expected a number of hours above 0, e.g. 8" })
    .max(24 * 7, { message: "at most 168 hours (a week): a session is meant to be short" })
    .optional(),
  OIDC_ISSUER: url("https://company.okta.com"),
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  OIDC_SCOPES: optionalString.refine((s) => s === undefined || s.split(/\s+/).includes("openid"), {
    message: 'expected space-separated scopes including "openid", e.g. "openid email profile"',
  }),
  OIDC_GROUPS_CLAIM: optionalString,
});

/** Every variable the config reads (the deploy manifests' test checks they set no other). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(schema.shape);

export type Config = {
  database: { kind: "postgres"; url: string } | { kind: "embedded"; dir: string };
  port: number;
  /** The address the server listens on (COSTWISE_HOST, default loopback). */
  host: string;
  auth: {
    /** oidc: sign-in with the company's provider; proxy: a trusted proxy in front names the person; none: local admin. */
    mode: "oidc" | "proxy" | "none";
    /** The public base URL (COSTWISE_URL), for redirects and the only accepted Host/Origin. */
    url: string | undefined;
    /** The first signs new sessions; all are accepted, so a secret can be rotated without signing everyone out. */
    sessionSecrets: string[];
    /** Addresses or CIDRs whose identity headers are believed (proxy mode). */
    trustedProxies: string[];
    proxyHeaders: { email: string; groups: string };
    /** The role rules in force, as parsed at start-up; `source` says where they were read. */
    roles: { rules: RoleRule[]; source: string };
    /** How long a session lasts (COSTWISE_SESSION_HOURS, default 8); fractions are allowed (0.5 = 30 minutes). */
    sessionHours: number;
    /** The identity provider (COSTWISE_AUTH=oidc only). */
    oidc:
      | {
          issuer: string;
          clientId: string;
          /** Undefined = a public client (PKCE only). */
          clientSecret: string | undefined;
          scopes: string;
          /** The ID token (or userinfo) claim holding the groups: `groups`, or `roles` for Entra app roles. */
          groupsClaim: string;
        }
      | undefined;
  };
  /** A fixed clock for tests and screenshots; undefined = the real time. */
  fixedNow: Date | undefined;
  syncSchedule: "off" | "hourly" | "daily";
  digest: {
    /** When the server sends the weekly digest; undefined = never by itself (the CLI or a CronJob can). */
    schedule: DigestSchedule | undefined;
    /** Webhooks on http://127.0.0.1 are accepted: tests and local development only. */
    allowLoopback: boolean;
    /** The mail server; undefined = no email digests (Slack still works). */
    smtp:
      | {
          host: string;
          port: number;
          tls: "starttls" | "implicit" | "none";
          user: string | undefined;
          password: string | undefined;
          from: string;
        }
      | undefined;
  };
  aws: {
    enabled: boolean;
    /** Why it is on or off, shown on /sync and /settings. */
    reason: string;
    region: string;
    endpoint: string | undefined;
    tagKeys: { department: string; project: string; environment: string };
    /** The Price List API's endpoint (AWS_ENDPOINT_URL_PRICING); undefined = AWS's own. */
    pricingEndpoint: string | undefined;
  };
  /** Savings Plans and RI data: refetched when older than refreshDays; recommendations over lookbackDays. */
  commitments: { refreshDays: number; lookbackDays: 7 | 30 | 60 };
  datadog: {
    enabled: boolean;
    reason: string;
    apiKey: string | undefined;
    appKey: string | undefined;
    site: string;
    /** Full API base URL; DD_HOST wins over DD_SITE. */
    baseUrl: string;
  };
  sync: {
    /** Connection + answer time allowed to one vendor request (COSTWISE_REQUEST_TIMEOUT_S, default 60 s). */
    requestTimeoutMs: number;
    /** A run still going after this fails, keeps the previous data and frees the lock (COSTWISE_SYNC_DEADLINE_MIN). */
    deadlineMs: number;
    /** Data older than this is flagged on every page and in /api/health (COSTWISE_STALE_AFTER_DAYS, default 2). */
    staleAfterDays: number;
  };
  /** /api/metrics wants `Authorization: Bearer <token>` when set; open otherwise. */
  metricsToken: string | undefined;
  /** Log lines as text for people, or one JSON object per line for log pipelines. */
  logFormat: "text" | "json";
  /** Values never to write in a log line: every *_KEY, *_SECRET, *_TOKEN, *_PASSWORD, the database password. */
  secrets: string[];
};

/**
 * A setting as it may be printed: keys and secrets hidden, a URL's password replaced by "***"
 * (postgresql://costwise:***@db:5432/costwise). Configuration errors and logs print only this.
 */
export function redactSetting(name: string, value: string): string {
  if (/KEY|SECRET|TOKEN|PASSWORD/i.test(name)) return value ? "(hidden)" : "";
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*):[^@\s]*@/i, "$1:***@");
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function parseConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (i) =>
          `${i.path.join(".")}=${JSON.stringify(redactSetting(String(i.path[0]), env[String(i.path[0])] ?? ""))}: ${i.message}`,
      ),
    );
  }
  const e = parsed.data;
  const roles = readRoles(e.COSTWISE_ROLES, e.COSTWISE_ROLES_FILE, cwd);
  const authProblems = [...checkAuth(e), ...checkSmtp(e)];
  if (authProblems.length > 0) throw new ConfigError(authProblems);
  const awsCredentialHint =
    e.AWS_ACCESS_KEY_ID ??
    e.AWS_PROFILE ??
    e.AWS_WEB_IDENTITY_TOKEN_FILE ??
    e.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI ??
    e.AWS_CONTAINER_CREDENTIALS_FULL_URI;
  const awsEnabled = e.COSTWISE_AWS ?? awsCredentialHint !== undefined;
  const site = e.DD_SITE ?? "datadoghq.com";
  const ddEnabled = e.DD_API_KEY !== undefined && e.DD_APP_KEY !== undefined;
  if ((e.DD_API_KEY === undefined) !== (e.DD_APP_KEY === undefined)) {
    throw new ConfigError([
      `${e.DD_API_KEY ? "DD_APP_KEY" : "DD_API_KEY"} is missing: Datadog needs both an API key and an application key`,
    ]);
  }
  return {
    database: e.DATABASE_URL
      ? { kind: "postgres", url: e.DATABASE_URL }
      : { kind: "embedded", dir: path.resolve(cwd, e.COSTWISE_DATA_DIR ?? ".data/local") },
    port: e.PORT ?? 3000,
    host: e.COSTWISE_HOST ?? "127.0.0.1",
    auth: {
      mode: e.COSTWISE_AUTH,
      url: e.COSTWISE_URL?.replace(/\/+$/, ""),
      sessionSecrets: e.COSTWISE_SESSION_SECRET ? splitList(e.COSTWISE_SESSION_SECRET) : [],
      trustedProxies: e.COSTWISE_TRUSTED_PROXIES ? splitList(e.COSTWISE_TRUSTED_PROXIES) : [],
      proxyHeaders: {
        email: (e.COSTWISE_PROXY_EMAIL_HEADER ?? "X-Forwarded-Email").toLowerCase(),
        groups: (e.COSTWISE_PROXY_GROUPS_HEADER ?? "X-Forwarded-Groups").toLowerCase(),
      },
      roles,
      sessionHours: e.COSTWISE_SESSION_HOURS ?? 8,
      oidc:
        e.COSTWISE_AUTH === "oidc"
          ? {
              issuer: e.OIDC_ISSUER!,
              clientId: e.OIDC_CLIENT_ID!,
              clientSecret: e.OIDC_CLIENT_SECRET,
              scopes: e.OIDC_SCOPES ?? "openid email profile",
              groupsClaim: e.OIDC_GROUPS_CLAIM ?? "groups",
            }
          : undefined,
    },
    fixedNow: e.COSTWISE_NOW ? new Date(e.COSTWISE_NOW) : undefined,
    syncSchedule: e.SYNC_SCHEDULE ?? "off",
    digest: {
      schedule:
        e.DIGEST_SCHEDULE && e.DIGEST_SCHEDULE.toLowerCase() !== "off"
          ? parseDigestSchedule(e.DIGEST_SCHEDULE)
          : undefined,
      allowLoopback: e.COSTWISE_DIGEST_ALLOW_LOOPBACK ?? false,
      smtp: e.SMTP_HOST
        ? {
            host: e.SMTP_HOST,
            port: e.SMTP_PORT ?? (e.SMTP_TLS === "implicit" ? 465 : 587),
            tls: e.SMTP_TLS ?? "starttls",
            user: e.SMTP_USER,
            password: e.SMTP_PASSWORD,
            from: e.SMTP_FROM!,
          }
        : undefined,
    },
    aws: {
      enabled: awsEnabled,
      reason:
        e.COSTWISE_AWS === false
          ? "off: COSTWISE_AWS=false"
          : awsEnabled
            ? e.COSTWISE_AWS
              ? "on: COSTWISE_AWS=true"
              : "on: AWS credentials found in the environment"
            : "off: no AWS credentials in the environment (set AWS_PROFILE or AWS_ACCESS_KEY_ID, or COSTWISE_AWS=true for an instance role)",
      region: e.AWS_REGION ?? "us-east-1",
      endpoint: e.AWS_ENDPOINT_URL_COST_EXPLORER,
      tagKeys: {
        department: e.COSTWISE_TAG_DEPARTMENT ?? "department",
        project: e.COSTWISE_TAG_PROJECT ?? "project",
        environment: e.COSTWISE_TAG_ENVIRONMENT ?? "environment",
      },
      pricingEndpoint: e.AWS_ENDPOINT_URL_PRICING,
    },
    commitments: {
      refreshDays: e.COSTWISE_COMMITMENTS_REFRESH_DAYS ?? 7,
      lookbackDays: Number(e.COSTWISE_COMMITMENTS_LOOKBACK_DAYS ?? 30) as 7 | 30 | 60,
    },
    datadog: {
      enabled: ddEnabled,
      reason: ddEnabled ? "on: DD_API_KEY and DD_APP_KEY are set" : "off: set DD_API_KEY and DD_APP_KEY",
      apiKey: e.DD_API_KEY,
      appKey: e.DD_APP_KEY,
      site,
      baseUrl: (e.DD_HOST ?? `https://api.${site}`).replace(/\/+$/, ""),
    },
    sync: {
      requestTimeoutMs: Math.round((e.COSTWISE_REQUEST_TIMEOUT_S ?? 60) * 1000),
      deadlineMs: Math.round((e.COSTWISE_SYNC_DEADLINE_MIN ?? 60) * 60_000),
      staleAfterDays: e.COSTWISE_STALE_AFTER_DAYS ?? 2,
    },
    metricsToken: e.COSTWISE_METRICS_TOKEN,
    logFormat: e.LOG_FORMAT ?? "text",
    secrets: listSecrets(env),
  };
}

type Parsed = z.infer<typeof schema>;

/** What each sign-in mode cannot work without. */
function checkAuth(e: Parsed): string[] {
  const problems: string[] = [];
  if (e.COSTWISE_AUTH === "oidc") {
    if (!e.COSTWISE_URL)
      problems.push("COSTWISE_URL is required with COSTWISE_AUTH=oidc (the provider redirects to it)");
    if (!e.COSTWISE_SESSION_SECRET)
      problems.push("COSTWISE_SESSION_SECRET is required with COSTWISE_AUTH=oidc (it signs the session cookie)");
    if (!e.OIDC_ISSUER)
      problems.push("OIDC_ISSUER is required with COSTWISE_AUTH=oidc: the identity provider's issuer URL");
    if (!e.OIDC_CLIENT_ID)
      problems.push("OIDC_CLIENT_ID is required with COSTWISE_AUTH=oidc: the client id registered at the provider");
  }
  if (e.COSTWISE_AUTH === "proxy" && !e.COSTWISE_TRUSTED_PROXIES)
    problems.push(
      "COSTWISE_TRUSTED_PROXIES is required with COSTWISE_AUTH=proxy: the addresses of the proxy in front (e.g. 10.0.0.0/8)",
    );
  return problems;
}

/** A mail server needs a sender, and a password never crosses the network in the clear. */
function checkSmtp(e: Parsed): string[] {
  const problems: string[] = [];
  const rest = [e.SMTP_PORT, e.SMTP_USER, e.SMTP_PASSWORD, e.SMTP_FROM, e.SMTP_TLS].some((v) => v !== undefined);
  if (!e.SMTP_HOST) {
    if (rest) problems.push("SMTP_HOST is missing: the other SMTP_* settings need the mail server's host");
    return problems;
  }
  if (!e.SMTP_FROM) problems.push("SMTP_FROM is required with SMTP_HOST: the address digests are sent from");
  if ((e.SMTP_USER === undefined) !== (e.SMTP_PASSWORD === undefined))
    problems.push("SMTP_USER and SMTP_PASSWORD go together: set both, or neither for a relay without login");
  if (e.SMTP_TLS === "none" && !isLoopbackHost(e.SMTP_HOST))
    problems.push(
      "SMTP_TLS=none is only allowed for a mail server on this machine (127.0.0.1): anywhere else the digest and the password would cross the network in the clear",
    );
  return problems;
}

function readRoles(inline: string | undefined, file: string | undefined, cwd: string): Config["auth"]["roles"] {
  if (inline !== undefined && file !== undefined)
    throw new ConfigError(["COSTWISE_ROLES and COSTWISE_ROLES_FILE are both set: keep one"]);
  let text = inline ?? "";
  let source = inline !== undefined ? "COSTWISE_ROLES" : "none set";
  if (file !== undefined) {
    const resolved = path.resolve(cwd, file);
    try {
      text = readFileSync(resolved, "utf8");
    } catch (err) {
      throw new ConfigError([
        `COSTWISE_ROLES_FILE=${JSON.stringify(file)}: cannot read it (${(err as Error).message})`,
      ]);
    }
    source = `COSTWISE_ROLES_FILE (${resolved})`;
  }
  const parsed = parseRoleRules(text);
  if (!parsed.ok) {
    const name = file !== undefined ? "COSTWISE_ROLES_FILE" : "COSTWISE_ROLES";
    throw new ConfigError(parsed.problems.map((p) => `${name} ${p}`));
  }
  return { rules: parsed.rules, source };
}

/**
 * Why the server must not listen as configured, in one line naming both fixes; undefined when it may.
 * Without sign-in everyone who reaches the port is an admin, so that is allowed only on loopback.
 */
export function checkListenSafety(config: Pick<Config, "host" | "auth">): string | undefined {
  if (config.auth.mode !== "none" || isLoopbackHost(config.host)) return undefined;
  return `Refusing to listen on ${config.host} without sign-in: set COSTWISE_AUTH=oidc or COSTWISE_AUTH=proxy, or listen on loopback only with COSTWISE_HOST=127.0.0.1.`;
}

/**
 * By name, so a secret added later (a vendor key, a sign-in secret) is covered without a list to keep up.
 * Lists and URLs are split too: the database password appears alone in a driver's error.
 */
function listSecrets(env: Record<string, string | undefined>): string[] {
  const secrets = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (!value || !/(_KEY|_SECRET|_TOKEN|_PASSWORD)$/.test(name)) continue;
    for (const part of [value, ...value.split(",")]) if (part.trim().length >= 6) secrets.add(part.trim());
  }
  if (env.DATABASE_URL) {
    try {
      const password = new URL(env.DATABASE_URL).password;
      if (password) for (const p of [password, decodeURIComponent(password)]) secrets.add(p);
    } catch {
      // not a URL: the schema above says so
    }
  }
  return [...secrets];
}

let current: Config | undefined;

/** The configuration of this process, parsed once from process.env. */
export function getConfig(): Config {
  current ??= parseConfig(process.env);
  return current;
}

/** The current time, or COSTWISE_NOW when a test or screenshot fixes the clock. */
export function getNow(): Date {
  return getConfig().fixedNow ?? new Date();
}
