import type { Metadata } from "next";
import { EmptyState } from "../_components/empty-state";
import { PageHeader } from "../_components/page-header";

export const metadata: Metadata = { title: "Slides" };

export default function SlidesPage() {
  return (
    <>
      <PageHeader title="Slides" description="The all-hands deck, built from the data." />
      <EmptyState title="Nothing to present yet" action={{ href: "/sync", label: "Go to Sync" }}>
        The deck is built from synced spend, tag compliance, rightsizing and savings. Run a sync first.
      </EmptyState>
    </>
  );
}
