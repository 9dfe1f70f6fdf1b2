// Builders for store tests: a clean article and its extraction written from a short text, with every span computed
// from the text so offsets are always true.
import { count } from 'drizzle-orm';
import type { Db } from '../../../src/db/client.ts';
import { articles, articleUrls, entities, eventArticles, events, mentions, reviewActions } from '../../../src/db/schema.ts';
import type { CleanArticle } from '../../../src/clean/types.ts';
import type { ArticleEntity, EntityType, EventType, ExtractedEvent, Extraction } from '../../../src/extract/types.ts';
import type { StoreInput } from '../../../src/store/store-article.ts';

export interface EntitySpec {
  id: string;
  type: EntityType;
  name: string;
  /** Surface forms to find in the text (every occurrence becomes a mention). */
  surfaces: string[];
}

export interface EventSpec extends Partial<Omit<ExtractedEvent, 'evidence'>> {
  type: EventType;
  firm: string | null;
  /** Exact substring of the text. */
  evidence: string;
}

export interface ArticleSpec {
  url: string;
  text: string;
  language?: string;
  publishedAt?: string | null;
  title?: string;
  canonicalUrl?: string | null;
  entities?: EntitySpec[];
  events?: EventSpec[];
}

function spansOf(text: string, surface: string): Array<{ text: string; start: number; end: number }> {
  const out = [];
  for (let i = text.indexOf(surface); i >= 0; i = text.indexOf(surface, i + surface.length)) out.push({ text: surface, start: i, end: i + surface.length });
  return out;
}

/** The extraction for a spec (entities with all their mentions, events with evidence spans). */
export function extractionOf(spec: ArticleSpec): Extraction {
  const ents: ArticleEntity[] = (spec.entities ?? []).map((e) => ({ id: e.id, type: e.type, name: e.name, mentions: e.surfaces.flatMap((s) => spansOf(spec.text, s)) }));
  const evs: ExtractedEvent[] = (spec.events ?? []).map((e) => {
    const start = spec.text.indexOf(e.evidence);
    if (start < 0) throw new Error(`evidence "${e.evidence}" is not in the text`);
    return {
      type: e.type, firm: e.firm, location: e.location ?? null, person: e.person ?? null, roles: e.roles ?? [], sourceFirms: e.sourceFirms ?? [],
      firms: e.firms ?? (e.firm ? [e.firm] : []), agency: e.agency ?? null, headcount: e.headcount ?? null, planned: e.planned ?? false,
      confidence: e.confidence ?? 0.8, evidence: { text: e.evidence, start, end: start + e.evidence.length },
    };
  });
  return { entities: ents, exportControls: [], events: evs };
}

/** The clean article for a spec. */
export function cleanOf(spec: ArticleSpec): CleanArticle {
  return {
    source: spec.url, title: spec.title ?? spec.text.slice(0, 40), byline: null, siteName: 'Test News', canonicalUrl: spec.canonicalUrl ?? null,
    language: spec.language ?? 'en', declaredLanguage: null, publishedAt: spec.publishedAt === undefined ? '2026-03-02T08:00:00Z' : spec.publishedAt,
    dateCandidates: [], text: spec.text, sentences: [], path: 'readability',
  };
}

/** A full storeArticle input for a spec; the raw body is a small HTML page wrapping the text. */
export function inputOf(spec: ArticleSpec, over: Partial<StoreInput> = {}): StoreInput {
  const html = `<!doctype html><html lang="${spec.language ?? 'en'}"><head><title>${spec.title ?? 'T'}</title></head><body><article><p>${spec.text}</p></article></body></html>`;
  return {
    url: spec.url, finalUrl: spec.url, feedId: null, guid: null, contentType: 'text/html; charset=utf-8',
    rawBody: new TextEncoder().encode(html), clean: cleanOf(spec), extraction: extractionOf(spec), fetchedAt: new Date('2026-03-03T00:00:00Z'), ...over,
  };
}

/** Row counts of every table the store writes. */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const tables = { articles, articleUrls, entities, mentions, events, eventArticles, reviewActions };
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await db.select({ n: count() }).from(table);
    out[name] = Number(row?.n ?? 0);
  }
  return out;
}

/** Padding that makes a text long enough for content-hash dedup (same for every article, so it changes no meaning). */
export const FILLER =
  ' The company did not give further details on the plan, which analysts said reflected a broader trend in the sector. ' +
  'Officials declined to comment on the timing. More details are expected in the coming weeks, according to people familiar with the matter.';

export const ALIBABA: EntitySpec = { id: 'firm:alibaba', type: 'firm', name: 'Alibaba', surfaces: ['Alibaba'] };
export const SUNNYVALE: EntitySpec = { id: 'loc:sunnyvale', type: 'location', name: 'Sunnyvale', surfaces: ['Sunnyvale'] };
