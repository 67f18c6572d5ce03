// Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact
// and does not depend on the server's TZ or on ICU data.
const OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

const pad = (n: number) => String(n).padStart(2, "0");

function shifted(date: Date): Date {
  return new Date(date.getTime() + OFFSET_MS);
}

/** "15:09 - 01/08/2017" */
export function formatStamp(date: Date): string {
  return `${formatTime(date)} - ${formatDate(date)}`;
}

/** "01/08/2017" */
export function formatDate(date: Date): string {
  const d = shifted(date);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** "15:09" */
export function formatTime(date: Date): string {
  const d = shifted(date);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** Calendar day in Vietnam, "2017-08-01". */
export function vnDayKey(date: Date): string {
  return shifted(date).toISOString().slice(0, 10);
}

/** The Vietnam day key `days` days before (negative) or after `date`'s day. */
export function addDays(dayKey: string, days: number): string {
  return new Date(Date.parse(`${dayKey}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday that starts the week of `date`, in Vietnam time. */
export function vnWeekStart(date: Date): string {
  const key = vnDayKey(date);
  const weekday = new Date(`${key}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(key, -((weekday + 6) % 7));
}

/** "2017-08-01T15:09" in Vietnam time, as an input[type=datetime-local] wants it. */
export function toLocalInput(date: Date): string {
  return shifted(date).toISOString().slice(0, 16);
}

/** Parses "yyyy-MM-ddTHH:mm" read as Vietnam time; null when malformed or impossible. */
export function parseLocalInput(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const utc = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(utc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  return new Date(utc - OFFSET_MS);
}

/** Start of a Vietnam day as an instant. */
export function vnDayStart(dayKey: string): Date {
  return new Date(Date.parse(`${dayKey}T00:00:00Z`) - OFFSET_MS);
}
