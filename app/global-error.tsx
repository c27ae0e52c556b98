"use client";
import { ErrorState, type ErrorProps } from "./_components/error-state";
import { PAGES } from "./_components/page-meta";
import { Shell } from "./_components/shell";
import "./globals.css";

/** A failure in the root layout itself: the same shell and error page, drawn in place of the layout. */
export default function GlobalError(props: ErrorProps) {
  return (
    <html lang="en">
      <body>
        <title>{`${PAGES.error.title} · Costwise`}</title>
        <Shell>
          <ErrorState meta={PAGES.error} {...props} />
        </Shell>
      </body>
    </html>
  );
}
