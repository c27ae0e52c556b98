import type { Metadata } from "next";
import { EmptyState } from "../_components/empty-state";
import { PageHeader } from "../_components/page-header";

export const metadata: Metadata = { title: "Tags" };

export default function TagsPage() {
  return (
    <>
      <PageHeader title="Tags" description="How much spend is untagged or tagged outside the allowed lists, and where it comes from." />
      <EmptyState title="No tag data yet — run a sync" action={{ href: "/sync", label: "Go to Sync" }}>
        Tag compliance in dollars appears here after the first Cost Explorer sync.
      </EmptyState>
    </>
  );
}
