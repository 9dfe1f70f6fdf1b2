// The clean stage's output: everything later stages read, with `text` the reference for every offset.
import type { Span } from '../extract/types.ts';

export type CleanPath = 'readability' | 'fallback' | 'text';

export interface DateCandidate {
  value: string; // ISO 8601
  source: string; // "json-ld:datePublished", "meta:article:published_time", "time", "url", ...
}

export interface CleanArticle {
  /** The path or URL given. */
  source: string;
  title: string | null;
  byline: string | null;
  siteName: string | null;
  canonicalUrl: string | null;
  /** ISO 639-1, detected from the text. */
  language: string;
  /** What the page declared (html lang, meta), if anything. */
  declaredLanguage: string | null;
  publishedAt: string | null;
  dateCandidates: DateCandidate[];
  /** Clean text, paragraphs separated by blank lines. */
  text: string;
  /** Sentence spans over `text`. */
  sentences: Span[];
  /** Which path produced the text. */
  path: CleanPath;
}
