"use client";
import { PageHeader } from "../_components/page-header";

/** Anything unexpected (e.g. the database went away): say so and offer a retry instead of a bare 500 page. */
export default function TagsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <PageHeader title="Tags" />
      <div className="notice error" role="alert">
        The tag compliance report could not be read: {error.message || "unexpected error"}
        {error.digest ? ` (reference ${error.digest} in the server log)` : ""}. Check that the database is reachable,
        then retry.
      </div>
      <button className="button" type="button" onClick={reset}>
        Retry
      </button>
    </>
  );
}
