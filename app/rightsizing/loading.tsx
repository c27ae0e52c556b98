import { PAGES } from "@/app/_components/page-meta";
import { LoadingPage } from "@/app/_components/page-state";
import { PanelSkeleton } from "@/app/_components/skeletons";

export default function Loading() {
  return (
    <LoadingPage meta={PAGES.rightsizing}>
      <PanelSkeleton label="Loading the totals" size="totals" />
      <PanelSkeleton label="Loading the teams" size="medium" />
    </LoadingPage>
  );
}
