// UTC day helpers for epoch seconds (the sync works in seconds; Datadog v2 answers in milliseconds).

export function toUtcDay(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().slice(0, 10);
}

/** The first UTC day after the one holding the instant just before `epochSeconds` (half-open end). */
export function toUtcDayEnd(epochSeconds: number): string {
  return toUtcDay(Math.floor((epochSeconds - 1) / 86400) * 86400 + 86400);
}
