import { PageHeader } from "../../_components/page-header";
import { ReportSkeleton } from "../../_components/report-skeleton";

export default function Loading() {
  return (
    <>
      <PageHeader
        title="Customer-serving vs R&D"
        description="Spend that serves customers against research and development, by department and month."
      />
      <ReportSkeleton label="Loading customer-serving vs R&D" />
    </>
  );
}
