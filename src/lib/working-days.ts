import { addDays, vnDayKey } from "./vi-time.js";

// How long a citizen's question has waited, as the office counts its deadlines: in working days,
// Saturdays and Sundays left out, by the calendar day in Vietnam (a question sent at 23:30 on a
// Friday in Hanoi was sent on Friday, whatever the server's time zone). Public holidays are not
// known here and count as working days.

const DAY_MS = 24 * 60 * 60 * 1000;

const isWeekend = (dayKey: string) => {
  const weekday = new Date(`${dayKey}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return weekday === 0 || weekday === 6;
};

/**
 * The working days after `from`'s Vietnam day up to and including `to`'s: a question sent on
 * Monday has waited 0 days that Monday and 1 on Tuesday; one sent on Friday, Saturday or Sunday
 * has waited 1 day on Monday. 0 when `to` is on or before `from`'s day.
 */
export function workingDaysBetween(from: Date, to: Date): number {
  const start = vnDayKey(from);
  const end = vnDayKey(to);
  if (end <= start) return 0;
  const days = Math.round((Date.parse(end) - Date.parse(start)) / DAY_MS);
  // Every whole week holds five working days; only the days left over are looked at one by one.
  const weeks = Math.floor(days / 7);
  let count = weeks * 5;
  for (let day = addDays(start, weeks * 7); day < end; ) {
    day = addDays(day, 1);
    if (!isWeekend(day)) count += 1;
  }
  return count;
}
