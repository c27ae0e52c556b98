"use client";
import { ErrorState, type ErrorProps } from "@/app/_components/error-state";
import { PAGES } from "@/app/_components/page-meta";

export default function RightsizingError(props: ErrorProps) {
  return <ErrorState meta={PAGES.rightsizing} {...props} />;
}
