// The commitment rules, pure: what a recommendation costs a month, when it breaks even, and which of a
// Reserved Instance and a Savings Plan for the same term and payment nets more. Amounts stay exact decimal
// strings (integer units through lib/money); only break-even months, a ratio, are rounded (2 decimals).
import { compareMoney, fromUnits, toUnits } from "@/lib/money";

export const HOURS_PER_MONTH = 730;
export type Term = "ONE_YEAR" | "THREE_YEARS";
export type Payment = "NO_UPFRONT" | "PARTIAL_UPFRONT" | "ALL_UPFRONT";
export const TERM_MONTHS: Record<Term, number> = { ONE_YEAR: 12, THREE_YEARS: 36 };

/** A recommendation as stored: Cost Explorer's values, NULL where its program does not give one. */
export type StoredRecommendation = {
  program: "savings-plans" | "reserved-instances";
  planType: string;
  service: string;
  term: Term;
  payment: Payment;
  instance: string;
  quantity: string | null;
  hourlyCommitment: string | null;
  upfront: string;
  recurringMonthly: string | null;
  onDemandMonthly: string | null;
  monthlySavings: string;
  savingsPercent: string;
  breakEvenMonths: string | null;
};

export type CommitmentFigures = {
  monthlySavings: string;
  savingsPercent: string;
  upfront: string;
  /** What is paid every month besides the upfront. */
  recurringMonthly: string;
  /** The on-demand spend the commitment replaces each month. */
  onDemandCoveredMonthly: string;
  /** Months until the savings against on demand repay the upfront (0 without upfront). */
  breakEvenMonths: string;
  /** Monthly savings × the term's months: what it nets over its life. */
  netOverTerm: string;
};

const multiply = (amount: string, n: number) => fromUnits(toUnits(amount) * BigInt(n));
/** a ÷ (b × n), rounded half up to 2 decimals (a, b ≥ 0). */
function divideToHundredths(a: string, b: string): string {
  const numerator = toUnits(a) * 100n;
  const denominator = toUnits(b);
  if (denominator <= 0n) return "0";
  const hundredths = (numerator * 2n + denominator) / (2n * denominator);
  return fromUnits((hundredths * toUnits("1")) / 100n);
}

/**
 * Cost Explorer gives reservations their recurring cost, on-demand cost and break-even; for a Savings Plan it
 * gives the hourly commitment and upfront only, so: commitment a month = hourly × 730; recurring = that minus
 * the upfront spread over the term; on demand replaced = savings + commitment; break-even = upfront ÷ (on demand
 * replaced − recurring), the same rule AWS states for reservations.
 */
export function toCommitmentFigures(r: StoredRecommendation): CommitmentFigures {
  const months = TERM_MONTHS[r.term];
  const netOverTerm = multiply(r.monthlySavings, months);
  if (r.program === "reserved-instances") {
    const recurring = r.recurringMonthly ?? "0";
    const onDemand = r.onDemandMonthly ?? fromUnits(toUnits(r.monthlySavings) + toUnits(recurring));
    const breakEven =
      r.breakEvenMonths ?? divideToHundredths(r.upfront, fromUnits(toUnits(onDemand) - toUnits(recurring)));
    return {
      monthlySavings: r.monthlySavings,
      savingsPercent: r.savingsPercent,
      upfront: r.upfront,
      recurringMonthly: recurring,
      onDemandCoveredMonthly: onDemand,
      breakEvenMonths: breakEven,
      netOverTerm,
    };
  }
  const commitmentUnits = toUnits(r.hourlyCommitment ?? "0") * BigInt(HOURS_PER_MONTH);
  const spreadUpfront = toUnits(r.upfront) / BigInt(months);
  const recurringUnits = commitmentUnits - spreadUpfront < 0n ? 0n : commitmentUnits - spreadUpfront;
  const onDemandUnits = toUnits(r.monthlySavings) + commitmentUnits;
  return {
    monthlySavings: r.monthlySavings,
    savingsPercent: r.savingsPercent,
    upfront: r.upfront,
    recurringMonthly: fromUnits(recurringUnits),
    onDemandCoveredMonthly: fromUnits(onDemandUnits),
    breakEvenMonths: divideToHundredths(r.upfront, fromUnits(onDemandUnits - recurringUnits)),
    netOverTerm,
  };
}

/** What the export calls the monthly commitment: a Savings Plan's hourly × 730, a reservation's recurring cost. */
export function toMonthlyCommitment(r: StoredRecommendation): string {
  if (r.program === "savings-plans") return multiply(r.hourlyCommitment ?? "0", HOURS_PER_MONTH);
  return r.recurringMonthly ?? "0";
}

export type SideBySideOption = { label: string; recommendation: StoredRecommendation; figures: CommitmentFigures };
export type SideBySide = {
  term: Term;
  payment: Payment;
  options: SideBySideOption[];
  /** The option that nets most over the term (same term, so the highest monthly savings); null when none. */
  best: SideBySideOption | null;
  /** How much more a month the best nets than the runner-up. */
  leadMonthly: string | null;
};

export const PROGRAM_LABELS: Record<string, string> = {
  "reserved-instances": "EC2 Reserved Instances (Standard)",
  EC2_INSTANCE_SP: "EC2 Instance Savings Plan",
  COMPUTE_SP: "Compute Savings Plan",
};

/** EC2 reservations against both Savings Plans for one term and payment. Ties go to the more flexible option. */
export function compareSideBySide(recs: StoredRecommendation[], term: Term, payment: Payment, ec2: string): SideBySide {
  const pick = (match: (r: StoredRecommendation) => boolean) =>
    recs.find((r) => r.term === term && r.payment === payment && match(r));
  const candidates: [string, StoredRecommendation | undefined][] = [
    ["reserved-instances", pick((r) => r.program === "reserved-instances" && r.service === ec2)],
    ["EC2_INSTANCE_SP", pick((r) => r.program === "savings-plans" && r.planType === "EC2_INSTANCE_SP")],
    ["COMPUTE_SP", pick((r) => r.program === "savings-plans" && r.planType === "COMPUTE_SP")],
  ];
  const options = candidates
    .filter((c): c is [string, StoredRecommendation] => c[1] !== undefined)
    .map(([key, recommendation]) => ({
      label: PROGRAM_LABELS[key] ?? key,
      recommendation,
      figures: toCommitmentFigures(recommendation),
    }));
  // Listed from least to most flexible; on a tie the later (more flexible) option wins.
  const ranked = [...options].sort(
    (a, b) =>
      compareMoney(b.figures.monthlySavings, a.figures.monthlySavings) || options.indexOf(b) - options.indexOf(a),
  );
  const [best, second] = ranked;
  return {
    term,
    payment,
    options,
    best: best ?? null,
    leadMonthly:
      best && second ? fromUnits(toUnits(best.figures.monthlySavings) - toUnits(second.figures.monthlySavings)) : null,
  };
}

/** What each option gives up for its discount, in words a finance lead can repeat. */
export const FLEXIBILITY: Record<string, string> = {
  "reserved-instances":
    "Locked to one instance family, region, operating system and tenancy (any size within the family on Linux); covers EC2 only. Can be resold on the RI Marketplace.",
  EC2_INSTANCE_SP:
    "Locked to one instance family in one region; any size, operating system or tenancy. Cannot be resold or exchanged.",
  COMPUTE_SP:
    "Applies to any instance family, size, region and operating system, and to Fargate and Lambda: the smallest discount for the most freedom. Cannot be resold.",
};

/** Days until a commitment ends; those ending within `withinDays` of `today` are the ones to decide on now. */
export function isExpiringSoon(endDate: string, today: string, withinDays = 90): boolean {
  const days = (Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  return days >= 0 && days <= withinDays;
}
