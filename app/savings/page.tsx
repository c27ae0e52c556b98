import type { Metadata } from "next";
import { EmptyState } from "../_components/empty-state";
import { PageHeader } from "../_components/page-header";

export const metadata: Metadata = { title: "Savings" };

export default function SavingsPage() {
  return (
    <>
      <PageHeader title="Savings" description="What each change really saved, measured on the bill." />
      <EmptyState title="No savings initiatives yet" action={{ href: "/sync", label: "Go to Sync" }}>
        Savings initiatives record a change with its date and scope; Costwise measures the saving on the bill once spend data is synced.
      </EmptyState>
    </>
  );
}
