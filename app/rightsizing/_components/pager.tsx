import Link from "next/link";
import type { TableQuery } from "@/lib/rightsizing/table-query";
import { PAGE_SIZES } from "@/lib/rightsizing/table-query";
import { toHref, toTableParams } from "./url";
import styles from "./rightsizing.module.css";

/** Server-side paging: links carry every filter and the sort, so each page is a shareable URL. */
export function Pager({
  page,
  pageCount,
  rows,
  size,
  query,
  path,
}: {
  page: number;
  pageCount: number;
  rows: number;
  size: number;
  query: TableQuery;
  path: string;
}) {
  if (rows === 0) return null;
  const first = (page - 1) * size + 1;
  const last = Math.min(rows, page * size);
  const href = (overrides: Record<string, number | undefined>) => toHref(path, toTableParams(query), overrides);
  return (
    <nav className={styles.pager} aria-label="Pages">
      <span className="muted">
        Rows {first}–{last} of {rows} · page {page} of {pageCount}
      </span>
      {page > 1 ? <Link href={href({ page: page - 1 })}>← Previous</Link> : <span className="muted">← Previous</span>}
      {page < pageCount ? <Link href={href({ page: page + 1 })}>Next →</Link> : <span className="muted">Next →</span>}
      <span className="muted">
        Per page:{" "}
        {PAGE_SIZES.map((n) =>
          n === size ? (
            <strong key={n}>{n} </strong>
          ) : (
            <Link key={n} href={href({ size: n, page: undefined })}>
              {n}{" "}
            </Link>
          ),
        )}
      </span>
    </nav>
  );
}
