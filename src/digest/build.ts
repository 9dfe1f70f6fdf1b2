// buildDigest: one week's digest (subject, HTML, text, counts) from the database. Used by `radar digest`, by the
// sender, and by the review UI's preview of any week; it reads only and sends nothing.
import { resolveConfigDir } from '../config/load.ts';
import type { Database } from '../db/client.ts';
import { subjectLine, total, weekSpan, type DigestModel } from './model.ts';
import { renderHtml } from './render-html.ts';
import { renderText } from './render-text.ts';
import { countByType, countWeekEvents, selectWeekEvents, type TypeCounts } from './select.ts';
import { addWeeks, formatWeek, parseWeek, weekRange, type IsoWeek } from './week.ts';

export interface BuildOptions {
  /** IANA zone whose wall clock defines the week (DigestConfig.timeZone). */
  timeZone: string;
  /** Public base URL of the review UI (RADAR_PUBLIC_URL) for the links to each event and the footer, or null. */
  reviewUrl?: string | null;
  /** Config folder whose event lexicons tell appointments from departures (default: the project's config/). */
  configDir?: string | undefined;
}

export interface DigestCounts {
  total: number;
  byType: TypeCounts;
  previousTotal: number;
  previousByType: TypeCounts;
}

export interface BuiltDigest {
  week: string;
  start: Date;
  /** Exclusive: the next Monday 00:00 in the digest's zone. */
  end: Date;
  /** The week's days as the mail shows them ("16 Nov 2026 - 22 Nov 2026"), on the digest zone's wall clock. */
  span: string;
  subject: string;
  html: string;
  text: string;
  counts: DigestCounts;
  /** True when the week has no approved events (the "no approved events" note). */
  empty: boolean;
}

/** Builds the digest of `week` ("2026-W47" or an IsoWeek) in the configured time zone. */
export async function buildDigest(database: Pick<Database, 'db'>, week: string | IsoWeek, opts: BuildOptions): Promise<BuiltDigest> {
  const iso = typeof week === 'string' ? parseWeek(week) : week;
  const label = formatWeek(iso);
  const { start, end } = weekRange(iso, opts.timeZone);
  const previousRange = weekRange(addWeeks(iso, -1), opts.timeZone);
  const events = await selectWeekEvents(database.db, start, end);
  if (events.some((e) => e.type === 'leadership')) {
    const { leadershipKind } = await import('./leadership.ts');
    const configDir = resolveConfigDir(opts.configDir);
    for (const e of events) if (e.type === 'leadership') e.leadership = leadershipKind(e.evidence, e.language ?? null, configDir);
  }
  const previous = await countWeekEvents(database.db, previousRange.start, previousRange.end);
  const counts = countByType(events);
  const model: DigestModel = { week: label, start, end, timeZone: opts.timeZone, events, counts, previous, reviewUrl: opts.reviewUrl ?? null };
  return {
    week: label,
    start,
    end,
    span: weekSpan(model),
    subject: subjectLine(label, counts),
    html: renderHtml(model),
    text: renderText(model),
    counts: { total: total(counts), byType: counts, previousTotal: total(previous), previousByType: previous },
    empty: events.length === 0,
  };
}
