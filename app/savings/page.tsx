import type { Metadata } from "next";
import Link from "next/link";
import { getNow } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { formatUsd } from "@/lib/money";
import { formatAnnualShort } from "@/lib/savings/before-after";
import { getScopeOptions } from "@/lib/savings/form-options";
import { getLedger } from "@/lib/savings/ledger";
import { getCandidates } from "@/lib/savings/read-candidates";
import { getTagSettings } from "@/lib/settings/store";
import { PageHeader } from "../_components/page-header";
import { CandidatesPanel } from "./_components/candidates-panel";
import { InitiativeCard } from "./_components/initiative-card";
import { InitiativeForm } from "./_components/initiative-form";
import { toFormInitial } from "./_components/form-initial";
import "./savings.css";

export const metadata: Metadata = { title: "Savings" };
export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

export default async function SavingsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const db = await getDb();
  const now = getNow();
  const settings = await getTagSettings(db);
  const ledger = await getLedger(db, now);
  const [candidates, options] = await Promise.all([
    getCandidates(
      db,
      ledger.entries.map((e) => e.initiative),
      { now, settings },
    ),
    getScopeOptions(db, settings),
  ]);
  const form = toFormInitial(
    params,
    ledger.entries.map((e) => e.initiative),
  );
  return (
    <>
      <PageHeader
        title="Savings"
        description="What each change really saved, measured on the bill: the scope's average monthly spend before against after, × 12."
        actions={
          <div className="sv-actions">
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
      <InitiativeForm
        key={`${form.id ?? "new"}-${JSON.stringify(form.initial)}`}
        id={form.id}
        initial={form.initial}
        options={options}
      />
      <CandidatesPanel candidates={candidates} />
    </>
  );
}
