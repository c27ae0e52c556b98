// Rightsizing settings: every number of the rules is a setting, with the defaults of docs/rules.md (Rightsizing).
// Parsed with zod so /settings, the CLI and tests all go through one validation.
import { z } from "zod";

const environmentName = z.string().trim().toLowerCase().min(1, "an environment name cannot be empty");

// Node pricing of one cluster. The hourly price is split into per-vCPU-hour and per-GiB-hour prices
// (see pricing.ts) unless both unit prices are given explicitly.
export const instancePricingSchema = z
  .object({
    instanceType: z.string().trim().min(1),
    vcpu: z.number().positive(),
    memoryGib: z.number().positive(),
    hourlyUsd: z.number().positive(),
    vcpuHourUsd: z.number().nonnegative().optional(),
    gibHourUsd: z.number().nonnegative().optional(),
  })
  .refine((p) => (p.vcpuHourUsd === undefined) === (p.gibHourUsd === undefined), {
    message: "give both vcpuHourUsd and gibHourUsd, or neither (then the hourly price is split)",
  });

export type InstancePricing = z.infer<typeof instancePricingSchema>;

// Default node: t3a.xlarge on-demand us-east-1, 4 vCPU / 16 GiB / $0.1504 per hour, the cheapest memory per GiB
// for the memory-bound non-production clusters (docs/rules.md, Rightsizing).
export const DEFAULT_INSTANCE_PRICING: InstancePricing = {
  instanceType: "t3a.xlarge",
  vcpu: 4,
  memoryGib: 16,
  hourlyUsd: 0.1504,
};

// Force HPA on or off for one workload.
// workloadKind is optional: when given it must match too.
export const hpaOverrideSchema = z.object({
  cluster: z.string().min(1),
  namespace: z.string().min(1),
  workloadKind: z.string().min(1).optional(),
  workload: z.string().min(1),
  hasHpa: z.boolean(),
});

/**
 * A Datadog tag key (a letter, then letters, digits, _ - . / :), as it goes into a query's `by {…}`: a space,
 * comma or brace can never break the query.
 */
function datadogTagKey(examples: string) {
  return z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z][A-Za-z0-9_.:/-]*$/, {
      message: `a Datadog tag key: a letter, then letters, digits, _ - . / or : (e.g. ${examples})`,
    });
}

export const rightsizingSettingsSchema = z.object({
  // The idle rule applies ONLY to these: cutting production to 10m must never happen. Compared trimmed, lower-case.
  nonProductionEnvironments: z
    .array(environmentName)
    .default(["staging", "development", "dev", "test", "qa", "sandbox"]),
  // Values recognised as production; anything on neither list is production AND listed as unmapped.
  productionEnvironments: z.array(environmentName).default(["production", "prod", "prd"]),
  idleCpuThresholdMillicores: z.number().positive().default(25), // idle: CPU p95 below 25m
  idleCpuRequestMillicores: z.number().positive().default(10), // idle: CPU request 10m
  idleMemoryMultiplier: z.number().min(1).default(1.3), // idle: memory = idle memory × 1.3
  cpuP95Multiplier: z.number().min(1).default(1.2), // otherwise: CPU request = p95 × 1.2
  memoryPeakMultiplier: z.number().min(1).default(1.15), // otherwise memory = peak × 1.15; the peak guard everywhere
  cpuFloorMillicores: z.number().int().positive().default(10), // floors
  memoryFloorMib: z.number().int().positive().default(32),
  cpuStepAboveMillicores: z.number().int().nonnegative().default(100), // 5m steps above 100m
  cpuStepMillicores: z.number().int().positive().default(5),
  minDataDays: z.number().nonnegative().default(3), // under 3 days of samples → no recommendation
  windowDays: z.number().int().positive().default(14), // read by the sync
  // Both go into the Datadog query's `by {…}`; read by the sync, which fills ContainerUsage.teamTag and envTag.
  teamTagKey: datadogTagKey("team or kube_team").default("team"),
  envTagKey: datadogTagKey("env or environment").default("env"),
  namespaceTeams: z.record(z.string(), z.string().trim().min(1)).default({}),
  clusterEnvironments: z.record(z.string(), z.string().trim().min(1)).default({}),
  defaultPricing: instancePricingSchema.default(DEFAULT_INSTANCE_PRICING),
  clusterPricing: z.record(z.string(), instancePricingSchema).default({}),
  hpaOverrides: z.array(hpaOverrideSchema).default([]),
  hoursPerMonth: z.number().positive().default(730), // savings a month = hourly prices × 730 hours
  // The team review loop (lib/rightsizing/decisions.ts): a rejected row reopens when the recommendation moves
  // more than this from the one rejected (either request)…
  reopenChangePct: z.number().positive().max(1000).default(20),
  // …and an accepted row counts as applied when both current requests are within ± this of the recommendation.
  appliedTolerancePct: z.number().positive().max(100).default(10),
  // Severity by the larger relative change of the two requests (ours; documented in recommend.ts).
  severity: z
    .object({
      mediumPct: z.number().positive().default(20),
      highPct: z.number().positive().default(50),
    })
    .refine((s) => s.mediumPct < s.highPct, { message: "severity.mediumPct must be below severity.highPct" })
    .prefault({}),
});

export type RightsizingSettings = z.infer<typeof rightsizingSettingsSchema>;
export type RightsizingSettingsInput = z.input<typeof rightsizingSettingsSchema>;

export const defaultRightsizingSettings: RightsizingSettings = rightsizingSettingsSchema.parse({});

// Parses settings from any source; the error names every bad field and what to do.
export function parseRightsizingSettings(input: unknown): RightsizingSettings {
  const result = rightsizingSettingsSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw new Error(
    `Invalid rightsizing settings:\n${z.prettifyError(result.error)}\nFix these fields (or remove them to use the defaults) and save again.`,
  );
}
