import { PageHeader } from "../_components/page-header";
import { PanelSkeleton } from "./_components/panel-skeleton";

export default function Loading() {
  return (
    <>
      <PageHeader
        title="Tags"
        description="How much spend is untagged or tagged outside the allowed lists, where it comes from, and how to fix it."
      />
      <PanelSkeleton label="Loading compliance" height={520} />
    </>
  );
}
