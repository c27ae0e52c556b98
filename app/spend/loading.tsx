import { PAGES } from "@/app/_components/page-meta";
import { LoadingPage } from "@/app/_components/page-state";
import { ReportSkeleton } from "@/app/_components/skeletons";

export default function Loading() {
  return (
    <LoadingPage meta={PAGES.spend}>
      <ReportSkeleton label="Loading the spend report" />
    </LoadingPage>
  );
}
