// When `radar run` sends the digest: the configured weekday and hour on the wall clock of the configured zone.
import type { DigestConfig } from './config.ts';
import { addDays, isoWeekday, zonedParts, zonedTimeToUtc } from './week.ts';

/**
 * The first scheduled send time strictly after `now` (weekday + hour, minute 0, in config.timeZone). An hour that
 * a DST jump skips moves forward with the clock; a repeated hour fires on its first occurrence.
 */
export function nextDigestTime(config: Pick<DigestConfig, 'timeZone' | 'schedule'>, now = new Date()): Date {
  const today = zonedParts(now, config.timeZone);
  for (let d = 0; d <= 7; d++) {
    const day = addDays(today, d);
    if (isoWeekday(day) !== config.schedule.weekday) continue;
    const at = zonedTimeToUtc(day, config.schedule.hour, 0, config.timeZone);
    if (at.getTime() > now.getTime()) return at;
  }
  // Unreachable: within 8 local days the weekday comes round at least once after `now`.
  return zonedTimeToUtc(addDays(today, 7), config.schedule.hour, 0, config.timeZone);
}

/** The most recent scheduled send time at or before `now` (for catching up after downtime). */
export function previousDigestTime(config: Pick<DigestConfig, 'timeZone' | 'schedule'>, now = new Date()): Date {
  const today = zonedParts(now, config.timeZone);
  for (let d = 0; d <= 7; d++) {
    const day = addDays(today, -d);
    if (isoWeekday(day) !== config.schedule.weekday) continue;
    const at = zonedTimeToUtc(day, config.schedule.hour, 0, config.timeZone);
    if (at.getTime() <= now.getTime()) return at;
  }
  return zonedTimeToUtc(addDays(today, -7), config.schedule.hour, 0, config.timeZone);
}

/** Cron line for people who run `radar digest --send` from cron instead of `radar run` (cron uses the host's zone). */
export function cronLine(config: Pick<DigestConfig, 'schedule'>, projectDir = '/path/to/hiring-radar'): string {
  return `0 ${config.schedule.hour} * * ${config.schedule.weekday % 7} cd ${projectDir} && npx radar digest --send`;
}
