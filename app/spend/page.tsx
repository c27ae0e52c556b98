import type { Metadata } from "next";
import { EmptyState } from "../_components/empty-state";
import { PageHeader } from "../_components/page-header";

export const metadata: Metadata = { title: "Spend" };

export default function SpendPage() {
  return (
    <>
      <PageHeader title="Spend" description="Spend by department, project, environment, service and account, exact to the cent." />
      <EmptyState title="No spend data yet — run a sync" action={{ href: "/sync", label: "Go to Sync" }}>
        Once a sync has read AWS Cost Explorer, this page groups spend by department, project, environment, service and linked account, with a CSV of every table.
      </EmptyState>
    </>
  );
}
