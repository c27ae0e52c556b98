"use client";
import { ErrorState, type ErrorProps } from "./_components/error-state";
import { PAGES } from "./_components/page-meta";

/** A failure in a page without its own error file: the product's error page, never the framework's. */
export default function RootError(props: ErrorProps) {
  return <ErrorState meta={PAGES.error} {...props} />;
}
