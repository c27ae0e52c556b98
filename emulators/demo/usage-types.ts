// Usage types of the demo company: how each line item's daily cost splits into AWS usage types, and the rate that
// turns each part's cost into its UsageQuantity (quantity = cost / rate, so usage × rate = cost per usage type).
// The split keeps the line's exact amount (the last part takes the remainder), so every total stays as before.
//
// Names as AWS bills them (region prefix + usage type):
// - S3: "Understanding your AWS billing and usage reports for Amazon S3" (Amazon S3 User Guide,
//   aws-usage-report-understand): TimedStorage-ByteHrs (STANDARD, GB-Month), TimedStorage-GIR-ByteHrs (Glacier
//   Instant Retrieval, GB-Month), Requests-Tier1 (PUT/COPY/POST/LIST), Requests-Tier2 (GET and other),
//   Requests-GIR-Tier2 (GET on Glacier IR objects), Retrieval-GIR (GB retrieved from Glacier IR),
//   DataTransfer-Out-Bytes (GB to the internet). Region codes from the same page: no prefix (or USE1) for
//   us-east-1, USE2 for us-east-2, EU for eu-west-1.
// - RDS: RDS:ChargedBackupUsage (backup storage beyond the free allowance, GB-Mo) and, for Aurora,
//   Aurora:BackupUsage (RDS pricing page and the Aurora User Guide, "Understanding Amazon Aurora backup storage
//   usage"); instance hours InstanceUsage:<class> / Multi-AZUsage:<class>, storage RDS:GP3-Storage,
//   Aurora:StorageUsage, Aurora:StorageIOUsage.
// Rates are us-east-1 list prices (S3 and RDS pricing pages); the demo uses them in every region.
import type { ServiceId } from "./spend-catalog";

export type UsageTypeInfo = { usdPerUnit: number; unit: string };

/** USD per unit of each usage type (without region prefix). */
export const USAGE_TYPE_RATES: Record<string, UsageTypeInfo> = {
  // Amazon S3
  "TimedStorage-ByteHrs": { usdPerUnit: 0.023, unit: "GB-Mo" },
  "TimedStorage-GIR-ByteHrs": { usdPerUnit: 0.004, unit: "GB-Mo" },
  "Requests-Tier1": { usdPerUnit: 0.005 / 1000, unit: "Requests" },
  "Requests-Tier2": { usdPerUnit: 0.0004 / 1000, unit: "Requests" },
  "Requests-GIR-Tier2": { usdPerUnit: 0.01 / 1000, unit: "Requests" },
  "Retrieval-GIR": { usdPerUnit: 0.03, unit: "GB" },
  "DataTransfer-Out-Bytes": { usdPerUnit: 0.09, unit: "GB" },
  // Amazon RDS (MySQL/PostgreSQL) and Aurora
  "InstanceUsage:db.r6g.large": { usdPerUnit: 0.225, unit: "Hrs" },
  "Multi-AZUsage:db.r6g.large": { usdPerUnit: 0.45, unit: "Hrs" },
  "RDS:GP3-Storage": { usdPerUnit: 0.115, unit: "GB-Mo" },
  "RDS:ChargedBackupUsage": { usdPerUnit: 0.095, unit: "GB-Mo" },
  "InstanceUsage:db.r6g.xlarge": { usdPerUnit: 0.519, unit: "Hrs" },
  "Aurora:StorageUsage": { usdPerUnit: 0.1, unit: "GB-Mo" },
  "Aurora:StorageIOUsage": { usdPerUnit: 0.2 / 1_000_000, unit: "IOs" },
  "Aurora:BackupUsage": { usdPerUnit: 0.021, unit: "GB-Mo" },
};

/** One usage type per other service: the demo only needs S3's and RDS's in detail. */
const OTHER_SERVICES: Partial<Record<ServiceId, string>> = {
  ec2: "BoxUsage:m6i.xlarge",
  ec2Other: "EBS:VolumeUsage.gp3",
  eks: "AmazonEKS-Hours:perCluster",
  lambda: "Lambda-GB-Second",
  cloudFront: "DataTransfer-Out-Bytes",
  dynamoDb: "TimedStorage-ByteHrs",
  elastiCache: "NodeUsage:cache.r6g.large",
  openSearch: "ESInstance:r6g.large.search",
  sqs: "Requests-RBP",
  cloudWatch: "CW:MetricMonitorUsage",
  vpc: "NatGateway-Hours",
  kms: "KMS-Requests",
  elb: "LoadBalancerUsage",
  savingsPlan: "ComputeSP:1yrNoUpfront",
};
/** Tax and credits carry no usage type; Cost Explorer groups them under this value. */
export const NO_USAGE_TYPE = "NoUsageType";

// How a project uses S3 (shares of its S3 cost). Cold: mostly stored, seldom read — a Glacier IR candidate.
// Hot: read all the time — GETs cost 25× as much on Glacier IR, so moving would cost money.
const S3_PROFILES = {
  cold: {
    "TimedStorage-ByteHrs": 0.95,
    "Requests-Tier1": 0.02,
    "Requests-Tier2": 0.002,
    "DataTransfer-Out-Bytes": 0.028,
  },
  mixed: {
    "TimedStorage-ByteHrs": 0.78,
    "Requests-Tier1": 0.06,
    "Requests-Tier2": 0.01,
    "DataTransfer-Out-Bytes": 0.15,
  },
  hot: { "TimedStorage-ByteHrs": 0.3, "Requests-Tier1": 0.15, "Requests-Tier2": 0.3, "DataTransfer-Out-Bytes": 0.25 },
  // After a lifecycle move: most bytes in Glacier IR, the newest still in Standard.
  glacierIr: {
    "TimedStorage-GIR-ByteHrs": 0.62,
    "TimedStorage-ByteHrs": 0.1,
    "Requests-GIR-Tier2": 0.08,
    "Retrieval-GIR": 0.12,
    "Requests-Tier1": 0.03,
    "DataTransfer-Out-Bytes": 0.05,
  },
} satisfies Record<string, Record<string, number>>;

// How a project uses RDS. Long retention: backups kept 30–35 days (and manual snapshots never deleted).
const RDS_PROFILES = {
  standard: { "InstanceUsage:db.r6g.large": 0.7, "RDS:GP3-Storage": 0.25, "RDS:ChargedBackupUsage": 0.05 },
  longRetention: { "InstanceUsage:db.r6g.large": 0.55, "RDS:GP3-Storage": 0.2, "RDS:ChargedBackupUsage": 0.25 },
  aurora: {
    "InstanceUsage:db.r6g.xlarge": 0.62,
    "Aurora:StorageUsage": 0.2,
    "Aurora:StorageIOUsage": 0.08,
    "Aurora:BackupUsage": 0.1,
  },
  auroraLongRetention: {
    "InstanceUsage:db.r6g.xlarge": 0.5,
    "Aurora:StorageUsage": 0.16,
    "Aurora:StorageIOUsage": 0.06,
    "Aurora:BackupUsage": 0.28,
  },
} satisfies Record<string, Record<string, number>>;

const S3_OF_PROJECT: Record<string, keyof typeof S3_PROFILES> = {
  "data-lake": "cold",
  warehouse: "cold",
  "audit-logs": "cold",
  siem: "cold",
  observability: "cold",
  "legacy-monitoring": "cold",
  "checkout-web": "hot",
  "marketing-site": "hot",
  "video-cdn": "hot",
  "edge-gateway": "hot",
  "knowledge-base": "hot",
  "media-library": "hot",
  transcoder: "hot",
  "ml-training": "hot",
  "video-recordings": "cold", // until its move to Glacier IR (SAVINGS.recordingsToGlacier)
};
const RDS_OF_PROJECT: Record<string, keyof typeof RDS_PROFILES> = {
  ledger: "longRetention",
  "analytics-api": "longRetention",
  invoicing: "longRetention",
  warehouse: "auroraLongRetention",
  "data-lake": "aurora",
};
/** Region per department; the rest runs in us-east-1 (no prefix). */
const REGION_PREFIX_OF_DEPARTMENT: Record<string, string> = { data: "USE2-", security: "EU-" };

export type UsagePart = { usageType: string; share: number };
/** From `fromDay` on (until the next phase), the line's cost splits into these parts. */
export type UsagePhase = { fromDay: number; parts: UsagePart[] };

const toParts = (prefix: string, shares: Record<string, number>): UsagePart[] =>
  Object.entries(shares).map(([usageType, share]) => ({ usageType: prefix + usageType, share }));

/** The usage phases of one line item of `project` (its catalogue name) and `service`. */
export function listUsagePhases(opts: {
  project: string;
  department: string;
  service: ServiceId;
  /** When the project moved its cold data to Glacier IR (video-recordings), else undefined. */
  glacierMoveDay?: number;
}): UsagePhase[] {
  const prefix = REGION_PREFIX_OF_DEPARTMENT[opts.department] ?? "";
  if (opts.service === "s3") {
    const phases = [
      { fromDay: -Infinity, parts: toParts(prefix, S3_PROFILES[S3_OF_PROJECT[opts.project] ?? "mixed"]) },
    ];
    if (opts.glacierMoveDay !== undefined)
      phases.push({ fromDay: opts.glacierMoveDay, parts: toParts(prefix, S3_PROFILES.glacierIr) });
    return phases;
  }
  if (opts.service === "rds")
    return [{ fromDay: -Infinity, parts: toParts(prefix, RDS_PROFILES[RDS_OF_PROJECT[opts.project] ?? "standard"]) }];
  const usageType = OTHER_SERVICES[opts.service];
  return [{ fromDay: -Infinity, parts: [{ usageType: usageType ? prefix + usageType : NO_USAGE_TYPE, share: 1 }] }];
}

/** The parts in force on `day`. */
export function usagePartsOn(phases: UsagePhase[], day: number): UsagePart[] {
  let parts = phases[0]?.parts ?? [];
  for (const phase of phases) if (day >= phase.fromDay) parts = phase.parts;
  return parts;
}

// AWS Region billing codes a usage type may start with ("USE2-…"); us-east-1 usually has none.
const REGION_CODES =
  /^(USE1|USE2|USW1|USW2|EU|EUC1|EUC2|EUN1|EUS1|EUS2|EUW2|EUW3|APE1|APN1|APN2|APN3|APS1|APS2|APS3|APS4|APS5|CAN1|CAN2|CPT|MES1|MEC1|SAE1|UGW1|UGE1|AFS1|ILC1)-/;

/** "USE2-TimedStorage-ByteHrs" → "TimedStorage-ByteHrs"; "KMS-Requests" stays (KMS is not a region). */
export function stripRegionPrefix(usageType: string): string {
  return usageType.replace(REGION_CODES, "");
}

/**
 * Integer 1e-8 USD `units` split by `parts`' shares: each part floor(units × share), the last the remainder,
 * so the parts add up to `units` exactly.
 */
export function splitUnits(units: number, parts: UsagePart[]): number[] {
  let left = units;
  return parts.map((part, i) => {
    if (i === parts.length - 1) return left;
    const amount = Math.floor(units * part.share);
    left -= amount;
    return amount;
  });
}

/** Units of usage per USD for a usage type (0 when it has no quantity, like tax). */
export function unitsPerUsdOf(usageType: string, serviceUnitsPerUsd: number): number {
  const info = USAGE_TYPE_RATES[stripRegionPrefix(usageType)];
  if (info) return 1 / info.usdPerUnit;
  return usageType === NO_USAGE_TYPE ? 0 : serviceUnitsPerUsd;
}
