// The demo company's savings initiatives, the changes its bill shows (emulators/demo/spend-catalog.ts SAVINGS and
// PROJECTS endMonth): each change lands on the 1st of a month relative to `now`, so the ledger measures it on the
// synced bill. Called by the demo after its first sync; adds them only to an empty ledger, so a person's edits stay.
import type { Db } from "@/lib/db/types";
import { addMonths, startOfMonth, toDay } from "@/lib/dates";
import { parseInitiativeInput } from "@/lib/savings/initiative";
import { countInitiatives, createInitiative } from "@/lib/savings/initiatives-store";

const EC2 = "Amazon Elastic Compute Cloud - Compute";

const DEMO_INITIATIVES = [
  {
    monthsAgo: 7,
    name: "Load-test environment shut down",
    description:
      "The test-at-scale cluster ran around the clock; it now starts for a release test and is torn down after.",
    scope: { filters: { project: "load-test" } },
  },
  {
    monthsAgo: 6,
    name: "Abandoned monitoring cluster deleted",
    description:
      "The legacy monitoring search cluster had no readers since the move to the new stack; deleted with its volumes.",
    scope: { filters: { project: "legacy-monitoring" } },
  },
  {
    monthsAgo: 5,
    name: "Recordings moved to Glacier Instant Retrieval",
    description:
      "A lifecycle rule moves recordings older than 30 days from S3 Standard to Glacier IR: same access time, about 70% cheaper.",
    scope: { filters: { project: "video-recordings", service: "Amazon Simple Storage Service" } },
  },
  {
    monthsAgo: 4,
    name: "RDS snapshots: daily + weekly instead of every few hours",
    description:
      "Snapshots every few hours kept for days replaced by daily short-term and weekly long-term ones; databases sized down.",
    scope: { filters: { service: "Amazon Relational Database Service" } },
  },
  {
    monthsAgo: 2,
    name: "Non-production Kubernetes requests rightsized",
    description: "Idle non-production CPU requests down to 10m, memory to idle × 1.3; node groups moved to t3a.xlarge.",
    kind: "rightsizing",
    scope: { filters: { project: "k8s-platform", service: EC2 } },
  },
];

/** Adds the demo initiatives when there are none yet; returns how many it added. */
export async function seedDemoInitiatives(db: Db, now: Date): Promise<number> {
  if ((await countInitiatives(db)) > 0) return 0;
  const month = startOfMonth(toDay(now));
  for (const d of DEMO_INITIATIVES) {
    const parsed = parseInitiativeInput({ ...d, changeDate: addMonths(month, -d.monthsAgo) }, now);
    if (!parsed.ok) throw new Error(`Demo initiative "${d.name}" is invalid: ${JSON.stringify(parsed.errors)}`);
    await createInitiative(db, parsed.value, now);
  }
  return DEMO_INITIATIVES.length;
}
