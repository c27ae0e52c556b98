// The usage-type requests of the Cost Explorer sync: Amazon S3 and Amazon RDS spend and UsageQuantity by usage type
// × the project tag and × the department tag, one DAILY request per service and tag over the refreshed range (pages
// followed), so they cost four requests plus their pages a run, whatever the number of projects or days. Pure.
import type { TagKeys } from "./query-plan";

/** Cost Explorer's SERVICE names of the two services whose usage types the storage opportunities read. */
export const USAGE_SERVICES = ["Amazon Simple Storage Service", "Amazon Relational Database Service"] as const;
export type UsageService = (typeof USAGE_SERVICES)[number];

export const USAGE_DATASETS = ["usage_type,project", "usage_type,department"] as const;
export type UsageDatasetName = (typeof USAGE_DATASETS)[number];

export type UsageRequest = {
  dataset: UsageDatasetName;
  service: UsageService;
  tag: "project" | "department";
  label: string;
};

const SHORT: Record<UsageService, string> = {
  "Amazon Simple Storage Service": "S3",
  "Amazon Relational Database Service": "RDS",
};

/**
 * Filtered to one service each: usage types such as DataTransfer-Out-Bytes exist in several services, so a
 * request over both could not say which service a row belongs to; per service, each reconciles to that service's
 * spend in the same run.
 */
export function listUsageRequests(): UsageRequest[] {
  return USAGE_SERVICES.flatMap((service) =>
    (["project", "department"] as const).map((tag): UsageRequest => ({
      dataset: `usage_type,${tag}`,
      service,
      tag,
      label: `usage type × ${tag}, ${SHORT[service]}`,
    })),
  );
}

export function toUsageGroupBy(request: UsageRequest, tagKeys: TagKeys) {
  return [
    { Type: "DIMENSION" as const, Key: "USAGE_TYPE" },
    { Type: "TAG" as const, Key: tagKeys[request.tag] },
  ];
}

export function toServiceFilter(request: UsageRequest) {
  return { Dimensions: { Key: "SERVICE" as const, Values: [request.service] } };
}
