// Which time interval an answer uses. Datadog documents (dashboards/functions/rollup):
// - a series has at most 1,500 points; a finer `.rollup()` interval is replaced by a coarser one;
// - without a rollup interval the API uses: past hour 20 s, 4 hours 1 min, day 5 min, 2 days 10 min,
//   week 1 h, month 4 h (≈150–300 points).
// The exact steps Datadog raises to are not published; the emulator's rule is documented in README.md.

export const MAX_POINTS = 1500;

/** Default intervals (seconds): the smallest giving ≤ 300 points reproduces Datadog's documented table. */
const DEFAULT_STEPS = [20, 60, 300, 600, 3600, 14400, 86400, 604800];
/** "Nice" intervals a too-fine rollup is raised to (seconds). */
const RAISE_STEPS = [
  1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 14400, 21600, 43200, 86400,
];

/** Number of buckets: aligned bucket starts (multiples of the interval) that lie in [from, to]. */
export function countBuckets(fromSec: number, toSec: number, intervalSec: number): number {
  return Math.max(0, Math.floor(toSec / intervalSec) - Math.ceil(fromSec / intervalSec) + 1);
}

export function getDefaultIntervalSeconds(fromSec: number, toSec: number): number {
  const span = toSec - fromSec;
  return DEFAULT_STEPS.find((step) => span / step <= 300) ?? multipleOfDays(span / 300);
}

/**
 * The interval of an answer: the requested one (rollup or v2 `interval`), else the default; raised to
 * the smallest step of RAISE_STEPS (then whole days) that is ≥ the requested one and gives ≤ 1,500 buckets.
 */
export function resolveIntervalSeconds(fromSec: number, toSec: number, requestedSec: number | null): number {
  const wanted = requestedSec ?? getDefaultIntervalSeconds(fromSec, toSec);
  if (countBuckets(fromSec, toSec, wanted) <= MAX_POINTS) return wanted;
  for (const step of RAISE_STEPS) {
    if (step >= wanted && countBuckets(fromSec, toSec, step) <= MAX_POINTS) return step;
  }
  let days = Math.max(1, Math.ceil(wanted / 86400));
  while (countBuckets(fromSec, toSec, days * 86400) > MAX_POINTS) days++;
  return days * 86400;
}

function multipleOfDays(seconds: number): number {
  return Math.ceil(seconds / 86400) * 86400;
}
