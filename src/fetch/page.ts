// fetchPage: one article page as bytes with its final URL and content type; non-HTML content is refused early.
import { SkipError } from '../errors.ts';
import type { FetchConfig } from './fetch-config.ts';
import type { HttpClient } from './http.ts';

const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5, */*;q=0.1';
const READABLE = /^(text\/html|application\/xhtml\+xml|text\/plain|application\/xml|text\/xml)\b/i;

export interface FetchedPage {
  url: string;
  finalUrl: string;
  status: number;
  contentType: string | null;
  body: Uint8Array;
}

/** Fetches an article page; SkipError for PDFs, images and other content the cleaner cannot read. */
export async function fetchPage(http: HttpClient, url: string, config: FetchConfig, signal?: AbortSignal): Promise<FetchedPage> {
  const res = await http.get({ url, accept: PAGE_ACCEPT, maxBytes: config.limits.maxPageBytes, ...(signal ? { signal } : {}) });
  if (res.contentType && !READABLE.test(res.contentType.trim())) {
    throw new SkipError(`${res.url}: unsupported content type ${res.contentType.split(';')[0]}`);
  }
  return { url, finalUrl: res.url, status: res.status, contentType: res.contentType, body: res.body };
}
