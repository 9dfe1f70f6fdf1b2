// The clean stage's entry point: bytes or text in, CleanArticle out (text, metadata, language, sentences, path).
// HTML goes through jsdom + Readability (see html-clean.ts for the memory rule callers must follow in loops);
// plain text passes through unchanged so that offsets stay true to the input.
import { decodeBytes } from '../fetch/encoding.ts';
import { chooseDate } from './dates.ts';
import { cleanHtml } from './html-clean.ts';
import { chooseLanguage } from './language.ts';
import { headlineOf, normalizeNewlines } from './plain-text.ts';
import { postprocessBlocks } from './postprocess.ts';
import { splitSentences } from './sentences.ts';
import type { CleanArticle } from './types.ts';

export interface CleanInput {
  body: Uint8Array | string;
  /** The path or URL given; reported back as `source`. */
  source: string;
  contentType?: string | null;
  /** The page's URL when known (resolves relative links, gives a URL date); defaults to `source` when it is a URL. */
  url?: string | null;
  /** A language to prefer when detection is unsure (e.g. the feed's configured language). */
  langHint?: string | null;
}

/** Extra detail beyond CleanArticle that `radar extract` prints and tests check. */
export interface CleanDetail extends CleanArticle {
  /** Finer path, e.g. "readability", "fallback:dense-block", "text". */
  pathDetail: string;
  /** The language eld detected on its own, before the declaration/hint check. */
  detectedLanguage: string;
  charset: string | null;
}

/** True when the input should be treated as plain text rather than HTML. */
export function isPlainText(source: string, contentType: string | null | undefined, text: string): boolean {
  if (contentType) {
    if (/^text\/plain\b/i.test(contentType)) return true;
    if (/html|xml/i.test(contentType)) return false;
  }
  if (/\.(txt|text)$/i.test(source)) return true;
  if (/\.(x?html?|php|aspx?)$/i.test(source)) return false;
  return !/<(html|body|head|p|div|article|!doctype)\b/i.test(text.slice(0, 4096));
}

/** Cleans one document: decodes bytes, extracts the article text and metadata, detects language, splits sentences. */
export function cleanDocument(input: CleanInput): CleanDetail {
  const url = input.url ?? (/^https?:\/\//i.test(input.source) ? input.source : null);
  const decoded =
    typeof input.body === 'string'
      ? { text: input.body, charset: null }
      : decodeBytes(input.body, { contentType: input.contentType, kind: /\.txt$/i.test(input.source) || /^text\/plain/i.test(input.contentType ?? '') ? 'text' : 'html' });
  const raw = decoded.text;

  if (isPlainText(input.source, input.contentType, raw)) {
    const text = normalizeNewlines(raw);
    const lang = chooseLanguage(text, null, input.langHint ?? null);
    return {
      source: input.source, title: headlineOf(text), byline: null, siteName: null, canonicalUrl: null,
      language: lang.language, declaredLanguage: null, publishedAt: null, dateCandidates: [],
      text, sentences: splitSentences(text, lang.language), path: 'text', pathDetail: 'text',
      detectedLanguage: lang.detected, charset: decoded.charset,
    };
  }

  const html = cleanHtml(raw, url);
  const { meta } = html;
  const title = meta.title ?? html.readability?.title ?? null;
  const byline = meta.byline ?? html.readability?.byline ?? null;
  const text = postprocessBlocks(html.blocks, { title, byline }).join('\n\n');
  const lang = chooseLanguage(text, meta.declaredLanguage, input.langHint ?? null);
  const date = chooseDate(meta.dateCandidates);
  return {
    source: input.source,
    title,
    byline,
    siteName: meta.siteName ?? html.readability?.siteName ?? null,
    canonicalUrl: meta.canonicalUrl,
    language: lang.language,
    declaredLanguage: meta.declaredLanguage,
    publishedAt: date?.value ?? null,
    dateCandidates: meta.dateCandidates,
    text,
    sentences: splitSentences(text, lang.language),
    path: html.path,
    pathDetail: html.detail,
    detectedLanguage: lang.detected,
    charset: decoded.charset,
  };
}
