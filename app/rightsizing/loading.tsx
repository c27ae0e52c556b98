import { PageHeader } from "../_components/page-header";

export default function Loading() {
  return (
    <>
      <PageHeader
        title="Rightsizing"
        description="Current versus recommended Kubernetes requests, per team, with the dollars behind each row."
      />
      <div className="skeleton" style={{ height: 120, marginBottom: 18 }} aria-label="Loading the totals" />
      <div className="skeleton" style={{ height: 480 }} aria-label="Loading the teams" />
    </>
  );
}
