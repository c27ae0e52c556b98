import Link from "next/link";
import { readAs } from "@/app/_components/access";
import { PageHeader } from "@/app/_components/page-header";
import { PAGES, toMetadata, type SearchParamsProps } from "@/app/_components/page-meta";
import { BadLinkPage } from "@/app/_components/page-state";
import { getNow } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { parseSearchParams } from "@/lib/search-params";
import { getSavingsPage } from "@/lib/pages/savings";
import { formatUsd } from "@/lib/money";
import { formatAnnualShort } from "@/lib/savings/before-after";
import { savingsParamsSchema } from "@/lib/savings/initiative";
import { CandidatesPanel } from "./_components/candidates-panel";
import { toFormInitial } from "./_components/form-initial";
import { InitiativeCard } from "./_components/initiative-card";
import { InitiativeForm } from "./_components/initiative-form";
import styles from "./_components/savings.module.css";

const META = PAGES.savings;
export const metadata = toMetadata(META);
export const dynamic = "force-dynamic";

export default async function SavingsPage({ searchParams }: SearchParamsProps) {
  const parsed = parseSearchParams(savingsParamsSchema, await searchParams);
  if (!parsed.ok) return <BadLinkPage meta={META} problems={parsed.problems} />;
  const db = await getDb();
  const { ledger, candidates, options, canEdit } = await readAs(META.path, (access) =>
    getSavingsPage(db, access, getNow()),
  );

  const form = toFormInitial(
    parsed.value,
    ledger.entries.map((e) => e.initiative),
  );
  return (
    <>
      <PageHeader
        title={META.title}
        description={META.description}
        actions={
          <div className={styles.actions}>
            <Link className="button secondary" href="/slides">
              Open the deck
            </Link>
            <Link className="button" href="/savings?new=1#initiative-form">
              New initiative
            </Link>
          </div>
        }
      />
      <section className="grid grid-4" aria-label="Savings totals">
        <div className="panel stat">
          <div className="label">Realized savings</div>
          <div className="value" data-testid="total-annual">
            {formatAnnualShort(ledger.totalAnnual)}
          </div>
          <div className="sub">
            {formatUsd(ledger.totalAnnual)} from {ledger.measuredCount} measured initiative
            {ledger.measuredCount === 1 ? "" : "s"}
          </div>
        </div>
        <div className="panel stat">
          <div className="label">Initiatives</div>
          <div className="value">{ledger.entries.length}</div>
          <div className="sub">{ledger.entries.length - ledger.measuredCount} not measurable yet</div>
        </div>
        <div className="panel stat">
          <div className="label">Candidates</div>
          <div className="value">{candidates.abandoned.length + candidates.teams.length}</div>
          <div className="sub">stopped projects and teams with requests to cut</div>
        </div>
      </section>
      {form.problem ? (
        <div className="notice error" role="alert">
          {form.problem}
        </div>
      ) : null}
      {ledger.entries.length === 0 ? (
        <section className="panel empty" aria-label="No initiatives">
          <h2>No savings initiatives yet</h2>
          <p>
            Record a change — what was done, when, and which spend it affects — and Costwise measures what it saved on
            the bill. The candidates below are a good start.
          </p>
        </section>
      ) : (
        ledger.entries.map((entry) => <InitiativeCard key={entry.initiative.id} entry={entry} />)
      )}
      {canEdit ? (
        <InitiativeForm
          key={`${form.id ?? "new"}-${JSON.stringify(form.initial)}`}
          id={form.id}
          initial={form.initial}
          options={options}
        />
      ) : (
        <p className="notice info">Recording, editing and deleting initiatives needs the finance or admin role.</p>
      )}
      <CandidatesPanel candidates={candidates} />
    </>
  );
}
