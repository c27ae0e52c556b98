import type { TeamReview } from "@/lib/rightsizing/decisions-store";
import { formatSavings } from "./format";

/** What the teams' applied recommendations really save, next to what the rules say could be saved. */
export function RealizedNote({ realizedCents, reviews }: { realizedCents: number; reviews: TeamReview[] }) {
  const applied = reviews.reduce((n, r) => n + r.counts.applied, 0);
  const drifted = reviews.reduce((n, r) => n + r.counts.drifted, 0);
  const declined = reviews.reduce((n, r) => n + r.counts.declined, 0);
  if (applied + drifted + declined === 0 && realizedCents === 0) return null;
  const teams = reviews.filter((r) => r.realizedCents > 0).length;
  return (
    <section className="panel stat" aria-label="Savings realized by rightsizing">
      <div className="label">Savings realized by rightsizing</div>
      <div className="value" data-testid="realized-total">
        {formatSavings(realizedCents)}
        <span className="muted"> / month</span>
      </div>
      <div className="sub">
        {applied} container{applied === 1 ? "" : "s"} seen applied by the syncs in {teams} team
        {teams === 1 ? "" : "s"}
        {drifted > 0 ? <> · {drifted} drifted back</> : null}
        {declined > 0 ? <> · {declined} declined</> : null}
      </div>
    </section>
  );
}
