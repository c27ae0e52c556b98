// Drill-down: department → its projects → their environments, and the services behind any one,
// only through views the stored data answers exactly; when a step is not exact, the nearest exact view
// that drops filters, said in words.
import { chooseDataset, DIMENSION_LABELS, DIMENSION_PLURALS, DIMENSIONS, type Dimension } from "./datasets";
import type { GroupKey } from "./group-keys";
import { listViewDimensions, type SpendView } from "./view";

export type ViewLink = { label: string; view: SpendView };

/** The next level after each dimension. */
const NEXT: Record<Dimension, Dimension> = {
  department: "project",
  project: "environment",
  environment: "service",
  service: "department",
  account: "department",
  category: "department",
};

const isExact = (view: SpendView) => chooseDataset(listViewDimensions(view)) !== null;
const lower = (d: Dimension) => DIMENSION_LABELS[d].toLowerCase();

function withFilters(view: SpendView, by: Dimension, filters: SpendView["filters"]): SpendView {
  return { ...view, by: [by], filters };
}

/**
 * Where a row leads: grouped by `to` (default: the next level), filtered on the row's values and the view's
 * filters; when that is not exact, on the row's values alone (the label names what was dropped); null
 * when even that is not exact.
 */
export function toDrillLink(view: SpendView, keys: GroupKey[], to?: Dimension): ViewLink | null {
  const last = keys[keys.length - 1];
  if (!last) return null;
  const target = to ?? NEXT[last.dimension];
  if (keys.some((k) => k.dimension === target)) return null;
  const rowFilters = Object.fromEntries(keys.map((k) => [k.dimension, k.filter])) as SpendView["filters"];
  const what = keys.map((k) => k.label).join(" · ");
  const full = withFilters(view, target, { ...view.filters, ...rowFilters });
  const plural = DIMENSION_PLURALS[target];
  const title = plural.charAt(0).toUpperCase() + plural.slice(1);
  if (isExact(full)) return { label: `${title} of ${what}`, view: full };
  const narrow = withFilters(view, target, rowFilters);
  if (!isExact(narrow)) return null;
  const dropped = DIMENSIONS.filter((d) => view.filters[d] !== undefined && rowFilters[d] === undefined);
  return { label: `${title} of ${what} (all ${dropped.map((d) => DIMENSION_PLURALS[d]).join(", ")})`, view: narrow };
}

/** Exact views close to one that is not: drop one filter, or keep one grouping. */
export function listExactAlternatives(view: SpendView): ViewLink[] {
  const links: ViewLink[] = [];
  for (const d of DIMENSIONS) {
    if (view.filters[d] === undefined) continue;
    const filters = { ...view.filters };
    delete filters[d];
    const candidate = { ...view, filters };
    if (isExact(candidate))
      links.push({ label: `Without the ${lower(d)} filter (${view.filters[d]})`, view: candidate });
  }
  if (view.by.length === 2) {
    for (const d of view.by) {
      const candidate = { ...view, by: [d] };
      if (isExact(candidate)) links.push({ label: `By ${lower(d)} only`, view: candidate });
    }
  }
  return links;
}

/** The filters a view has, each with the view that removes it (breadcrumb chips). */
export function listFilterChips(view: SpendView): { dimension: Dimension; value: string; without: SpendView }[] {
  return DIMENSIONS.flatMap((dimension) => {
    const value = view.filters[dimension];
    if (value === undefined) return [];
    const filters = { ...view.filters };
    delete filters[dimension];
    return [{ dimension, value, without: { ...view, filters } }];
  });
}
