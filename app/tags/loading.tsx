import { PAGES } from "@/app/_components/page-meta";
import { LoadingPage } from "@/app/_components/page-state";
import { PanelSkeleton } from "@/app/_components/skeletons";

export default function Loading() {
  return (
    <LoadingPage meta={PAGES.tags}>
      <PanelSkeleton label="Loading compliance" size="tall" />
    </LoadingPage>
  );
}
