import { describe, expect, it } from 'vitest';
import {
  addWeeks, formatWeek, isoWeekOfDate, lastCompleteWeek, parseWeek, weekOfInstant, weekRange, weeksInIsoYear, zonedTimeToUtc,
} from '../../../src/digest/week.ts';

const HOUR = 3_600_000;

describe('ISO week math', () => {
  it('knows which years have 53 weeks', () => {
    expect(weeksInIsoYear(2026)).toBe(53); // starts on a Thursday
    expect(weeksInIsoYear(2020)).toBe(53); // leap year starting on a Wednesday
    expect(weeksInIsoYear(2027)).toBe(52);
    expect(weeksInIsoYear(2025)).toBe(52);
  });

  it('puts dates near January 1st in the right ISO year', () => {
    expect(formatWeek(isoWeekOfDate({ year: 2027, month: 1, day: 1 }))).toBe('2026-W53');
    expect(formatWeek(isoWeekOfDate({ year: 2027, month: 1, day: 3 }))).toBe('2026-W53');
    expect(formatWeek(isoWeekOfDate({ year: 2027, month: 1, day: 4 }))).toBe('2027-W01');
    expect(formatWeek(isoWeekOfDate({ year: 2024, month: 12, day: 30 }))).toBe('2025-W01');
    expect(formatWeek(isoWeekOfDate({ year: 2026, month: 11, day: 19 }))).toBe('2026-W47');
  });

  it('parses YYYY-Www and rejects weeks a year does not have', () => {
    expect(parseWeek('2026-W53')).toEqual({ year: 2026, week: 53 });
    expect(() => parseWeek('2027-W53')).toThrow(/2027 has weeks W01 to W52/);
    expect(() => parseWeek('2026-W00')).toThrow(/W01 to W53/);
    expect(() => parseWeek('2026-47')).toThrow(/YYYY-Www/);
  });

  it('steps across year boundaries', () => {
    expect(formatWeek(addWeeks(parseWeek('2026-W53'), 1))).toBe('2027-W01');
    expect(formatWeek(addWeeks(parseWeek('2027-W01'), -1))).toBe('2026-W53');
    expect(formatWeek(addWeeks(parseWeek('2026-W01'), -1))).toBe('2025-W52');
  });

  it('bounds a week at local Monday midnight', () => {
    const { start, end } = weekRange(parseWeek('2027-W01'), 'Europe/Berlin');
    expect(start.toISOString()).toBe('2027-01-03T23:00:00.000Z');
    expect(end.toISOString()).toBe('2027-01-10T23:00:00.000Z');
    const w53 = weekRange(parseWeek('2026-W53'), 'America/New_York');
    expect(w53.start.toISOString()).toBe('2026-12-28T05:00:00.000Z');
    expect(w53.end.toISOString()).toBe('2027-01-04T05:00:00.000Z');
  });

  it('makes DST weeks 167 and 169 hours long', () => {
    const spring = weekRange(parseWeek('2026-W13'), 'Europe/Berlin'); // clocks go forward on Sunday 29 March
    expect((spring.end.getTime() - spring.start.getTime()) / HOUR).toBe(167);
    const autumn = weekRange(parseWeek('2026-W43'), 'Europe/Berlin'); // back on Sunday 25 October
    expect((autumn.end.getTime() - autumn.start.getTime()) / HOUR).toBe(169);
    const utc = weekRange(parseWeek('2026-W13'), 'UTC');
    expect((utc.end.getTime() - utc.start.getTime()) / HOUR).toBe(168);
  });

  it('maps local times in a DST gap forward and repeated ones to the first occurrence', () => {
    expect(zonedTimeToUtc({ year: 2026, month: 3, day: 29 }, 2, 30, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedTimeToUtc({ year: 2026, month: 10, day: 25 }, 2, 30, 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    // Santiago skips 00:00 on the first Sunday of September: the day starts at 01:00 local.
    expect(zonedTimeToUtc({ year: 2026, month: 9, day: 6 }, 0, 0, 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });

  it('assigns an instant to the week of its local date', () => {
    // Sunday 23:30 in New York is already Monday in UTC.
    const instant = new Date('2027-01-04T04:30:00Z');
    expect(formatWeek(weekOfInstant(instant, 'America/New_York'))).toBe('2026-W53');
    expect(formatWeek(weekOfInstant(instant, 'UTC'))).toBe('2027-W01');
    expect(formatWeek(weekOfInstant(instant, 'Asia/Shanghai'))).toBe('2027-W01');
  });

  it('takes the last complete week as the default', () => {
    expect(formatWeek(lastCompleteWeek(new Date('2027-01-04T08:00:00Z'), 'Europe/Berlin'))).toBe('2026-W53');
    expect(formatWeek(lastCompleteWeek(new Date('2027-01-04T03:00:00Z'), 'America/Los_Angeles'))).toBe('2026-W52');
  });
});
