import Link from "next/link";
import type { ReactNode } from "react";
import { EmptyState } from "./empty-state";
import { PageHeader } from "./page-header";
import type { PageMeta } from "./page-meta";

type Header = { meta: PageMeta; title?: string; description?: ReactNode };
export type Reset = { href: string; label: string };

/**
 * A link the page cannot show (a typo, a parameter given twice, a team that is not in the data): what is wrong,
 * in the words of the parser, and the way back. Never a 500: the user can fix the link or start over.
 */
export function BadLinkPage({
  meta,
  title,
  description,
  problems,
  reset,
}: Header & { problems: string[]; reset?: Reset }) {
  return (
    <>
      <PageHeader title={title ?? meta.title} description={description ?? meta.description} />
      <div className="notice error" role="alert">
        <strong>This link cannot be shown:</strong>{" "}
        {problems.length === 1 ? (
          problems[0]
        ) : (
          <ul className="problems">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
      </div>
      <p>
        <Link className="button" href={reset?.href ?? meta.path}>
          {reset?.label ?? "Open the default view"}
        </Link>
      </p>
    </>
  );
}

/** Nothing synced yet: what the page will show, and the way to the sync that fills it. */
export function NoData({ meta }: { meta: PageMeta }) {
  return (
    <EmptyState
      title={meta.noData?.title ?? "No data yet — run a sync"}
      action={{ href: "/sync", label: "Go to Sync" }}
    >
      {meta.noData?.text ?? "Every page reads what a sync stored. Run a sync to fill the database."}
    </EmptyState>
  );
}

export function NoDataPage({ meta, title, description }: Header) {
  return (
    <>
      <PageHeader title={title ?? meta.title} description={description ?? meta.description} />
      <NoData meta={meta} />
    </>
  );
}

/** The header a page shows while its data loads (loading.tsx), above the page's own skeleton. */
export function LoadingPage({ meta, title, description, children }: Header & { children: ReactNode }) {
  return (
    <>
      <PageHeader title={title ?? meta.title} description={description ?? meta.description} />
      {children}
    </>
  );
}
