import type { Metadata } from "next";
import { EmptyState } from "../_components/empty-state";
import { PageHeader } from "../_components/page-header";

export const metadata: Metadata = { title: "Rightsizing" };

export default function RightsizingPage() {
  return (
    <>
      <PageHeader title="Rightsizing" description="Current versus recommended Kubernetes requests, per team, with the dollars behind each row." />
      <EmptyState title="No usage data yet — run a sync" action={{ href: "/sync", label: "Go to Sync" }}>
        Once Datadog usage has been synced, every team gets a table of its current requests next to what they should be.
      </EmptyState>
    </>
  );
}
