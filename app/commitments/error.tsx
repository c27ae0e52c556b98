"use client";
import { ErrorState, type ErrorProps } from "@/app/_components/error-state";
import { PAGES } from "@/app/_components/page-meta";

export default function CommitmentsError(props: ErrorProps) {
  return <ErrorState meta={PAGES.commitments} {...props} />;
}
