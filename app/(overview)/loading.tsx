import { PAGES } from "@/app/_components/page-meta";
import { LoadingPage } from "@/app/_components/page-state";
import { ReportSkeleton } from "@/app/_components/skeletons";

export default function Loading() {
  return (
    <LoadingPage meta={PAGES.overview}>
      <ReportSkeleton figures={4} label="Loading the overview" />
    </LoadingPage>
  );
}
