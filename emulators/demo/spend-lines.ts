// Turns the catalog into line items: one per (project, environment, service) — plus untagged
// "orphan" parts — each with its tags, base amount, trend, weekly pattern and savings events.
import {
  ACCOUNT_OF,
  BAD_VALUES,
  KINDS,
  PROJECTS,
  SAVINGS,
  SERVICES,
  SPEND_SCALE,
  type Environment,
  type Project,
  type ServiceId,
} from "./spend-catalog";
import { firstOfMonth } from "./spend-days";
import { createRandom } from "./spend-random";
import { listUsagePhases, type UsagePhase } from "./usage-types";

export type Tags = { department: string; project: string; environment: string };

export type LineItem = {
  account: number;
  service: ServiceId;
  tags: Tags;
  usdPerDay: number;
  /** Continuous monthly growth factor (1.02 = +2 % a month), measured from `peakDay`. */
  growth: number;
  startDay: number;
  /** Exclusive; Infinity when the spend never stops. */
  endDay: number;
  weekendFactor: number;
  changes: { fromDay: number; factor: number }[];
  /** Production EC2 usage that the Compute Savings Plan may cover. */
  isPlanEligible: boolean;
  noiseId: number;
  /** How the day's cost splits into usage types (S3 and RDS in detail, one usage type elsewhere). */
  usage: UsagePhase[];
};

// Resources people forget to tag: share of the service's cost split off, and which tags it lacks.
const ORPHANS: Partial<Record<ServiceId, { share: number; drop: (keyof Tags)[] }>> = {
  ec2Other: { share: 0.15, drop: ["department", "project", "environment"] }, // unattached volumes, snapshots
  cloudWatch: { share: 0.15, drop: ["department", "project", "environment"] }, // log groups made by tools
  kms: { share: 0.2, drop: ["department", "project", "environment"] },
  s3: { share: 0.06, drop: ["environment"] }, // buckets tagged by hand with only the owner
};
// Besides, this share of line items lacks one tag entirely (hand-made resources), and which one.
const MISSING_TAG_SHARE = 0.04;
const MISSING_TAG_PICK: (keyof Tags)[] = [
  "environment",
  "environment",
  "environment",
  "environment",
  "environment",
  "project",
  "project",
  "project",
  "department",
  "department",
];

/** Line items for `size` copies of the company (copy 2 of "ledger" is "ledger-2"), peak eight months before now. */
export function listLineItems(options: { seed: number; size: number; nowDay: number }): LineItem[] {
  const random = createRandom(options.seed);
  const peakDay = firstOfMonth(options.nowDay, -8);
  const monthStart = (months: number) => firstOfMonth(options.nowDay, months);
  const items: LineItem[] = [];
  for (let copy = 0; copy < options.size; copy++) {
    for (const project of PROJECTS) {
      const name = copy === 0 ? project.name : `${project.name}-${copy + 1}`;
      const copyScale = copy === 0 ? 1 : 0.6 + 0.8 * random();
      const growth = 1.005 + 0.02 * random();
      const startDay = project.startMonth === undefined ? -Infinity : monthStart(project.startMonth);
      const endDay = project.endMonth === undefined ? Infinity : monthStart(project.endMonth);
      for (const [environment, usd] of Object.entries(project.daily) as [Environment, number][]) {
        for (const [service, share] of Object.entries(KINDS[project.kind]) as [ServiceId, number][]) {
          const tags = toTags(project, name, environment, service);
          const base: LineItem = {
            account: ACCOUNT_OF[environment],
            service,
            tags,
            usdPerDay: usd * share * copyScale * SPEND_SCALE,
            growth,
            startDay,
            endDay,
            weekendFactor: toWeekendFactor(environment, service),
            changes: listChanges(project, environment, service, monthStart),
            isPlanEligible: environment === "production" && service === "ec2",
            noiseId: 0,
            usage: listUsagePhases({
              project: project.name,
              department: project.department,
              service,
              ...(project.name === "video-recordings" && service === "s3"
                ? { glacierMoveDay: monthStart(SAVINGS.recordingsToGlacier.month) }
                : {}),
            }),
          };
          const hasBadValue = tags.department !== project.department || tags.environment !== environment;
          if (random() < MISSING_TAG_SHARE && !hasBadValue) {
            const missing = MISSING_TAG_PICK[Math.floor(random() * MISSING_TAG_PICK.length)] ?? "environment";
            base.tags = { ...tags, [missing]: "" };
          }
          const orphan = ORPHANS[service];
          if (!orphan) {
            items.push(base);
            continue;
          }
          const share2 = orphan.share * (0.5 + random());
          items.push({ ...base, usdPerDay: base.usdPerDay * (1 - share2) });
          const orphanTags = { ...tags };
          for (const key of orphan.drop) orphanTags[key] = "";
          items.push({ ...base, tags: orphanTags, usdPerDay: base.usdPerDay * share2, isPlanEligible: false });
        }
      }
    }
  }
  items.forEach((item, index) => {
    item.noiseId = index;
    if (item.startDay === -Infinity) item.startDay = peakDay - 100_000;
  });
  return items;
}

function toTags(project: Project, name: string, environment: Environment, service: ServiceId): Tags {
  const tags: Tags = { department: project.department, project: name, environment };
  for (const bad of BAD_VALUES) {
    if (bad.project !== project.name) continue;
    if (bad.environment && bad.environment !== environment) continue;
    if (bad.service && bad.service !== service) continue;
    tags[bad.tag] = bad.value;
  }
  return tags;
}

// People go home at weekends: development and staging idle more; storage and networking are flat.
function toWeekendFactor(environment: Environment, service: ServiceId): number {
  if (service === "s3" || service === "kms" || service === "vpc" || service === "eks") return 1;
  if (environment === "development") return 0.65;
  if (environment === "staging") return 0.8;
  if (environment === "shared") return 0.85;
  return 0.92;
}

function listChanges(
  project: Project,
  environment: Environment,
  service: ServiceId,
  monthStart: (m: number) => number,
) {
  const changes: LineItem["changes"] = [];
  if (project.name === "video-recordings" && service === "s3") {
    changes.push({
      fromDay: monthStart(SAVINGS.recordingsToGlacier.month),
      factor: SAVINGS.recordingsToGlacier.factor,
    });
  }
  if (service === "rds") {
    changes.push({ fromDay: monthStart(SAVINGS.rdsRetention.month), factor: SAVINGS.rdsRetention.factor });
  }
  if (
    project.name === "k8s-platform" &&
    service === "ec2" &&
    (environment === "staging" || environment === "development")
  ) {
    changes.push({ fromDay: monthStart(SAVINGS.clusterRightsizing.month), factor: SAVINGS.clusterRightsizing.factor });
  }
  return changes;
}

export const SERVICE_IDS = Object.keys(SERVICES) as ServiceId[];
