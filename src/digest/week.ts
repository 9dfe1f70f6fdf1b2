// ISO-8601 week math in an IANA time zone, built on Intl only: a digest week runs from Monday 00:00 to the next
// Monday 00:00 local time, so it lasts 167 or 169 hours across a DST change, and week 1 is the week with January 4th.
import { InputError } from '../errors.ts';

/** An ISO week as year + number, e.g. { year: 2026, week: 53 } for "2026-W53". */
export interface IsoWeek {
  year: number;
  week: number;
}

/** A calendar date without a zone (month 1-12). */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;
const WEEK_RE = /^(\d{4})-W(\d{2})$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone name this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of `instant` in `timeZone`. */
export function zonedParts(instant: Date, timeZone: string): CivilDate & { hour: number; minute: number; second: number } {
  const out: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour! % 24, minute: out.minute!, second: out.second! };
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds (positive east of Greenwich). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (instant.getTime() - instant.getUTCMilliseconds());
}

/**
 * The instant at which the wall clock in `timeZone` shows the given local time. A time skipped by a DST jump maps
 * forward (02:30 on a spring-forward night becomes 03:30), a repeated one to its first occurrence.
 */
export function zonedTimeToUtc(date: CivilDate, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  // The offset can differ on either side of a transition: try both candidates, keep the earliest that round-trips.
  const offBefore = zoneOffsetMs(new Date(wall - DAY_MS), timeZone);
  const offAfter = zoneOffsetMs(new Date(wall + DAY_MS), timeZone);
  const exact = [wall - offBefore, wall - offAfter].filter((t) => zoneOffsetMs(new Date(t), timeZone) === wall - t).sort((a, b) => a - b);
  // No exact match means the wall time fell in a spring-forward gap: the pre-jump offset lands just past the jump.
  return new Date(exact[0] ?? wall - offBefore);
}

function civilToDayNumber(d: CivilDate): number {
  return Math.floor(Date.UTC(d.year, d.month - 1, d.day) / DAY_MS);
}

function dayNumberToCivil(n: number): CivilDate {
  const d = new Date(n * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday of a calendar date: Monday 1 ... Sunday 7. */
export function isoWeekday(date: CivilDate): number {
  return ((civilToDayNumber(date) % 7) + 7 + 3) % 7 + 1;
}

/** The ISO week a calendar date belongs to (its ISO year may differ from the calendar year near January 1st). */
export function isoWeekOfDate(date: CivilDate): IsoWeek {
  const thursday = dayNumberToCivil(civilToDayNumber(date) + 4 - isoWeekday(date));
  const jan1 = civilToDayNumber({ year: thursday.year, month: 1, day: 1 });
  return { year: thursday.year, week: Math.floor((civilToDayNumber(thursday) - jan1) / 7) + 1 };
}

/** Number of ISO weeks in an ISO year: 53 when it starts on a Thursday (or a Wednesday in a leap year), else 52. */
export function weeksInIsoYear(year: number): number {
  return isoWeekOfDate({ year, month: 12, day: 28 }).week;
}

/** The Monday that starts an ISO week. */
export function mondayOf(week: IsoWeek): CivilDate {
  const jan4 = { year: week.year, month: 1, day: 4 };
  return dayNumberToCivil(civilToDayNumber(jan4) - (isoWeekday(jan4) - 1) + 7 * (week.week - 1));
}

/** Formats a week as "YYYY-Www". */
export function formatWeek(week: IsoWeek): string {
  return `${String(week.year).padStart(4, '0')}-W${String(week.week).padStart(2, '0')}`;
}

/** Parses "YYYY-Www" (e.g. "2026-W53"), rejecting week numbers the year does not have. */
export function parseWeek(text: string): IsoWeek {
  const m = WEEK_RE.exec(text.trim());
  if (!m) throw new InputError(`week "${text}": expected the form YYYY-Www, e.g. 2026-W47`);
  const week = { year: Number(m[1]), week: Number(m[2]) };
  const max = weeksInIsoYear(week.year);
  if (week.week < 1 || week.week > max) throw new InputError(`week "${text}": ${week.year} has weeks W01 to W${max}`);
  return week;
}

/** Adds `n` weeks (negative to go back), crossing year boundaries. */
export function addWeeks(week: IsoWeek, n: number): IsoWeek {
  return isoWeekOfDate(dayNumberToCivil(civilToDayNumber(mondayOf(week)) + 7 * n));
}

/** The instants [start, end) of an ISO week in `timeZone`: local Monday 00:00 to the following Monday 00:00. */
export function weekRange(week: IsoWeek, timeZone: string): { start: Date; end: Date } {
  const monday = mondayOf(week);
  const next = dayNumberToCivil(civilToDayNumber(monday) + 7);
  return { start: zonedTimeToUtc(monday, 0, 0, timeZone), end: zonedTimeToUtc(next, 0, 0, timeZone) };
}

/** The ISO week that contains `instant` on the wall clock of `timeZone`. */
export function weekOfInstant(instant: Date, timeZone: string): IsoWeek {
  return isoWeekOfDate(zonedParts(instant, timeZone));
}

/** The last ISO week that has fully ended at `now` in `timeZone` (the week before the current one). */
export function lastCompleteWeek(now: Date, timeZone: string): IsoWeek {
  return addWeeks(weekOfInstant(now, timeZone), -1);
}

/** Adds days to a calendar date. */
export function addDays(date: CivilDate, days: number): CivilDate {
  return dayNumberToCivil(civilToDayNumber(date) + days);
}
