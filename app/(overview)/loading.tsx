import { PageHeader } from "../_components/page-header";
import { ReportSkeleton } from "../_components/report-skeleton";

export default function Loading() {
  return (
    <>
      <PageHeader
        title="Overview"
        description="Where the AWS money goes: this month, the trend by department, and what moved."
      />
      <ReportSkeleton figures={4} label="Loading the overview" />
    </>
  );
}
