import Link from "next/link";
import { FLAGS } from "@/lib/rightsizing";
import { CHANGES } from "@/lib/rightsizing/table-query";
import { FLAG_LABELS } from "./flags";
import styles from "./rightsizing.module.css";

type Values = {
  cluster?: string;
  environment?: string;
  flag?: string;
  change?: string;
  q?: string;
  sort?: string;
  dir?: string;
};

const CHANGE_LABELS: Record<(typeof CHANGES)[number], string> = {
  cut: "cuts",
  raise: "raises",
  none: "no change",
  "no-recommendation": "no recommendation",
};

/**
 * A plain GET form: the filters land in the URL, so a view can be shared and works without JavaScript.
 * The overview has cluster and environment; a team page adds flag, change and a name search.
 */
export function FilterForm({
  action,
  values,
  clusters,
  environments,
  hasRowFilters,
}: {
  action: string;
  values: Values;
  clusters: string[];
  environments: string[];
  hasRowFilters: boolean;
}) {
  const isFiltered = [values.cluster, values.environment, values.flag, values.change, values.q].some(
    (v) => v !== undefined,
  );
  return (
    <form className={styles.filters} method="get" action={action} aria-label="Filters">
      <label>
        Cluster
        <select name="cluster" defaultValue={values.cluster ?? ""}>
          <option value="">all clusters</option>
          {clusters.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label>
        Environment
        <select name="environment" defaultValue={values.environment?.toLowerCase() ?? ""}>
          <option value="">all environments</option>
          {environments.map((e) => (
            <option key={e} value={e}>
              {e}
            </option>
          ))}
        </select>
      </label>
      {hasRowFilters ? (
        <>
          <label>
            Flag
            <select name="flag" defaultValue={values.flag ?? ""}>
              <option value="">any</option>
              {FLAGS.map((f) => (
                <option key={f} value={f}>
                  {FLAG_LABELS[f].label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Change
            <select name="change" defaultValue={values.change ?? ""}>
              <option value="">any</option>
              {CHANGES.map((c) => (
                <option key={c} value={c}>
                  {CHANGE_LABELS[c]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Search
            <input type="search" name="q" defaultValue={values.q ?? ""} placeholder="namespace, workload, container" />
          </label>
          {values.sort ? <input type="hidden" name="sort" value={values.sort} /> : null}
          {values.dir ? <input type="hidden" name="dir" value={values.dir} /> : null}
        </>
      ) : null}
      <button className="button secondary" type="submit">
        Apply
      </button>
      {isFiltered ? <Link href={action}>Clear filters</Link> : null}
    </form>
  );
}
