import path from "node:path";
import { z } from "zod";

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

const schema = z.object({
  DATABASE_URL: url("postgresql://user:password@host:5432/costwise").refine(
    (s) => s === undefined || /^postgres(ql)?:\/\//.test(s),
    { message: "expected a postgresql:// URL" },
  ),
  COSTWISE_DATA_DIR: optionalString,
  PORT: z.coerce.number({ message: "expected a port number" }).int().min(1).max(65535).optional(),
  HOSTNAME: optionalString,
  COSTWISE_NOW: optionalString.refine((s) => s === undefined || !Number.isNaN(Date.parse(s)), {
    message: "expected an ISO date or time, e.g. 2026-11-26 or 2026-11-26T09:00:00Z",
  }),
  SYNC_SCHEDULE: z.enum(["off", "hourly", "daily"], { message: "expected off, hourly or daily" }).optional(),
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
  // Datadog
  DD_API_KEY: optionalString,
  DD_APP_KEY: optionalString,
  DD_SITE: optionalString.refine((s) => s === undefined || /^[a-z0-9.-]+$/i.test(s), {
    message: "expected a Datadog site like datadoghq.com or datadoghq.eu",
  }),
  DD_HOST: url("https://api.datadoghq.com"),
  // Sign-in
  COSTWISE_AUTH: z.enum(["oidc", "proxy", "none"], { message: "expected oidc, proxy or none" }).optional(),
  COSTWISE_URL: url("https://costwise.example.com").refine((s) => s === undefined || /^https?:\/\/[^/]+\/?$/i.test(s), {
    message: "expected the public base URL with no path, like https://costwise.example.com",
  }),
  COSTWISE_SESSION_SECRET: optionalString,
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

export type Config = {
  database: { kind: "postgres"; url: string } | { kind: "embedded"; dir: string };
  port: number;
  hostname: string;
  /** A fixed clock for tests and screenshots; undefined = the real time. */
  fixedNow: Date | undefined;
  syncSchedule: "off" | "hourly" | "daily";
  aws: {
    enabled: boolean;
    /** Why it is on or off, shown on /sync and /settings. */
    reason: string;
    region: string;
    endpoint: string | undefined;
    tagKeys: { department: string; project: string; environment: string };
  };
  datadog: {
    enabled: boolean;
    reason: string;
    apiKey: string | undefined;
    appKey: string | undefined;
    site: string;
    /** Full API base URL; DD_HOST wins over DD_SITE. */
    baseUrl: string;
  };
  auth: {
    /** oidc: the company's identity provider; proxy: a trusted proxy in front; none: loopback only, no sign-in. */
    mode: "oidc" | "proxy" | "none";
    /** The public origin (COSTWISE_URL without a trailing slash): redirects and the only accepted Origin. */
    url: string | undefined;
    /** COSTWISE_SESSION_SECRET split on commas/spaces: the first seals new sessions, every one opens them. */
    sessionSecrets: string[];
    /** How long a session lasts; fractions are allowed (0.5 = 30 minutes). */
    sessionHours: number;
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
};

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
        (i) => `${i.path.join(".")}=${JSON.stringify(env[String(i.path[0])] ?? "")}: ${i.message}`,
      ),
    );
  }
  const e = parsed.data;
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
    auth: parseAuth(e),
    database: e.DATABASE_URL
      ? { kind: "postgres", url: e.DATABASE_URL }
      : { kind: "embedded", dir: path.resolve(cwd, e.COSTWISE_DATA_DIR ?? ".data/local") },
    port: e.PORT ?? 3000,
    hostname: e.HOSTNAME ?? "0.0.0.0",
    fixedNow: e.COSTWISE_NOW ? new Date(e.COSTWISE_NOW) : undefined,
    syncSchedule: e.SYNC_SCHEDULE ?? "off",
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
    },
    datadog: {
      enabled: ddEnabled,
      reason: ddEnabled ? "on: DD_API_KEY and DD_APP_KEY are set" : "off: set DD_API_KEY and DD_APP_KEY",
      apiKey: e.DD_API_KEY,
      appKey: e.DD_APP_KEY,
      site,
      baseUrl: (e.DD_HOST ?? `https://api.${site}`).replace(/\/+$/, ""),
    },
  };
}

const MIN_SECRET = 32;

function parseAuth(e: z.infer<typeof schema>): Config["auth"] {
  const mode = e.COSTWISE_AUTH ?? "none";
  const sessionSecrets = (e.COSTWISE_SESSION_SECRET ?? "").split(/[\s,]+/).filter(Boolean);
  const problems: string[] = [];
  const short = sessionSecrets.filter((s) => s.length < MIN_SECRET);
  if (short.length > 0)
    problems.push(
      `COSTWISE_SESSION_SECRET: each secret needs at least ${MIN_SECRET} characters (${short.length} is shorter); make one with \`openssl rand -base64 32\``,
    );
  if (mode === "oidc") {
    const need = (name: keyof typeof e, why: string) => {
      if (e[name] === undefined) problems.push(`${name} is missing: COSTWISE_AUTH=oidc needs ${why}`);
    };
    need("COSTWISE_URL", "the public base URL, e.g. https://costwise.example.com (redirects go there)");
    need("COSTWISE_SESSION_SECRET", "a secret of at least 32 characters to seal the session cookie");
    need("OIDC_ISSUER", "the identity provider's issuer URL (its discovery document is read from there)");
    need("OIDC_CLIENT_ID", "the client id registered at the identity provider");
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    mode,
    url: e.COSTWISE_URL?.replace(/\/+$/, ""),
    sessionSecrets,
    sessionHours: e.COSTWISE_SESSION_HOURS ?? 8,
    oidc:
      mode === "oidc"
        ? {
            issuer: e.OIDC_ISSUER!,
            clientId: e.OIDC_CLIENT_ID!,
            clientSecret: e.OIDC_CLIENT_SECRET,
            scopes: e.OIDC_SCOPES ?? "openid email profile",
            groupsClaim: e.OIDC_GROUPS_CLAIM ?? "groups",
          }
        : undefined,
  };
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
