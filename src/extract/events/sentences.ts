// Sentence spans for articles that arrive without them (tests, callers that skip the clean stage).
import type { Span } from '../types.ts';

/** Splits `text` into sentence spans with Intl.Segmenter, trimming surrounding whitespace; offsets point into `text`. */
export function segmentSentences(text: string, lang: string): Span[] {
  const out: Span[] = [];
  let segmenter: Intl.Segmenter;
  try {
    segmenter = new Intl.Segmenter(lang || 'en', { granularity: 'sentence' });
  } catch {
    segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  }
  for (const seg of segmenter.segment(text)) {
    // Paragraph breaks inside a segment (titles without a full stop) end a sentence too.
    let offset = seg.index;
    for (const part of seg.segment.split(/(\n\s*\n)/)) {
      const lead = part.length - part.trimStart().length;
      const body = part.trim();
      if (body && !/^\n\s*\n$/.test(part)) out.push({ text: body, start: offset + lead, end: offset + lead + body.length });
      offset += part.length;
    }
  }
  return out;
}
