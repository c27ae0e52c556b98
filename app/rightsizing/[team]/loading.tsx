import Link from "next/link";
import { PageHeader } from "../../_components/page-header";

export default function Loading() {
  return (
    <>
      <PageHeader title="Team" description={<Link href="/rightsizing">← All teams</Link>} />
      <div className="skeleton" style={{ height: 120, marginBottom: 18 }} aria-label="Loading the team's totals" />
      <div className="skeleton" style={{ height: 640 }} aria-label="Loading the containers" />
    </>
  );
}
