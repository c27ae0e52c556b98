// Which stored dataset answers a view exactly: the sync stores only some combinations exactly, and a combination
// the data cannot answer exactly says so instead of guessing (ARCHITECTURE.md, Reports).

/** What a report can group and filter by. `category` is derived from `environment` through the tag settings. */
export const DIMENSIONS = ["department", "project", "environment", "service", "account", "category"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The dimensions stored as columns of cost_daily (account is the column account_id). */
export type StoredDimension = Exclude<Dimension, "category">;

export const DIMENSION_LABELS: Record<Dimension, string> = {
  department: "Department",
  project: "Project",
  environment: "Environment",
  service: "Service",
  account: "Linked account",
  category: "Customer-serving / R&D",
};

export const DIMENSION_PLURALS: Record<Dimension, string> = {
  department: "departments",
  project: "projects",
  environment: "environments",
  service: "services",
  account: "linked accounts",
  category: "categories",
};

export function toStoredDimension(dimension: Dimension): StoredDimension {
  return dimension === "category" ? "environment" : dimension;
}

export type Dataset = { name: string; dimensions: readonly StoredDimension[] };

/**
 * The exact combinations the Cost Explorer sync stores (prisma/migrations/…_cost), in the order reports
 * prefer them: the three tags together first, so department → project → environment drill-downs read
 * one dataset and add up to the cent; then each tag with service, each tag with account, service with account.
 */
export const DATASETS: readonly Dataset[] = [
  { name: "department,project,environment", dimensions: ["department", "project", "environment"] },
  { name: "department,service", dimensions: ["department", "service"] },
  { name: "project,service", dimensions: ["project", "service"] },
  { name: "environment,service", dimensions: ["environment", "service"] },
  { name: "department,account", dimensions: ["department", "account"] },
  { name: "project,account", dimensions: ["project", "account"] },
  { name: "environment,account", dimensions: ["environment", "account"] },
  { name: "service,account", dimensions: ["service", "account"] },
];

/** The stored dimensions a set of grouping and filter dimensions needs, deduplicated, in DIMENSIONS order. */
export function listNeededDimensions(dimensions: readonly Dimension[]): StoredDimension[] {
  const needed = new Set(dimensions.map(toStoredDimension));
  return DIMENSIONS.filter((d): d is StoredDimension => d !== "category" && needed.has(d));
}

/** The first dataset (in DATASETS order) whose dimensions cover every needed one; null when none does. */
export function chooseDataset(dimensions: readonly Dimension[]): Dataset | null {
  const needed = listNeededDimensions(dimensions);
  return DATASETS.find((dataset) => needed.every((d) => dataset.dimensions.includes(d))) ?? null;
}

/** Why no dataset answers these dimensions, in words a finance user can act on. */
export function toNotExactMessage(dimensions: readonly Dimension[]): string {
  const needed = listNeededDimensions(dimensions);
  return (
    `Spend by ${needed.join(" + ")} together is not stored exactly: Cost Explorer allows two groupings per request, ` +
    `so the sync stores department + project + environment together, each of them with service or with linked account, ` +
    `and service with linked account. Summing other combinations would be a guess, so this view is not shown.`
  );
}
