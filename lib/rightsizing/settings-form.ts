// The rightsizing settings form on /settings ↔ the settings document: every field is text in the form; here it
// is parsed (lists, numbers, "namespace = team" lines, one row per cluster), validated with the settings' own
// zod schema, and each problem is put next to the field it belongs to.
import { z } from "zod";
import type { FieldErrors } from "@/lib/form-data";
import { rightsizingSettingsSchema } from "@/lib/settings/rightsizing";
import type { RightsizingSettings, RightsizingSettingsInput } from "@/lib/settings/rightsizing";

export const NUMBER_FIELDS = [
  "idleCpuThresholdMillicores",
  "idleCpuRequestMillicores",
  "idleMemoryMultiplier",
  "cpuP95Multiplier",
  "memoryPeakMultiplier",
  "cpuFloorMillicores",
  "memoryFloorMib",
  "cpuStepAboveMillicores",
  "cpuStepMillicores",
  "minDataDays",
  "windowDays",
  "hoursPerMonth",
  "reopenChangePct",
  "appliedTolerancePct",
] as const;
const PRICE_FIELDS = ["instanceType", "vcpu", "memoryGib", "hourlyUsd", "vcpuHourUsd", "gibHourUsd"] as const;
type PriceField = (typeof PRICE_FIELDS)[number];

export type ClusterRow = { name: string; environment: string } & Record<PriceField, string>;

/** The text every field shows for these settings; `clusters` are the ones in the synced data. */
export function toFormValues(
  settings: RightsizingSettings,
  clusters: string[],
): { values: Record<string, string>; clusterRows: ClusterRow[] } {
  const values: Record<string, string> = {
    nonProductionEnvironments: settings.nonProductionEnvironments.join(", "),
    productionEnvironments: settings.productionEnvironments.join(", "),
    teamTagKey: settings.teamTagKey,
    envTagKey: settings.envTagKey,
    severityMediumPct: String(settings.severity.mediumPct),
    severityHighPct: String(settings.severity.highPct),
    namespaceTeams: Object.entries(settings.namespaceTeams)
      .map(([ns, team]) => `${ns} = ${team}`)
      .join("\n"),
    hpaOverrides: settings.hpaOverrides
      .map(
        (o) =>
          `${[o.cluster, o.namespace, o.workloadKind, o.workload].filter(Boolean).join("/")} = ${o.hasHpa ? "on" : "off"}`,
      )
      .join("\n"),
  };
  for (const key of NUMBER_FIELDS) values[key] = String(settings[key]);
  for (const key of PRICE_FIELDS) values[`defaultPricing.${key}`] = text(settings.defaultPricing[key]);
  const names = [
    ...new Set([...clusters, ...Object.keys(settings.clusterEnvironments), ...Object.keys(settings.clusterPricing)]),
  ].sort();
  const clusterRows = names.map((name) => {
    const pricing = settings.clusterPricing[name];
    const row = { name, environment: settings.clusterEnvironments[name] ?? "" } as ClusterRow;
    for (const key of PRICE_FIELDS) row[key] = text(pricing?.[key]);
    return row;
  });
  return { values, clusterRows };
}

function text(value: string | number | undefined): string {
  return value === undefined ? "" : String(value);
}

/**
 * The form as lib/form-data.ts reads it: the text of every field → a settings document, or the problems
 * by field name (`cluster.<i>.<field>` for cluster rows).
 */
export const rightsizingSettingsFormSchema = z
  .record(z.string(), z.string())
  .transform((form, ctx): RightsizingSettingsInput => {
    const parsed = toSettingsInput(form);
    if (parsed.ok) return parsed.input;
    for (const [field, message] of Object.entries(parsed.errors))
      ctx.addIssue({ code: "custom", path: [field], message });
    return z.NEVER;
  });

/** Form text → a settings document, or the problems by field name (`cluster.<i>.<field>` for cluster rows). */
export function toSettingsInput(
  form: Record<string, string>,
): { ok: true; input: RightsizingSettingsInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const number = (field: string, isOptional = false): number | undefined => {
    const raw = (form[field] ?? "").trim();
    if (raw === "") {
      if (!isOptional) errors[field] = "enter a number";
      return undefined;
    }
    const value = Number(raw);
    if (!Number.isFinite(value)) errors[field] = `"${raw}" is not a number`;
    return value;
  };
  const list = (field: string) =>
    (form[field] ?? "")
      .split(/[,\n]/)
      .map((s) => s.trim())
      .filter(Boolean);

  const pricing = (prefix: string) => ({
    instanceType: (form[`${prefix}.instanceType`] ?? "").trim(),
    vcpu: number(`${prefix}.vcpu`),
    memoryGib: number(`${prefix}.memoryGib`),
    hourlyUsd: number(`${prefix}.hourlyUsd`),
    vcpuHourUsd: number(`${prefix}.vcpuHourUsd`, true),
    gibHourUsd: number(`${prefix}.gibHourUsd`, true),
  });

  const clusterEnvironments: Record<string, string> = {};
  const clusterPricing: Record<string, ReturnType<typeof pricing>> = {};
  if (form[`cluster.${MAX_CLUSTER_ROWS}.name`] !== undefined)
    errors.form = `at most ${MAX_CLUSTER_ROWS} cluster rows are read`;
  for (let i = 0; i < MAX_CLUSTER_ROWS && form[`cluster.${i}.name`] !== undefined; i++) {
    const name = (form[`cluster.${i}.name`] ?? "").trim();
    const fields = ["environment", ...PRICE_FIELDS].map((f) => (form[`cluster.${i}.${f}`] ?? "").trim());
    if (!name) {
      if (fields.some(Boolean)) errors[`cluster.${i}.name`] = "name the cluster";
      continue;
    }
    const environment = fields[0];
    if (environment) clusterEnvironments[name] = environment;
    if (fields.slice(1).some(Boolean)) clusterPricing[name] = pricing(`cluster.${i}`);
  }

  const input = {
    nonProductionEnvironments: list("nonProductionEnvironments"),
    productionEnvironments: list("productionEnvironments"),
    ...Object.fromEntries(NUMBER_FIELDS.map((key) => [key, number(key)])),
    teamTagKey: (form.teamTagKey ?? "").trim(),
    envTagKey: (form.envTagKey ?? "").trim(),
    namespaceTeams: toPairs(form.namespaceTeams ?? "", "namespaceTeams", "namespace = team", errors),
    clusterEnvironments,
    defaultPricing: pricing("defaultPricing"),
    clusterPricing,
    hpaOverrides: toHpaOverrides(form.hpaOverrides ?? "", errors),
    severity: { mediumPct: number("severityMediumPct"), highPct: number("severityHighPct") },
  } as RightsizingSettingsInput;
  // The schema checks the rest even when some text did not parse, so every problem shows at once;
  // a field keeps the first problem found (its own parse error before the schema's).
  const result = rightsizingSettingsSchema.safeParse(input);
  if (result.success && Object.keys(errors).length === 0) return { ok: true, input };
  if (result.success) return { ok: false, errors };
  const clusterIndex = (name: PropertyKey) => {
    for (let i = 0; form[`cluster.${i}.name`] !== undefined; i++)
      if ((form[`cluster.${i}.name`] ?? "").trim() === name) return i;
    return -1;
  };
  for (const issue of result.error.issues) {
    const field = toFieldName(issue.path, clusterIndex);
    errors[field] ??= toFriendlyMessage(issue.message);
  }
  return { ok: false, errors };
}

// zod's wording ("Too small: expected number to be >=1") said the way a person would.
function toFriendlyMessage(message: string): string {
  const atLeast = /^Too small: expected number to be >=(.+)$/.exec(message);
  if (atLeast) return `must be at least ${atLeast[1]}`;
  const above = /^Too small: expected number to be >(.+)$/.exec(message);
  if (above) return `must be more than ${above[1]}`;
  if (/^Too small: expected string to have >=1 characters?$/.test(message)) return "required";
  if (/^Invalid input: expected int/.test(message)) return "must be a whole number";
  return message;
}

function toFieldName(path: PropertyKey[], clusterIndex: (name: PropertyKey) => number): string {
  const [head, second, third] = path;
  if (head === "severity") return second === "mediumPct" ? "severityMediumPct" : "severityHighPct";
  if (head === "defaultPricing") return `defaultPricing.${String(second ?? "vcpuHourUsd")}`;
  if (head === "clusterPricing") return `cluster.${clusterIndex(second ?? "")}.${String(third ?? "vcpuHourUsd")}`;
  if (head === "clusterEnvironments") return `cluster.${clusterIndex(second ?? "")}.environment`;
  return String(head ?? "form");
}

/** Lines a mapping field takes (namespace → team, HPA overrides): far above any real cluster, far below a flood. */
export const MAX_MAPPING_LINES = 5_000;
/** Cluster rows the form reads. */
export const MAX_CLUSTER_ROWS = 500;

const excerpt = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text);

// "key = value" per line; blank lines and # comments are skipped. Split at the first "=" by hand: the regular
// expression it replaces backtracked quadratically on a long line without "=" (900 KB froze the server).
function toPairs(textValue: string, field: string, shape: string, errors: FieldErrors): Record<string, string> {
  const pairs: Record<string, string> = {};
  const lines = textValue.split("\n");
  if (lines.length > MAX_MAPPING_LINES) {
    errors[field] ??=
      `${lines.length.toLocaleString("en-US")} lines: at most ${MAX_MAPPING_LINES.toLocaleString("en-US")} are read`;
    return pairs;
  }
  lines.forEach((line, index) => {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith("#")) return;
    const eq = trimmed.indexOf("=");
    const key = eq > 0 ? trimmed.slice(0, eq).trimEnd() : "";
    const value = eq > 0 ? trimmed.slice(eq + 1).trimStart() : "";
    if (!key || !value) errors[field] ??= `line ${index + 1} "${excerpt(trimmed)}": expected ${shape}`;
    else pairs[key] = value;
  });
  return pairs;
}

// "cluster/namespace/workload = on" or "cluster/namespace/Kind/workload = off".
function toHpaOverrides(textValue: string, errors: FieldErrors) {
  const shape = "cluster/namespace/workload = on|off (or cluster/namespace/Kind/workload = on|off)";
  return Object.entries(toPairs(textValue, "hpaOverrides", shape, errors)).flatMap(([target, state]) => {
    const parts = target.split("/").map((p) => p.trim());
    const hasHpa = /^(on|true|yes)$/i.test(state) ? true : /^(off|false|no)$/i.test(state) ? false : null;
    if ((parts.length !== 3 && parts.length !== 4) || parts.some((p) => !p) || hasHpa === null) {
      errors.hpaOverrides ??= `"${target} = ${state}": expected ${shape}`;
      return [];
    }
    const [cluster, namespace] = parts as [string, string];
    return [
      parts.length === 4
        ? { cluster, namespace, workloadKind: parts[2]!, workload: parts[3]!, hasHpa }
        : { cluster, namespace, workload: parts[2]!, hasHpa },
    ];
  });
}
