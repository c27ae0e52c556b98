// The demo company's AWS estate: who runs what, where, and how much it costs per day before growth, noise and
// the savings events are applied. Its mis-tagged resources and savings are there for the demo to show.
import type { Account } from "./spend-table";

export const DEPARTMENTS = ["platform", "payments", "video", "data", "growth", "security", "finance", "support"];
export const ENVIRONMENTS = ["production", "staging", "development", "shared"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const ACCOUNTS: Account[] = [
  { id: "111111111111", name: "costwise-prod" },
  { id: "222222222222", name: "costwise-staging" },
  { id: "333333333333", name: "costwise-shared" },
];
/** Index into ACCOUNTS per environment: production → prod, staging/development → staging, shared → shared. */
export const ACCOUNT_OF: Record<Environment, number> = { production: 0, staging: 1, development: 1, shared: 2 };

// Real Cost Explorer SERVICE names. Usage units per USD only feed UsageQuantity (hours, GB-months, requests…).
export const SERVICES = {
  ec2: { name: "Amazon Elastic Compute Cloud - Compute", unitsPerUsd: 10 },
  ec2Other: { name: "EC2 - Other", unitsPerUsd: 12.5 },
  s3: { name: "Amazon Simple Storage Service", unitsPerUsd: 43.5 },
  rds: { name: "Amazon Relational Database Service", unitsPerUsd: 4 },
  eks: { name: "Amazon Elastic Kubernetes Service", unitsPerUsd: 10 },
  lambda: { name: "AWS Lambda", unitsPerUsd: 60_000 },
  cloudFront: { name: "Amazon CloudFront", unitsPerUsd: 11.8 },
  dynamoDb: { name: "Amazon DynamoDB", unitsPerUsd: 4_000 },
  elastiCache: { name: "Amazon ElastiCache", unitsPerUsd: 5.8 },
  openSearch: { name: "Amazon OpenSearch Service", unitsPerUsd: 3.2 },
  sqs: { name: "Amazon Simple Queue Service", unitsPerUsd: 2_500_000 },
  cloudWatch: { name: "AmazonCloudWatch", unitsPerUsd: 3.3 },
  vpc: { name: "Amazon Virtual Private Cloud", unitsPerUsd: 22 },
  kms: { name: "AWS Key Management Service", unitsPerUsd: 33_000 },
  elb: { name: "Amazon Elastic Load Balancing", unitsPerUsd: 44 },
  tax: { name: "Tax", unitsPerUsd: 0 },
  savingsPlan: { name: "Savings Plans for AWS Compute usage", unitsPerUsd: 0 },
} as const;
export type ServiceId = keyof typeof SERVICES;

/** Service mix per kind of project (shares of the project's daily spend). */
export const KINDS = {
  cluster: { ec2: 0.62, ec2Other: 0.14, eks: 0.04, elb: 0.05, cloudWatch: 0.06, vpc: 0.09 },
  api: {
    ec2: 0.25,
    rds: 0.35,
    elastiCache: 0.1,
    elb: 0.06,
    ec2Other: 0.07,
    cloudWatch: 0.06,
    sqs: 0.03,
    kms: 0.02,
    s3: 0.03,
    vpc: 0.03,
  },
  serverless: { lambda: 0.35, dynamoDb: 0.3, sqs: 0.08, cloudWatch: 0.1, kms: 0.04, s3: 0.08, cloudFront: 0.05 },
  data: { s3: 0.3, ec2: 0.3, ec2Other: 0.12, rds: 0.1, cloudWatch: 0.05, kms: 0.03, dynamoDb: 0.05, vpc: 0.05 },
  web: { cloudFront: 0.4, s3: 0.2, lambda: 0.15, elb: 0.1, cloudWatch: 0.05, ec2: 0.1 },
  storage: { s3: 0.85, cloudFront: 0.1, kms: 0.05 },
  search: { openSearch: 0.45, ec2: 0.2, ec2Other: 0.15, s3: 0.1, cloudWatch: 0.1 },
  compute: { ec2: 0.6, s3: 0.25, ec2Other: 0.1, cloudWatch: 0.05 },
  network: { vpc: 0.5, ec2Other: 0.35, elb: 0.1, cloudWatch: 0.05 },
} satisfies Record<string, Partial<Record<ServiceId, number>>>;
export type Kind = keyof typeof KINDS;

export type Project = {
  name: string;
  department: string;
  kind: Kind;
  /** USD per day per environment, eight months before `now` (the peak before the savings). */
  daily: Partial<Record<Environment, number>>;
  /** Whole months relative to the month of `now` when spend starts / stops (absent = whole window). */
  startMonth?: number;
  endMonth?: number;
};

export const PROJECTS: Project[] = [
  {
    name: "k8s-platform",
    department: "platform",
    kind: "cluster",
    daily: { production: 1900, staging: 700, development: 600 },
  },
  { name: "ci-runners", department: "platform", kind: "compute", daily: { shared: 450 } },
  {
    name: "networking",
    department: "platform",
    kind: "network",
    daily: { production: 500, staging: 120, development: 80 },
  },
  { name: "observability", department: "platform", kind: "search", daily: { shared: 420 } },
  { name: "legacy-monitoring", department: "platform", kind: "search", daily: { shared: 600 }, endMonth: -6 },
  { name: "load-test", department: "platform", kind: "cluster", daily: { staging: 800 }, endMonth: -7 },
  { name: "edge-gateway", department: "platform", kind: "web", daily: { production: 300 } },
  {
    name: "payments-api",
    department: "payments",
    kind: "api",
    daily: { production: 520, staging: 110, development: 60 },
  },
  { name: "ledger", department: "payments", kind: "api", daily: { production: 300, staging: 60 } },
  { name: "fraud-detection", department: "payments", kind: "compute", daily: { production: 260, development: 40 } },
  { name: "billing-service", department: "payments", kind: "serverless", daily: { production: 140, staging: 30 } },
  { name: "checkout-web", department: "payments", kind: "web", daily: { production: 120, staging: 20 } },
  { name: "video-recordings", department: "video", kind: "storage", daily: { production: 1050 } },
  {
    name: "transcoder",
    department: "video",
    kind: "compute",
    daily: { production: 420, staging: 60, development: 40 },
  },
  { name: "live-streaming", department: "video", kind: "api", daily: { production: 260, staging: 40 } },
  { name: "video-cdn", department: "video", kind: "web", daily: { production: 380 } },
  { name: "media-library", department: "video", kind: "serverless", daily: { production: 90, development: 20 } },
  { name: "data-lake", department: "data", kind: "data", daily: { production: 520, development: 60 } },
  { name: "warehouse", department: "data", kind: "data", daily: { production: 380 } },
  {
    name: "etl-pipelines",
    department: "data",
    kind: "serverless",
    daily: { production: 160, staging: 30, development: 30 },
  },
  { name: "ml-training", department: "data", kind: "compute", daily: { development: 280 } },
  { name: "analytics-api", department: "data", kind: "api", daily: { production: 150, staging: 30 } },
  { name: "marketing-site", department: "growth", kind: "web", daily: { production: 90 } },
  { name: "experiments", department: "growth", kind: "serverless", daily: { production: 60, development: 40 } },
  {
    name: "recommendations",
    department: "growth",
    kind: "compute",
    daily: { production: 220, staging: 40 },
    startMonth: -9,
  },
  { name: "notifications", department: "growth", kind: "serverless", daily: { production: 110, staging: 20 } },
  { name: "search", department: "growth", kind: "search", daily: { production: 240, staging: 40 } },
  { name: "siem", department: "security", kind: "search", daily: { shared: 380 } },
  { name: "vault", department: "security", kind: "api", daily: { production: 70, shared: 30 } },
  { name: "waf-rules", department: "security", kind: "web", daily: { production: 60 } },
  { name: "audit-logs", department: "security", kind: "storage", daily: { shared: 120 } },
  { name: "erp-integration", department: "finance", kind: "serverless", daily: { production: 40, staging: 10 } },
  { name: "cost-reports", department: "finance", kind: "serverless", daily: { shared: 15 } },
  { name: "invoicing", department: "finance", kind: "api", daily: { production: 80, staging: 20 } },
  { name: "helpdesk", department: "support", kind: "api", daily: { production: 90, staging: 20 } },
  { name: "knowledge-base", department: "support", kind: "web", daily: { production: 40 } },
  {
    name: "chat-bot",
    department: "support",
    kind: "serverless",
    daily: { production: 70, development: 20 },
    startMonth: -4,
  },
];

/** All daily amounts above are multiplied by this, to land the company at ~$300–350k a month. */
export const SPEND_SCALE = 0.8;

/** Savings that land in the data, in whole months relative to the month of `now`, for the savings page to find. */
export const SAVINGS = {
  /** video-recordings moved to Glacier Instant Retrieval: its S3 cost × 0.3 from this month on. */
  recordingsToGlacier: { month: -5, factor: 0.3 },
  /** RDS snapshot retention shortened and databases sized down: all RDS × 0.55. */
  rdsRetention: { month: -4, factor: 0.55 },
  /** Non-production clusters rightsized: EC2 compute of k8s-platform in staging/development × 0.5. */
  clusterRightsizing: { month: -2, factor: 0.5 },
};

/** Raw tag values outside the allowed lists, as hand-tagged resources carry them. */
export const BAD_VALUES: {
  project: string;
  environment?: Environment;
  service?: ServiceId;
  tag: "department" | "environment";
  value: string;
}[] = [
  { project: "payments-api", environment: "production", service: "rds", tag: "environment", value: "Prod" },
  { project: "marketing-site", environment: "production", tag: "environment", value: "prod" },
  { project: "analytics-api", environment: "production", service: "ec2", tag: "environment", value: "Production " },
  { project: "experiments", environment: "development", tag: "environment", value: "dev" },
  { project: "invoicing", tag: "department", value: "fin" },
  { project: "ci-runners", service: "ec2", tag: "department", value: "Platform" },
];

/** Compute Savings Plan: a fixed hourly commitment covering production EC2 usage at 72% of on-demand. */
export const SAVINGS_PLAN_USD_PER_DAY = 600;
/** Monthly promotional credit, posted on the 1st under EC2 in the prod account. */
export const CREDIT_USD_PER_MONTH = 4000;
/** Sales tax posted on the 1st of each month, per account (prod, staging, shared). */
export const TAX_USD_PER_MONTH = [2400, 600, 500];
