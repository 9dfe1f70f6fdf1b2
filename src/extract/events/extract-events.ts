// Hiring-signal events from one article: trigger matches per sentence, slot filling, then one event per (type, firm).
import type { ExtractedEvent, Mention, Span } from '../types.ts';
import type { EventLexicon } from './lexicon.ts';

export interface EventInput {
  text: string;
  lang: string;
  title: string | null;
  sentences: Span[];
  mentions: Mention[];
  exportControls: Span[];
}

/** Finds the article's hiring-signal events; every evidence span points into `input.text`. */
export function extractEvents(input: EventInput, lexicon: EventLexicon): ExtractedEvent[] {
  void input;
  void lexicon;
  return [];
}
