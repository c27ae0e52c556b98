// Dollars of a recommendation: node price → unit prices → monthly savings per row.
import { roundToCents } from "@/lib/money";
import { BYTES_PER_GIB, MILLICORES_PER_VCPU } from "./quantities";
import type { InstancePricing, RightsizingSettings } from "@/lib/settings/rightsizing";
import type { ContainerUsage, Recommendation, Savings, UnitPrices } from "./types";

// Price split rule (the one OpenCost uses when it knows a node's total price but not its parts):
// keep the ratio of OpenCost's default unit prices (opencost/opencost configs/default.json, "based on
// GCP us-central1": CPU $0.031611 per core-hour, RAM $0.004237 per GiB-hour, so 1 vCPU weighs as much
// as ~7.46 GiB) and scale both so the node's vCPUs and GiB add up to exactly its hourly price.
// OpenCost pkg/costmodel/costmodel.go: ramMultiple = cpu × cpuToRAMRatio + ramGiB;
// ramPrice = nodePrice / ramMultiple; cpuPrice = ramPrice × cpuToRAMRatio. Kubecost documents the same
// normalisation ("the ratio between the input prices is held constant", architecture/node-pricing).
// Note: it is NOT a 1 vCPU : 1 GiB weighting. For t3a.xlarge ($0.1504/h, 4 vCPU, 16 GiB) this gives
// $0.0244769 per vCPU-hour and $0.0032808 per GiB-hour (CPU 65% of the node, memory 35%).
export const OPENCOST_DEFAULT_CPU_HOUR_USD = 0.031611;
export const OPENCOST_DEFAULT_RAM_GIB_HOUR_USD = 0.004237;
export const CPU_TO_GIB_PRICE_RATIO = OPENCOST_DEFAULT_CPU_HOUR_USD / OPENCOST_DEFAULT_RAM_GIB_HOUR_USD;

export function splitInstancePrice(pricing: InstancePricing, hoursPerMonth: number): UnitPrices {
  const base = { instanceType: pricing.instanceType, hoursPerMonth };
  // Explicit unit prices in settings win over the split.
  if (pricing.vcpuHourUsd !== undefined && pricing.gibHourUsd !== undefined) {
    return { ...base, vcpuHourUsd: pricing.vcpuHourUsd, gibHourUsd: pricing.gibHourUsd };
  }
  const gibEquivalents = pricing.vcpu * CPU_TO_GIB_PRICE_RATIO + pricing.memoryGib;
  const gibHourUsd = pricing.hourlyUsd / gibEquivalents;
  return { ...base, vcpuHourUsd: gibHourUsd * CPU_TO_GIB_PRICE_RATIO, gibHourUsd };
}

// Unit prices of a cluster's nodes: its own instance pricing, else the default (t3a.xlarge).
export function getUnitPrices(cluster: string, settings: RightsizingSettings): UnitPrices {
  const pricing = settings.clusterPricing[cluster] ?? settings.defaultPricing;
  return splitInstancePrice(pricing, settings.hoursPerMonth);
}

// Savings per month = change in requested vCPU and GiB × replicas × 730 h × unit prices.
// Computed in floating point for the row, then rounded ONCE to integer cents (half away from zero);
// every total is a sum of these integer cents, so rows add up exactly to team and grand totals.
// Positive = saved (requests go down), negative = added (a raise). A missing current request counts
// as 0. No recommendation (insufficient data) = no change = 0.
export function monthlySavings(rec: Recommendation, usage: ContainerUsage, prices: UnitPrices): Savings {
  if (rec.recommended === null) return { vcpuDelta: 0, gibDelta: 0, monthlyUsd: 0, monthlyCents: 0 };
  const cpuNow = rec.current.cpuRequest ?? 0;
  const memoryNow = rec.current.memoryRequest ?? 0;
  const vcpuDelta = (cpuNow - (rec.recommended.cpuRequest ?? 0)) / MILLICORES_PER_VCPU;
  const gibDelta = (memoryNow - (rec.recommended.memoryRequest ?? 0)) / BYTES_PER_GIB;
  const hourlyUsd = vcpuDelta * prices.vcpuHourUsd + gibDelta * prices.gibHourUsd;
  const monthlyUsd = hourlyUsd * usage.replicas * prices.hoursPerMonth;
  return { vcpuDelta, gibDelta, monthlyUsd, monthlyCents: roundToCents(monthlyUsd) };
}
