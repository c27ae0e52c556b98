import Link from "next/link";
import { PAGE_SIZES } from "@/lib/search-params";
import styles from "./pager.module.css";

/**
 * Server-side paging of a table: "Rows 51–100 of 212 · page 2 of 5", previous/next and the page sizes. The links
 * come from `href`, which keeps every other parameter of the page, so each page is a shareable URL.
 */
export function Pager({
  page,
  pageCount,
  rows,
  size,
  href,
  label = "Pages",
}: {
  page: number;
  pageCount: number;
  rows: number;
  size: number;
  /** The URL of another page or page size (`page: undefined` = the first page). */
  href: (to: { page?: number | undefined; size?: number }) => string;
  /** The navigation's accessible name: two pagers on one page need two names. */
  label?: string;
}) {
  if (rows === 0) return null;
  const first = (page - 1) * size + 1;
  const last = Math.min(rows, page * size);
  return (
    <nav className={styles.pager} aria-label={label}>
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
