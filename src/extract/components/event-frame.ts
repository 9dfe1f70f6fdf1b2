// The event frame: the sentences as the event components read them (hard-wrapped lines joined), where an ALL-CAPS
// title or the headline ends, and the regulator an article is about.
import type { Component } from '../pipeline.ts';
import type { Mention, Span } from '../types.ts';

// A line that ends a sentence: end punctuation, or a Chinese or Japanese character (those texts are not hard-wrapped:
// a line there without a full stop is a headline, and joining it to the next line made one sentence of two stories).
const LINE_END = /[.!?:;"”»)。！？；：」』）…]$|[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]$/u;

/** Joins sentences a splitter broke at hard line wraps (Reuters): no end punctuation, one newline between. */
export function joinWrappedSentences(text: string, sentences: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of sentences) {
    const prev = out[out.length - 1];
    const gap = prev ? text.slice(prev.end, s.start) : '';
    if (prev && !LINE_END.test(prev.text) && /^[ \t]*\n[ \t]*$/.test(gap)) {
      out[out.length - 1] = { text: text.slice(prev.start, s.end), start: prev.start, end: s.end };
    } else out.push(s);
  }
  return out;
}

// Reuters titles are ALL CAPS: names in them are unreliable, and events are read from the body.
function capsTitleEnd(sentences: Span[]): number {
  const first = sentences[0];
  if (!first) return 0;
  const letters = first.text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 8 && letters === letters.toUpperCase() && /\p{Lu}/u.test(letters) ? first.end : 0;
}

// The regulator an article is about: a named body ("US Department of Commerce") over a government at large.
function mainAgency(mentions: readonly Mention[]): string | null {
  const agencies = mentions.filter((m) => m.type === 'agency');
  return (agencies.find((m) => !/government|administration|gobierno|regierung|gouvernement|governo|政府/i.test(m.name)) ?? agencies[0])?.name ?? null;
}

export const eventFrame: Component = {
  name: 'event-frame',
  run(doc) {
    const sentences = joinWrappedSentences(doc.text, doc.sentences);
    const head = sentences[0];
    doc.frame = {
      sentences,
      capsTitleEnd: capsTitleEnd(sentences),
      headlineEnd: doc.title && head && head.text.trim() === doc.title.trim() ? head.end : 0,
      agencyFallback: mainAgency(doc.mentions),
    };
  },
};
