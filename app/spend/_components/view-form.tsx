"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { addDays } from "@/lib/dates";
import { DIMENSION_LABELS, DIMENSIONS, type Dimension } from "@/lib/reports/datasets";
import { NOT_ALLOWED_FILTER, toSpendHref, UNTAGGED_FILTER, type SpendView } from "@/lib/reports/view";

const CHECKS = [
  { value: "", label: "All spend" },
  { value: `department:${UNTAGGED_FILTER}`, label: "No department tag" },
  { value: `department:${NOT_ALLOWED_FILTER}`, label: "Department not allowed" },
  { value: `project:${UNTAGGED_FILTER}`, label: "No project tag" },
  { value: `environment:${UNTAGGED_FILTER}`, label: "No environment tag" },
  { value: `environment:${NOT_ALLOWED_FILTER}`, label: "Environment not allowed" },
];
const isToken = (v: string | undefined) => v === UNTAGGED_FILTER || v === NOT_ALLOWED_FILTER;

/** Grouping, range (the inclusive last day is shown; the URL keeps `to` exclusive) and the tag check; selects apply at once. */
export function ViewForm({
  view,
  path,
  showGrouping = true,
}: {
  view: SpendView;
  path: string;
  showGrouping?: boolean;
}) {
  const router = useRouter();
  const [from, setFrom] = useState(view.from);
  const [through, setThrough] = useState(addDays(view.to, -1));
  const currentCheck = (["department", "project", "environment"] as const).find((d) => isToken(view.filters[d]));
  const go = (next: SpendView) => router.push(toSpendHref(next, path), { scroll: false });

  const read = (form: HTMLFormElement): SpendView => {
    const data = new FormData(form);
    const first = String(data.get("by") ?? view.by[0]) as Dimension;
    const second = String(data.get("then") ?? "") as Dimension | "";
    const filters = { ...view.filters };
    for (const d of DIMENSIONS) if (isToken(filters[d])) delete filters[d];
    const check = String(data.get("check") ?? "");
    if (check) {
      const [key, token] = check.split(/:(.*)/s) as [Dimension, string];
      filters[key] = token;
    }
    const by = showGrouping ? (second && second !== first ? [first, second] : [first]) : view.by;
    const to = through ? addDays(through, 1) : view.to;
    return { ...view, by, from: from || view.from, to, filters };
  };
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    go(read(e.currentTarget));
  };
  const applyNow = (e: { currentTarget: HTMLSelectElement }) => {
    if (e.currentTarget.form) go(read(e.currentTarget.form));
  };
  return (
    <form className="controls" onSubmit={onSubmit} aria-label="Report view">
      {showGrouping ? (
        <>
          <label>
            Group by
            <select name="by" defaultValue={view.by[0]} onChange={applyNow}>
              {DIMENSIONS.map((d) => (
                <option key={d} value={d}>
                  {DIMENSION_LABELS[d]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Then by
            <select name="then" defaultValue={view.by[1] ?? ""} onChange={applyNow}>
              <option value="">—</option>
              {DIMENSIONS.map((d) => (
                <option key={d} value={d}>
                  {DIMENSION_LABELS[d]}
                </option>
              ))}
            </select>
          </label>
        </>
      ) : null}
      <label>
        Tag check
        <select
          name="check"
          defaultValue={currentCheck ? `${currentCheck}:${view.filters[currentCheck]}` : ""}
          onChange={applyNow}
        >
          {CHECKS.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input type="date" name="from" value={from} onChange={(e) => setFrom(e.target.value)} required />
      </label>
      <label>
        Through (inclusive)
        <input type="date" name="through" value={through} onChange={(e) => setThrough(e.target.value)} required />
      </label>
      <button className="button" type="submit">
        Apply
      </button>
    </form>
  );
}
