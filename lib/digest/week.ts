// The digest's week and its schedule, in UTC: a week starts on Monday, and the digest of a week is due from its
// send time (a weekday and a time) until the week ends, so a server started late in the week still sends it.
import { addDays, toDay } from "@/lib/dates";

import { WEEKDAYS, type DigestSchedule } from "@/lib/config";

/** The Monday (UTC) of the week `now` is in, YYYY-MM-DD. */
export function toWeek(now: Date): string {
  const day = toDay(now);
  const offset = (now.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(day, -offset);
}

/** When this week's digest becomes due. */
export function toSendTime(week: string, schedule: DigestSchedule): Date {
  const day = addDays(week, WEEKDAYS.indexOf(schedule.weekday));
  return new Date(`${day}T${pad(schedule.hour)}:${pad(schedule.minute)}:00Z`);
}

export function isDue(now: Date, schedule: DigestSchedule): boolean {
  return now >= toSendTime(toWeek(now), schedule);
}

export function formatDigestSchedule(s: DigestSchedule): string {
  const names = {
    mon: "Monday",
    tue: "Tuesday",
    wed: "Wednesday",
    thu: "Thursday",
    fri: "Friday",
    sat: "Saturday",
    sun: "Sunday",
  };
  return `${names[s.weekday]}s at ${pad(s.hour)}:${pad(s.minute)} UTC`;
}

const pad = (n: number) => String(n).padStart(2, "0");
