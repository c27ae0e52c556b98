// The sources this deployment has. runSync (lib/sync) runs any SyncSource it is given; this is the one place
// that turns the config into the vendors' sources, so the sync engine sits below them and never names a vendor.
import type { Config } from "@/lib/config";
import type { SyncSource } from "@/lib/sync/types";

export type SourceStatus = { name: string; label: string; enabled: boolean; reason: string };

/** Which sources this deployment has, on or off, and why (shown on /sync and /settings). */
export function listSourceStatuses(config: Config): SourceStatus[] {
  return [
    { name: "aws", label: "AWS Cost Explorer", enabled: config.aws.enabled, reason: config.aws.reason },
    { name: "datadog", label: "Datadog", enabled: config.datadog.enabled, reason: config.datadog.reason },
    {
      name: "commitments",
      label: "AWS Savings Plans and Reserved Instances",
      enabled: config.aws.enabled,
      reason: config.aws.enabled
        ? `on with AWS: refreshed when older than ${config.commitments.refreshDays} days`
        : config.aws.reason,
    },
  ];
}

/** The sync sources that are configured, optionally only one of them (--only). */
export async function listConfiguredSources(config: Config, only?: string): Promise<SyncSource[]> {
  const sources: SyncSource[] = [];
  // Imported on demand: a vendor's SDK loads only when its source is on.
  if (config.aws.enabled && (!only || only === "aws")) {
    const { createCostExplorerSource } = await import("@/lib/aws/source");
    sources.push(createCostExplorerSource(config));
  }
  if (config.datadog.enabled && (!only || only === "datadog")) {
    const { createDatadogSource } = await import("@/lib/datadog/source");
    sources.push(createDatadogSource(config.datadog, { timeoutMs: config.sync.requestTimeoutMs }));
  }
  // After the spend: reservations are asked for only for the services the bill shows.
  if (config.aws.enabled && (!only || only === "commitments")) {
    const { createCommitmentsSource } = await import("@/lib/aws/commitments-source");
    sources.push(createCommitmentsSource(config));
  }
  if (config.aws.enabled && (!only || only === "pricing")) {
    const { createPricingSource } = await import("@/lib/aws/pricing-source");
    sources.push(createPricingSource(config));
  }
  return only ? sources.filter((s) => s.name === only) : sources;
}
