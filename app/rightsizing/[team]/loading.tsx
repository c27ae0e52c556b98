import Link from "next/link";
import { PAGES } from "@/app/_components/page-meta";
import { LoadingPage } from "@/app/_components/page-state";
import { PanelSkeleton } from "@/app/_components/skeletons";

export default function Loading() {
  return (
    <LoadingPage meta={PAGES.team} description={<Link href="/rightsizing">← All teams</Link>}>
      <PanelSkeleton label="Loading the team's totals" size="totals" />
      <PanelSkeleton label="Loading the containers" size="tallest" />
    </LoadingPage>
  );
}
