// Which synced usage types the opportunities read, matched on the part after the region prefix ("USE2-…"; none in
// us-east-1). Names from AWS's documentation: the Amazon S3 User Guide, "Understanding your AWS billing and usage
// reports for Amazon S3" (TimedStorage-ByteHrs = S3 Standard storage in GB-months; Requests-Tier2 = GET and all
// other non-Tier1 requests; Requests-Tier1 = PUT, COPY, POST, LIST; TimedStorage-GIR-ByteHrs, Requests-GIR-Tier2,
// Retrieval-GIR = Glacier Instant Retrieval), and the RDS / Aurora backup pages (RDS:ChargedBackupUsage = backup
// storage beyond the free allowance, which automated backups and manual snapshots share; Aurora:BackupUsage).
export const S3_SERVICE = "Amazon Simple Storage Service";
export const RDS_SERVICE = "Amazon Relational Database Service";

// AWS Region billing codes (AWS Regions and Availability Zones User Guide, "AWS Region billing codes").
const REGION_PREFIX =
  /^(USE1|USE2|USW1|USW2|EU|EUC1|EUC2|EUN1|EUS1|EUS2|EUW2|EUW3|APE1|APN1|APN2|APN3|APS1|APS2|APS3|APS4|APS5|CAN1|CAN2|CPT|MES1|MEC1|SAE1|UGW1|UGE1|AFS1|ILC1)-/;

/** "USE2-TimedStorage-ByteHrs" → "TimedStorage-ByteHrs"; a name without a region code stays as it is. */
export function stripRegionPrefix(usageType: string): string {
  return usageType.replace(REGION_PREFIX, "");
}

export type UsageRole =
  | { kind: "s3-standard-storage" | "s3-get" | "s3-put" | "s3-glacier-ir"; usageType: string }
  | { kind: "rds-backup"; usageType: string }
  | { kind: "other"; usageType: string };

/** What a usage type of S3 or RDS is for the opportunities; null for another service. */
export function classifyUsageType(service: string, usageType: string): UsageRole | null {
  const name = stripRegionPrefix(usageType);
  if (service === S3_SERVICE) {
    if (name === "TimedStorage-ByteHrs") return { kind: "s3-standard-storage", usageType: name };
    if (name === "Requests-Tier2") return { kind: "s3-get", usageType: name };
    if (name === "Requests-Tier1") return { kind: "s3-put", usageType: name };
    if (/^(TimedStorage-GIR-ByteHrs|Requests-GIR-Tier[12]|Retrieval-GIR)$/.test(name))
      return { kind: "s3-glacier-ir", usageType: name };
    return { kind: "other", usageType: name };
  }
  if (service === RDS_SERVICE) {
    // RDS:ChargedBackupUsage (and engine variants such as RDSCustom:ChargedBackupUsage), Aurora:BackupUsage.
    if (/ChargedBackupUsage$/.test(name) || name === "Aurora:BackupUsage")
      return { kind: "rds-backup", usageType: name };
    return { kind: "other", usageType: name };
  }
  return null;
}
