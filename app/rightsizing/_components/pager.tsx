import { Pager as TablePager } from "@/app/_components/pager";
import type { TableQuery } from "@/lib/rightsizing/table-query";
import { toHref, toTableParams } from "./url";

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
  return (
    <TablePager
      page={page}
      pageCount={pageCount}
      rows={rows}
      size={size}
      href={(to) => toHref(path, toTableParams(query), to)}
    />
  );
}
