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

const positiveNumber = (unit: string) =>
  z.coerce.number({ message: `expected a number of ${unit}` }).positive({ message: `expected a number of ${unit}` });

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
  // Sync limits: a hung vendor or a stuck run must not hold the sync lock.
  COSTWISE_REQUEST_TIMEOUT_S: positiveNumber("seconds, e.g. 60").optional(),
  COSTWISE_SYNC_DEADLINE_MIN: positiveNumber("minutes, e.g. 60").optional(),
  COSTWISE_STALE_AFTER_DAYS: positiveNumber("days, e.g. 2").optional(),
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
  sync: {
    /** Connection + answer time allowed to one vendor request (COSTWISE_REQUEST_TIMEOUT_S, default 60 s). */
    requestTimeoutMs: number;
    /** A run still going after this fails, keeps the previous data and frees the lock (COSTWISE_SYNC_DEADLINE_MIN). */
    deadlineMs: number;
    /** Data older than this is flagged on every page and in /api/health (COSTWISE_STALE_AFTER_DAYS, default 2). */
    staleAfterDays: number;
  };
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
    sync: {
      requestTimeoutMs: Math.round((e.COSTWISE_REQUEST_TIMEOUT_S ?? 60) * 1000),
      deadlineMs: Math.round((e.COSTWISE_SYNC_DEADLINE_MIN ?? 60) * 60_000),
      staleAfterDays: e.COSTWISE_STALE_AFTER_DAYS ?? 2,
    },
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
