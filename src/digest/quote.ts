// The quote a digest shows for an event: the evidence widened to whole sentences of the article it came from, so a
// recipient never reads a fragment that starts mid-sentence ("named Li Si chief executive officer").
import { splitSentences } from '../clean/sentences.ts';

/** Longest quote widened to sentence boundaries; longer ones keep the evidence and say where they were cut. */
export const MAX_QUOTE = 320;

export interface QuoteSource {
  evidence: string;
  start: number;
  end: number;
  /** The evidence article's clean text and language, when it is still stored. */
  text: string | null;
  language: string | null;
}

/**
 * The evidence from the start of its first sentence to the end of its last one (when that fits MAX_QUOTE), else the
 * evidence alone. An evidence that still starts mid-sentence (the article is gone, or the sentence is too long) gets
 * a leading "…" so it does not pass for a sentence start.
 */
export function sentenceQuote(q: QuoteSource): string {
  const evidence = q.evidence.replace(/\s+/g, ' ').trim();
  const text = q.text;
  if (text && q.start >= 0 && q.end <= text.length && q.start < q.end && sameText(text.slice(q.start, q.end), q.evidence)) {
    const sentences = splitSentences(text, q.language ?? 'en');
    const first = sentences.find((s) => s.start <= q.start && q.start < s.end);
    const last = sentences.find((s) => s.start < q.end && q.end <= s.end);
    if (first) {
      const sentenceEnd = last?.end ?? q.end;
      // The whole last sentence when it fits, else up to the evidence's end, marked as cut.
      const end = sentenceEnd - first.start <= MAX_QUOTE ? sentenceEnd : q.end;
      const widened = text.slice(first.start, end).replace(/\s+/g, ' ').trim();
      if (widened.length <= MAX_QUOTE) return end < sentenceEnd ? `${widened}…` : widened;
    }
  }
  return startsSentence(evidence) ? evidence : `…${evidence}`;
}

function sameText(a: string, b: string): boolean {
  return a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
}

/** True when the text opens like a sentence: a capital, a digit, a quote mark, or a script without case. */
function startsSentence(text: string): boolean {
  const ch = text.match(/[\p{L}\p{N}"“„«'‘(]/u)?.[0];
  if (!ch) return true;
  return ch.toLowerCase() === ch.toUpperCase() || ch !== ch.toLowerCase();
}
