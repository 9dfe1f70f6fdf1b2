// An article's publication date and where it came from: the page's own date, else the date of the feed item that
// linked to it, else none ("undated"). The fetch time is never a publication date: an old story fetched today is
// not today's news, so an undated article's events stay undated instead of landing in this week.
import type { EventRow } from '../db/schema.ts';
import { parseDate } from './keys.ts';

export type DateSource = EventRow['dateSource'];

export interface ArticleDate {
  publishedAt: Date | null;
  dateSource: DateSource;
}

/** Page date first, then feed date, then undated. */
export function articleDate(pageDate: string | Date | null | undefined, feedDate: string | Date | null | undefined): ArticleDate {
  const page = pageDate instanceof Date ? pageDate : parseDate(pageDate);
  if (page) return { publishedAt: page, dateSource: 'page' };
  const feed = feedDate instanceof Date ? feedDate : parseDate(feedDate);
  if (feed) return { publishedAt: feed, dateSource: 'feed' };
  return { publishedAt: null, dateSource: 'undated' };
}
