import Link from "next/link";
import { toSpendHref, type SpendView } from "@/lib/reports/view";

/** /spend and its customer-serving vs R&D tab keep the same range and metric. */
export function SpendTabs({ view, current }: { view: SpendView; current: "groups" | "categories" }) {
  const keep = { ...view, filters: {} };
  return (
    <nav className="tabs" aria-label="Spend reports">
      <Link
        href={toSpendHref({ ...keep, by: ["department"] })}
        aria-current={current === "groups" ? "page" : undefined}
      >
        By group
      </Link>
      <Link
        href={toSpendHref({ ...keep, by: ["category"] }, "/spend/categories")}
        aria-current={current === "categories" ? "page" : undefined}
      >
        Customer-serving vs R&amp;D
      </Link>
    </nav>
  );
}
