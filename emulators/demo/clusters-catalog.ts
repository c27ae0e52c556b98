// The demo company's Kubernetes estate: clusters, teams, namespaces, the hand-written scenario workloads
// (stable names the tests and the demo talk about) and the seeded filler that makes up the rest.
import { createRandom, seedOf } from "./clusters-usage";

export type DemoEnvironment = "production" | "staging" | "development";
export type WorkloadKind = "Deployment" | "StatefulSet" | "DaemonSet" | "CronJob";
/** How the main container behaves against its requests. */
export type WorkloadProfile =
  "over-provisioned" | "right-sized" | "under-provisioned" | "oom" | "idle" | "hpa" | "batch" | "agent";
export type SidecarName = "istio-proxy" | "log-shipper" | "metrics-exporter";

export type DemoCluster = { name: string; environment: DemoEnvironment; nodeCount: number };

export const CLUSTERS: readonly DemoCluster[] = [
  { name: "prod-us-east-1", environment: "production", nodeCount: 8 },
  { name: "staging-us-east-1", environment: "staging", nodeCount: 4 },
  { name: "dev-us-east-1", environment: "development", nodeCount: 3 },
];

export const TEAMS = ["platform", "payments", "video", "data", "growth", "security", "support"] as const;
export type Team = (typeof TEAMS)[number];

/** Teams that applied the non-production rightsizing ~2 months ago; the others still over-request. */
export const TEAMS_RIGHTSIZED_BEFORE = new Set<string>(["platform", "payments", "data"]);

/** Namespace → owning team, for every namespace that exists in the demo (the fallback when `team` is missing). */
export const NAMESPACE_TEAMS: Readonly<Record<string, Team>> = Object.fromEntries([
  ...TEAMS.flatMap((team) => [[team, team] as const, [`${team}-jobs`, team] as const]),
  ["monitoring", "platform"],
]);

/** Everything needed to build one workload; omitted fields take the cluster's defaults. */
export type WorkloadSpec = {
  cluster: string;
  namespace: string;
  name: string;
  kind: WorkloadKind;
  team: Team;
  profile: WorkloadProfile;
  replicas: number;
  /** `undefined`: the cluster's usual value; `null`: tag missing on the series. */
  envTag?: string | null;
  teamTag?: string | null;
  /** Created this many days before `now` (a young workload); omitted: created long ago. */
  ageDays?: number;
  /** In-window rollouts, in days before `now` (each one renames a Deployment's pods). */
  rolloutDaysAgo?: number[];
  sidecars: SidecarName[];
  /** The log-shipper sidecar runs without requests or limits. */
  sidecarWithoutRequests?: boolean;
  /** Main container name; defaults to the workload name. */
  container?: string;
  hpa?: { minReplicas: number; maxReplicas: number; targetCpuUtilization: number };
};

const MESH: SidecarName[] = ["istio-proxy"];

/** Hand-written workloads: each carries at least one scenario the rightsizing rules must handle. */
export const SCENARIO_WORKLOADS: readonly WorkloadSpec[] = [
  // prod-us-east-1
  {
    cluster: "prod-us-east-1",
    namespace: "payments",
    name: "checkout-api",
    kind: "Deployment",
    team: "payments",
    profile: "hpa",
    replicas: 3,
    sidecars: MESH,
    hpa: { minReplicas: 3, maxReplicas: 12, targetCpuUtilization: 70 },
  },
  {
    cluster: "prod-us-east-1",
    namespace: "payments",
    name: "ledger-db",
    kind: "StatefulSet",
    team: "payments",
    profile: "over-provisioned",
    replicas: 3,
    sidecars: ["metrics-exporter"],
    container: "postgres",
  },
  {
    cluster: "prod-us-east-1",
    namespace: "video-jobs",
    name: "transcode-worker",
    kind: "Deployment",
    team: "video",
    profile: "oom",
    replicas: 4,
    sidecars: ["log-shipper"],
    rolloutDaysAgo: [9],
  },
  {
    cluster: "prod-us-east-1",
    namespace: "growth",
    name: "recommendations-api",
    kind: "Deployment",
    team: "growth",
    profile: "under-provisioned",
    replicas: 3,
    sidecars: MESH,
  },
  {
    cluster: "prod-us-east-1",
    namespace: "platform",
    name: "ingress-gateway",
    kind: "Deployment",
    team: "platform",
    profile: "over-provisioned",
    replicas: 6,
    sidecars: MESH,
    rolloutDaysAgo: [20, 6],
  },
  {
    cluster: "prod-us-east-1",
    namespace: "monitoring",
    name: "log-collector",
    kind: "DaemonSet",
    team: "platform",
    profile: "agent",
    replicas: 1,
    sidecars: [],
    teamTag: null,
  },
  {
    cluster: "prod-us-east-1",
    namespace: "data-jobs",
    name: "nightly-export",
    kind: "CronJob",
    team: "data",
    profile: "batch",
    replicas: 1,
    sidecars: [],
  },
  {
    cluster: "prod-us-east-1",
    namespace: "security",
    name: "audit-log-api",
    kind: "Deployment",
    team: "security",
    profile: "over-provisioned",
    replicas: 2,
    sidecars: MESH,
    ageDays: 3,
  },
  {
    cluster: "prod-us-east-1",
    namespace: "support",
    name: "helpdesk-api",
    kind: "Deployment",
    team: "support",
    profile: "over-provisioned",
    replicas: 2,
    sidecars: MESH,
    envTag: "prod",
  },
  {
    cluster: "prod-us-east-1",
    namespace: "payments",
    name: "fraud-scoring-api",
    kind: "Deployment",
    team: "payments",
    profile: "over-provisioned",
    replicas: 3,
    sidecars: MESH,
    envTag: null,
  },
  // staging-us-east-1
  {
    cluster: "staging-us-east-1",
    namespace: "support",
    name: "helpdesk-web",
    kind: "Deployment",
    team: "support",
    profile: "idle",
    replicas: 1,
    sidecars: MESH,
    envTag: null,
  },
  {
    cluster: "staging-us-east-1",
    namespace: "growth",
    name: "promo-codes-api",
    kind: "Deployment",
    team: "growth",
    profile: "idle",
    replicas: 2,
    sidecars: MESH,
    envTag: "stg",
  },
  {
    cluster: "staging-us-east-1",
    namespace: "payments",
    name: "refunds-api",
    kind: "Deployment",
    team: "payments",
    profile: "idle",
    replicas: 1,
    sidecars: MESH,
  },
  {
    cluster: "staging-us-east-1",
    namespace: "video",
    name: "clip-editor-web",
    kind: "Deployment",
    team: "video",
    profile: "idle",
    replicas: 1,
    sidecars: ["log-shipper"],
    sidecarWithoutRequests: true,
  },
  {
    cluster: "staging-us-east-1",
    namespace: "security",
    name: "vuln-scanner",
    kind: "Deployment",
    team: "security",
    profile: "idle",
    replicas: 1,
    sidecars: [],
    ageDays: 2,
  },
  {
    cluster: "staging-us-east-1",
    namespace: "growth-jobs",
    name: "email-campaigns-worker",
    kind: "Deployment",
    team: "growth",
    profile: "oom",
    replicas: 1,
    sidecars: [],
  },
  {
    cluster: "staging-us-east-1",
    namespace: "data",
    name: "feature-store",
    kind: "StatefulSet",
    team: "data",
    profile: "idle",
    replicas: 2,
    sidecars: [],
    teamTag: null,
  },
  {
    cluster: "staging-us-east-1",
    namespace: "monitoring",
    name: "log-collector",
    kind: "DaemonSet",
    team: "platform",
    profile: "agent",
    replicas: 1,
    sidecars: [],
    teamTag: null,
  },
  // dev-us-east-1
  {
    cluster: "dev-us-east-1",
    namespace: "data",
    name: "notebook-server",
    kind: "StatefulSet",
    team: "data",
    profile: "under-provisioned",
    replicas: 1,
    sidecars: [],
  },
  {
    cluster: "dev-us-east-1",
    namespace: "video",
    name: "preview-web",
    kind: "Deployment",
    team: "video",
    profile: "idle",
    replicas: 1,
    sidecars: MESH,
    envTag: "dev",
  },
  {
    cluster: "dev-us-east-1",
    namespace: "support",
    name: "chat-widget-api",
    kind: "Deployment",
    team: "support",
    profile: "idle",
    replicas: 1,
    sidecars: MESH,
    ageDays: 1,
  },
  {
    cluster: "dev-us-east-1",
    namespace: "payments",
    name: "card-vault-api",
    kind: "Deployment",
    team: "payments",
    profile: "idle",
    replicas: 1,
    sidecars: MESH,
  },
  {
    cluster: "dev-us-east-1",
    namespace: "growth",
    name: "search-api",
    kind: "Deployment",
    team: "growth",
    profile: "idle",
    replicas: 1,
    sidecars: MESH,
    envTag: null,
    rolloutDaysAgo: [4],
  },
  {
    cluster: "dev-us-east-1",
    namespace: "monitoring",
    name: "log-collector",
    kind: "DaemonSet",
    team: "platform",
    profile: "agent",
    replicas: 1,
    sidecars: [],
    teamTag: null,
  },
];

const NOUNS: Readonly<Record<Team, readonly string[]>> = {
  platform: [
    "service-registry",
    "config-server",
    "auth-proxy",
    "feature-flags",
    "secrets-sync",
    "dns-controller",
    "cert-manager",
    "build-cache",
    "artifact-store",
    "status-page",
    "rate-limiter",
    "edge-router",
    "mesh-controller",
    "job-scheduler",
    "cost-exporter",
  ],
  payments: [
    "checkout",
    "ledger",
    "refunds",
    "invoicing",
    "payouts",
    "fraud-scoring",
    "card-vault",
    "billing",
    "tax-calculator",
    "currency-rates",
    "subscriptions",
    "dunning",
    "reconciliation",
    "payment-links",
    "wallet",
  ],
  video: [
    "transcode",
    "thumbnailer",
    "player-manifest",
    "recordings",
    "live-ingest",
    "captions",
    "drm-license",
    "media-catalog",
    "cdn-purge",
    "upload",
    "stream-analytics",
    "clip-editor",
    "encoder-queue",
    "waveform",
    "preview",
  ],
  data: [
    "events-collector",
    "etl",
    "warehouse-loader",
    "feature-store",
    "metrics-rollup",
    "schema-registry",
    "notebook",
    "query-gateway",
    "lineage",
    "dbt-runner",
    "kafka-connect",
    "cdc-reader",
    "export",
    "segment-sync",
    "data-quality",
  ],
  growth: [
    "recommendations",
    "ab-testing",
    "email-campaigns",
    "referrals",
    "onboarding",
    "notifications",
    "search",
    "landing-pages",
    "seo-renderer",
    "personalization",
    "promo-codes",
    "lifecycle",
    "attribution",
    "push-sender",
    "surveys",
  ],
  security: [
    "vuln-scanner",
    "audit-log",
    "sso-bridge",
    "policy-engine",
    "secrets-rotation",
    "waf-rules",
    "siem-forwarder",
    "access-review",
    "key-management",
    "threat-intel",
    "dlp-scanner",
    "session-guard",
    "compliance-reports",
    "ip-reputation",
    "sandbox",
  ],
  support: [
    "helpdesk",
    "chat-widget",
    "knowledge-base",
    "ticket-router",
    "sla-tracker",
    "csat-surveys",
    "macros",
    "voice-gateway",
    "status-notifier",
    "translation",
    "agent-console",
    "escalations",
    "feedback",
    "crm-sync",
    "case-search",
  ],
};
const SERVICE_ROLES = ["api", "web", "gateway", "cache"] as const;
const JOB_ROLES = ["worker", "consumer", "scheduler", "sync"] as const;
const TEAM_WEIGHTS: Readonly<Record<Team, number>> = {
  platform: 3,
  payments: 3,
  video: 3,
  data: 3,
  growth: 2,
  security: 1,
  support: 1,
};

/** Share of the filler per cluster; with the scenario workloads there are 150 × size workloads in all. */
const FILLER_SHARE: Readonly<Record<DemoEnvironment, number>> = {
  production: 52 / 126,
  staging: 42 / 126,
  development: 32 / 126,
};
export const WORKLOADS_PER_SIZE = 150;

type Weighted<T> = readonly (readonly [T, number])[];
function pick<T>(random: () => number, options: Weighted<T>): T {
  const total = options.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, weight] of options) {
    r -= weight;
    if (r < 0) return value;
  }
  return options[options.length - 1]![0];
}

const PROFILE_MIX: Readonly<Record<DemoEnvironment, Weighted<WorkloadProfile>>> = {
  production: [
    ["over-provisioned", 62],
    ["right-sized", 24],
    ["under-provisioned", 5],
    ["oom", 3],
    ["idle", 6],
  ],
  staging: [
    ["idle", 55],
    ["over-provisioned", 25],
    ["right-sized", 12],
    ["under-provisioned", 5],
    ["oom", 3],
  ],
  development: [
    ["idle", 65],
    ["over-provisioned", 15],
    ["right-sized", 12],
    ["under-provisioned", 5],
    ["oom", 3],
  ],
};
const REPLICAS: Readonly<Record<DemoEnvironment, readonly number[]>> = {
  production: [1, 2, 2, 3, 3, 3, 4, 4, 6, 8],
  staging: [1, 1, 1, 2],
  development: [1],
};
const ENV_VARIANTS: Readonly<Record<DemoEnvironment, Weighted<string | null>>> = {
  production: [
    ["production", 77],
    ["prod", 15],
    [null, 8],
  ],
  staging: [
    ["staging", 92],
    [null, 8],
  ],
  development: [
    ["development", 62],
    ["dev", 30],
    [null, 8],
  ],
};

/** Seeded filler workloads for every cluster, `size` times the normal count. */
export function listFillerSpecs(size: number, seed: number): WorkloadSpec[] {
  const specs: WorkloadSpec[] = [];
  const taken = new Set(SCENARIO_WORKLOADS.map((w) => `${w.cluster}/${w.name}`));
  for (const cluster of CLUSTERS) {
    const random = createRandom(seed ^ seedOf(cluster.name));
    const count = Math.round(
      (WORKLOADS_PER_SIZE * size - SCENARIO_WORKLOADS.length) * FILLER_SHARE[cluster.environment],
    );
    const teams: Weighted<Team> = TEAMS.map((t) => [t, TEAM_WEIGHTS[t]] as const);
    for (let i = 0; i < count; i++) {
      const team = pick(random, teams);
      const isJob = random() < 0.3;
      const roles = isJob ? JOB_ROLES : SERVICE_ROLES;
      const nouns = NOUNS[team];
      let name = "";
      for (let attempt = 0; attempt < 50 && (name === "" || taken.has(`${cluster.name}/${name}`)); attempt++) {
        name = `${nouns[Math.floor(random() * nouns.length)]}-${roles[Math.floor(random() * roles.length)]}`;
      }
      if (taken.has(`${cluster.name}/${name}`)) name = `${name}-${i}`;
      taken.add(`${cluster.name}/${name}`);
      const kind = name.endsWith("-cache") || random() < 0.06 ? "StatefulSet" : "Deployment";
      const sidecars: SidecarName[] = [];
      if (!isJob && random() < 0.92) sidecars.push("istio-proxy");
      if (random() < (isJob ? 0.5 : 0.12)) sidecars.push("log-shipper");
      if (kind === "StatefulSet" && random() < 0.5) sidecars.push("metrics-exporter");
      const replicaChoices = REPLICAS[cluster.environment];
      const rolloutRoll = random();
      const rolloutDaysAgo =
        kind !== "Deployment"
          ? []
          : rolloutRoll < 0.1
            ? [2 + random() * 12, 15 + random() * 14]
            : rolloutRoll < 0.45
              ? [1 + random() * 28]
              : [];
      specs.push({
        cluster: cluster.name,
        namespace: isJob ? `${team}-jobs` : team,
        name,
        kind,
        team,
        profile: pick(random, PROFILE_MIX[cluster.environment]),
        replicas: replicaChoices[Math.floor(random() * replicaChoices.length)] ?? 1,
        envTag: pick(random, ENV_VARIANTS[cluster.environment]),
        teamTag: random() < 0.07 ? null : team,
        ageDays: random() < 0.03 ? 0.5 + random() * 4.5 : undefined,
        rolloutDaysAgo,
        sidecars,
        sidecarWithoutRequests: sidecars.includes("log-shipper") && random() < 0.25,
      });
    }
  }
  return specs;
}

/** The `env` tag a cluster's workloads carry when the spec says nothing. */
export function getDefaultEnvTag(environment: DemoEnvironment): string {
  return environment;
}
