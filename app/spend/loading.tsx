import { PageHeader } from "../_components/page-header";
import { ReportSkeleton } from "../_components/report-skeleton";

export default function Loading() {
  return (
    <>
      <PageHeader
        title="Spend"
        description="AWS spend by department, project, environment, service and linked account, exact to the cent."
      />
      <ReportSkeleton label="Loading the spend report" />
    </>
  );
}
