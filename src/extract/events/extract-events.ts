// Hiring-signal events from one article: trigger matches per sentence, slot filling, then one event per (type, firm).
import { EVENT_TYPES, type ExtractedEvent, type Mention, type Span } from '../types.ts';
import { assemble, type Candidate } from './assemble.ts';
import { careerMoves, detectSentence, type ArticleContext, type Arrival } from './detect.ts';
import { findFirmRefs } from './firms.ts';
import type { EventLexicon, LanguageLexicon } from './lexicon.ts';
import { foldText } from './patterns.ts';

export interface EventInput {
  text: string;
  lang: string;
  title: string | null;
  sentences: Span[];
  mentions: Mention[];
  exportControls: Span[];
  /** Place kind from the knowledge base (city, region, country…), used to pick the most specific place. */
  placeKind?: (entityId: string) => string | undefined;
  /** foldText(text), when the caller has it already. */
  folded?: string;
}

/** Events below this confidence are dropped. */
export const MIN_CONFIDENCE = 0.5;

// Reuters titles are ALL CAPS: names in them are unreliable, and events are read from the body.
function capsTitleEnd(text: string, sentences: Span[]): number {
  const first = sentences[0];
  if (!first) return 0;
  const letters = first.text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 8 && letters === letters.toUpperCase() && /\p{Lu}/u.test(letters) ? first.end : 0;
}

// The regulator an article is about: a named body ("US Department of Commerce") over a government at large.
function mainAgency(mentions: Mention[]): string | null {
  const agencies = mentions.filter((m) => m.type === 'agency');
  return (agencies.find((m) => !/government|administration|gobierno|regierung|gouvernement|governo|政府/i.test(m.name)) ?? agencies[0])?.name ?? null;
}

/** Joins sentences a splitter broke at hard line wraps (Reuters): no end punctuation, one newline between. */
export function joinWrappedSentences(text: string, sentences: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of sentences) {
    const prev = out[out.length - 1];
    const gap = prev ? text.slice(prev.end, s.start) : '';
    if (prev && !/[.!?:;"”»)]$/.test(prev.text) && /^[ \t]*\n[ \t]*$/.test(gap)) {
      out[out.length - 1] = { text: text.slice(prev.start, s.end), start: prev.start, end: s.end };
    } else out.push(s);
  }
  return out;
}

/** The sentences in which some event trigger of the language occurs: the only ones that can yield an event. */
export function triggerSentences(folded: string, sentences: readonly Span[], lx: LanguageLexicon): Span[] {
  return sentences.filter((s) => EVENT_TYPES.some((t) => lx.triggers[t].test(folded, s.start, s.end)));
}

/** Finds the article's hiring-signal events; every evidence span points into `input.text`. */
export function extractEvents(input: EventInput, lexicon: EventLexicon): ExtractedEvent[] {
  const { text } = input;
  const sentences = joinWrappedSentences(text, input.sentences);
  const titleEnd = capsTitleEnd(text, sentences);
  const firms = findFirmRefs(text, input.mentions, titleEnd, input.lang);
  // A person the tagger put on a firm's name ("Laura Ashley", "Goodyear") is not a person for the event slots.
  const mentions = input.mentions.filter((m) => m.type !== 'person' || !firms.some((f) => f.start < m.end && m.start < f.end));
  const ctx: ArticleContext = {
    text,
    folded: input.folded ?? foldText(text),
    lx: lexicon.get(input.lang),
    sentences,
    mentions,
    firms,
    exportControls: input.exportControls,
    kindOf: input.placeKind ?? (() => undefined),
    capsTitleEnd: titleEnd,
    agencyFallback: mainAgency(mentions),
  };
  const arrivals: Arrival[] = [];
  const candidates: Candidate[] = [];
  sentences.forEach((_, i) => candidates.push(...detectSentence(ctx, i, arrivals)));
  candidates.push(...careerMoves(ctx, arrivals, candidates));
  const head = sentences[0];
  const headlineEnd = input.title && head && head.text.trim() === input.title.trim() ? head.end : 0;
  return assemble(candidates, MIN_CONFIDENCE, headlineEnd);
}
