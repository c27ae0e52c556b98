import { badInput } from "./errors";

/** UTC days "YYYY-MM-DD"; ranges are half-open [from, to) everywhere. */
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isDay(s: string): boolean {
  if (!DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Parses a user-given day; `name` is how the user wrote the input (e.g. "--from"). */
export function parseDay(s: string, name: string): string {
  if (!isDay(s)) throw badInput(`${name} must be a date as YYYY-MM-DD (got "${s}").`);
  return s;
}

export function toDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return toDay(d);
}

export function addMonths(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  return toDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1)));
}

/** The first day of the month that contains `day`. */
export function startOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Checks a half-open range given by a user; both ends optional in the input but required here. */
export function parseDayRange(from: string, to: string, names = { from: "from", to: "to" }) {
  const range = { from: parseDay(from, names.from), to: parseDay(to, names.to) };
  if (range.from >= range.to) {
    throw badInput(`${names.from} (${range.from}) must be before ${names.to} (${range.to}); ${names.to} is exclusive.`);
  }
  return range;
}
