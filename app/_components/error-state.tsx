"use client";
import Link from "next/link";
import { PageHeader } from "./page-header";
import type { PageMeta } from "./page-meta";

export type ErrorProps = { error: unknown; retry: () => void };

/**
 * What a page shows when reading it failed unexpectedly (the database went away, a bug): which page, the
 * reference to look up in the server log, a retry and the way back. The error's own text stays in the log: it
 * can name tables, hosts or values a reader should not see, and it would not tell them what to do.
 */
export function ErrorState({ meta, error, retry }: ErrorProps & { meta: PageMeta }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <>
      <PageHeader title={meta.title} description={meta.description} />
      <div className="notice error" role="alert">
        <strong>This page could not be shown.</strong> Something went wrong while reading it
        {digest ? (
          <>
            {" "}
            (reference <code className="mono">{digest}</code> in the server log)
          </>
        ) : null}
        . Check that the database is reachable, then try again.
      </div>
      <p className="button-row">
        <button className="button" type="button" onClick={retry}>
          Try again
        </button>
        <Link className="button secondary" href={meta.path}>
          {meta.path === "/" ? "Reload the overview" : `Back to ${meta.title}`}
        </Link>
      </p>
    </>
  );
}
