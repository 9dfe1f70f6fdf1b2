import { describe, expect, it } from 'vitest';
import { cronLine, nextDigestTime, previousDigestTime } from '../../../src/digest/schedule.ts';

const berlinMonday8 = { timeZone: 'Europe/Berlin', schedule: { weekday: 1, hour: 8 } };

describe('nextDigestTime', () => {
  it('returns the coming Monday 08:00 local time', () => {
    // Wednesday 18 Nov 2026 -> Monday 23 Nov 2026 08:00 CET (07:00 UTC).
    expect(nextDigestTime(berlinMonday8, new Date('2026-11-18T12:00:00Z')).toISOString()).toBe('2026-11-23T07:00:00.000Z');
  });

  it('is strictly after now, also when now is exactly the scheduled time', () => {
    const at = new Date('2026-11-23T07:00:00Z');
    expect(nextDigestTime(berlinMonday8, at).toISOString()).toBe('2026-11-30T07:00:00.000Z');
    expect(nextDigestTime(berlinMonday8, new Date(at.getTime() - 1)).toISOString()).toBe(at.toISOString());
  });

  it('follows the wall clock across DST changes', () => {
    // Last Monday of March 2026 is before the change; Monday 30 March is after it (CEST, UTC+2).
    expect(nextDigestTime(berlinMonday8, new Date('2026-03-28T12:00:00Z')).toISOString()).toBe('2026-03-30T06:00:00.000Z');
    expect(nextDigestTime(berlinMonday8, new Date('2026-10-24T12:00:00Z')).toISOString()).toBe('2026-10-26T07:00:00.000Z');
  });

  it('moves an hour skipped by DST forward', () => {
    const sunday2 = { timeZone: 'Europe/Berlin', schedule: { weekday: 7, hour: 2 } };
    expect(nextDigestTime(sunday2, new Date('2026-03-27T00:00:00Z')).toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('uses the local weekday, not the UTC one', () => {
    // Monday 00:30 in Tokyo is still Sunday in UTC.
    const tokyo = { timeZone: 'Asia/Tokyo', schedule: { weekday: 1, hour: 9 } };
    expect(nextDigestTime(tokyo, new Date('2026-11-22T15:30:00Z')).toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });

  it('finds the last scheduled time for catching up', () => {
    expect(previousDigestTime(berlinMonday8, new Date('2026-11-25T12:00:00Z')).toISOString()).toBe('2026-11-23T07:00:00.000Z');
    expect(previousDigestTime(berlinMonday8, new Date('2026-11-23T07:00:00Z')).toISOString()).toBe('2026-11-23T07:00:00.000Z');
  });

  it('prints a cron line with Sunday as 0', () => {
    expect(cronLine(berlinMonday8, '/srv/radar')).toBe('0 8 * * 1 cd /srv/radar && npx radar digest --send');
    expect(cronLine({ schedule: { weekday: 7, hour: 6 } })).toMatch(/^0 6 \* \* 0 /);
  });
});
