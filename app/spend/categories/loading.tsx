import { PAGES } from "@/app/_components/page-meta";
import { LoadingPage } from "@/app/_components/page-state";
import { ReportSkeleton } from "@/app/_components/skeletons";

export default function Loading() {
  return (
    <LoadingPage meta={PAGES.categories}>
      <ReportSkeleton label="Loading customer-serving vs R&D" />
    </LoadingPage>
  );
}
