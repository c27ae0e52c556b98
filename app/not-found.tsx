import { EmptyState } from "./_components/empty-state";
import { PageHeader } from "./_components/page-header";
import { PAGES, toMetadata } from "./_components/page-meta";

export const metadata = toMetadata(PAGES.notFound);

/** An address no page answers (a mistyped or outdated link): say so, and lead back. Answered with a 404. */
export default function NotFound() {
  return (
    <>
      <PageHeader title={PAGES.notFound.title} description={PAGES.notFound.description} />
      <EmptyState title="Nothing here" action={{ href: "/", label: "Open the overview" }}>
        The link may be mistyped or out of date. Every page is in the navigation on the left.
      </EmptyState>
    </>
  );
}
