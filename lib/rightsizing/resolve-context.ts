// Who owns a container and where it runs: environment, team and HPA, each with where it came from.
import { UNTAGGED_LABEL } from "@/lib/labels";
import type { RightsizingSettings } from "@/lib/settings/rightsizing";
import type { ContainerUsage, ResolvedEnvironment, ResolvedHpa, ResolvedTeam } from "./types";

function normalize(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

// Environment from the environment tag (settings.envTagKey, `env` by default), else the cluster → environment mapping.
// Safety: only values on the explicit non-production list
// are non-production; `prod`, `prd`, a missing tag and any unknown value are production. Matching is
// trimmed and case-insensitive, so `Staging ` is staging and `Prod` is production.
export function resolveEnvironment(
  usage: Pick<ContainerUsage, "envTag" | "cluster">,
  settings: Pick<RightsizingSettings, "nonProductionEnvironments" | "productionEnvironments" | "clusterEnvironments">,
): ResolvedEnvironment {
  const fromTag = normalize(usage.envTag);
  const fromCluster = normalize(settings.clusterEnvironments[usage.cluster]);
  const value = fromTag ?? fromCluster;
  const source = fromTag ? "tag" : fromCluster ? "cluster" : "none";
  const key = value?.toLowerCase() ?? null;
  const isNonProduction = key !== null && settings.nonProductionEnvironments.includes(key);
  const isKnownProduction = key !== null && settings.productionEnvironments.includes(key);
  return {
    value,
    source,
    isProduction: !isNonProduction,
    // A missing value is unmapped too: the page lists it so someone adds the tag or the cluster mapping.
    isUnmapped: !isNonProduction && !isKnownProduction,
  };
}

// Team from the team tag, else the namespace → team mapping, else (untagged).
export function resolveTeam(
  usage: Pick<ContainerUsage, "teamTag" | "namespace">,
  settings: Pick<RightsizingSettings, "namespaceTeams">,
): ResolvedTeam {
  const fromTag = normalize(usage.teamTag);
  if (fromTag) return { value: fromTag, source: "tag" };
  const fromNamespace = normalize(settings.namespaceTeams[usage.namespace]);
  if (fromNamespace) return { value: fromNamespace, source: "namespace" };
  return { value: UNTAGGED_LABEL, source: "none" };
}

// HPA from the metrics, unless a per-workload override in settings forces it on or off.
export function resolveHpa(
  usage: Pick<ContainerUsage, "cluster" | "namespace" | "workloadKind" | "workload" | "hasHpa">,
  settings: Pick<RightsizingSettings, "hpaOverrides">,
): ResolvedHpa {
  const override = settings.hpaOverrides.find(
    (o) =>
      o.cluster === usage.cluster &&
      o.namespace === usage.namespace &&
      o.workload === usage.workload &&
      (o.workloadKind === undefined || o.workloadKind.toLowerCase() === usage.workloadKind.toLowerCase()),
  );
  if (override) return { isScaled: override.hasHpa, source: "override" };
  return { isScaled: usage.hasHpa, source: usage.hasHpa ? "metric" : "none" };
}
