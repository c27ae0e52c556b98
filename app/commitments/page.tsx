import Link from "next/link";
import { PageHeader } from "@/app/_components/page-header";
import { PAGES, toMetadata, type SearchParamsProps } from "@/app/_components/page-meta";
import { BadLinkPage, NoDataPage } from "@/app/_components/page-state";
import { SegmentedLinks } from "@/app/_components/segmented-links";
import { commitmentsParamsSchema, PAYMENT_LABELS, TERM_LABELS, type CommitmentsParams } from "@/lib/commitments/params";
import { getNow } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { readAs } from "@/app/_components/access";
import { getCommitmentsPage } from "@/lib/pages/commitments";
import { parseSearchParams } from "@/lib/search-params";
import { ExpiringPanel, OtherReservationsPanel } from "./_components/held-and-others";
import { SideBySidePanel } from "./_components/side-by-side";
import { CoveragePanel, UtilizationPanel } from "./_components/trends";

const META = PAGES.commitments;
export const metadata = toMetadata(META);
export const dynamic = "force-dynamic";

const hrefOf = (p: CommitmentsParams) => `/commitments?${new URLSearchParams(p).toString()}`;

export default async function CommitmentsPage({ searchParams }: SearchParamsProps) {
  const parsed = parseSearchParams(commitmentsParamsSchema, await searchParams);
  if (!parsed.ok)
    return <BadLinkPage meta={META} problems={parsed.problems} reset={{ href: META.path, label: "Commitments" }} />;
  const params = parsed.value;
  const db = await getDb();
  const page = await readAs(META.path, (access) => getCommitmentsPage(db, access, getNow(), params));
  if (!page.refresh) return <NoDataPage meta={META} />;
  const fetched = page.refresh.fetchedAt.toISOString().slice(0, 10);
  return (
    <>
      <PageHeader
        title={META.title}
        description={`${META.description} From Cost Explorer on ${fetched}, over the last ${page.refresh.lookbackDays} days of usage.`}
        actions={
          <a className="button secondary" href="/api/export/commitments">
            Download CSV
          </a>
        }
      />
      <div className="controls">
        <SegmentedLinks
          label="Term"
          links={(["ONE_YEAR", "THREE_YEARS"] as const).map((term) => ({
            label: TERM_LABELS[term],
            href: hrefOf({ ...params, term }),
            isCurrent: params.term === term,
          }))}
        />
        <SegmentedLinks
          label="Payment"
          links={(["NO_UPFRONT", "PARTIAL_UPFRONT", "ALL_UPFRONT"] as const).map((payment) => ({
            label: PAYMENT_LABELS[payment],
            href: hrefOf({ ...params, payment }),
            isCurrent: params.payment === payment,
          }))}
        />
      </div>
      <SideBySidePanel data={page.sideBySide} today={page.today} />
      <ExpiringPanel held={page.held} />
      <CoveragePanel plans={page.savingsPlansCoverage} reservations={page.reservationCoverage} />
      <UtilizationPanel plans={page.savingsPlansUtilization} reservations={page.reservationUtilization} />
      <OtherReservationsPanel rows={page.otherReservations} today={page.today} />
      <p className="muted">
        Recorded purchases are measured on the bill on <Link href="/savings">Savings</Link>.
      </p>
    </>
  );
}
