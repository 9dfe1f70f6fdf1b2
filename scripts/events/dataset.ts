// The event decision's data: gold articles of the annotated corpus (eval/corpus/gold/<split>/<lang>.jsonl), run
// through the same clean + rules as `radar extract`, each rule group labelled true when it matches a gold event by
// the scorer's rule (../shared/eval/score-events.mjs: same type, firm among the gold names).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { cleanDocument } from '../../src/clean/clean-document.ts';
import type { TrainableExtractor } from '../../src/extract/extract.ts';
import { decisionFeatures } from '../../src/extract/events/decision.ts';
import type { EventType, ExtractedEvent } from '../../src/extract/types.ts';

export const SHARED = resolve(import.meta.dirname, '..', '..', '..', 'shared');
export const GOLD_DIR = resolve(import.meta.dirname, '..', '..', 'eval', 'corpus', 'gold');
export const SPLITS = ['train', 'dev', 'test'] as const;
export type Split = (typeof SPLITS)[number];

export interface GoldEvent { type: EventType; firm: string[]; person?: string | null; location?: string | null; headcount?: number | null }
export interface GoldArticle { corpus: string; id: string; lang: string; events: GoldEvent[]; split: Split }

/** One rule group of one article: its features, its event, and whether it matches a gold event (and which). */
/** `ruleEvent`: the rules alone report this group as an event. */
export interface Example { features: string[]; label: 0 | 1; gold: number; event: ExtractedEvent; ruleEvent: boolean }
export interface ArticleExamples { article: GoldArticle; examples: Example[] }

export function readGold(split: Split, dir = GOLD_DIR): GoldArticle[] {
  const d = join(dir, split);
  if (!existsSync(d)) return [];
  return readdirSync(d).filter((f) => f.endsWith('.jsonl')).sort().flatMap((f) =>
    readFileSync(join(d, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => ({ ...(JSON.parse(l) as Omit<GoldArticle, 'split'>), split })));
}

const corpusCache = new Map<string, Map<string, { title?: string | null; text?: string; body?: string }>>();
/** The article text annotators read: title, blank line, body (as check-gold.mjs and the scorer build it). */
export function articleText(corpus: string, id: string): string {
  let m = corpusCache.get(corpus);
  if (!m) {
    const raw = gunzipSync(readFileSync(join(SHARED, 'corpus', corpus))).toString('utf8');
    m = new Map(raw.split('\n').filter((l) => l.trim()).map((l) => { const r = JSON.parse(l); return [String(r.id ?? r.newid), r]; }));
    corpusCache.set(corpus, m);
  }
  const r = m.get(id);
  if (!r) throw new Error(`gold: no record ${id} in ${corpus}`);
  return `${r.title ? `${r.title}\n\n` : ''}${r.text ?? r.body ?? ''}`;
}

// The scorer's name normalisation (../shared/eval/lib.mjs normName), so labels agree with the scores we report.
const LEGAL = new Set(['inc', 'incorporated', 'corp', 'corporation', 'ltd', 'limited', 'plc', 'sa', 'ag', 'gmbh', 'co', 'company', 'group', 'holdings', 'holding', 'llc', 'nv', 'bv', 'spa', 'the']);
export function normName(s: string | null | undefined): string {
  if (s == null) return '';
  const words = String(s).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(/\s+/);
  const kept = words.filter((w) => !LEGAL.has(w));
  return (kept.length ? kept : words).join(' ');
}
export function matchesGold(e: Pick<ExtractedEvent, 'type' | 'firm' | 'firms'>, g: GoldEvent): boolean {
  if (e.type !== g.type) return false;
  if (!g.firm.length) return true;
  const names = new Set(g.firm.map(normName));
  return [e.firm, ...e.firms].some((f) => f != null && normName(f) !== '' && names.has(normName(f)));
}

/** Runs the rules over every article and labels each group (one gold event labels at most one group, as in scoring). */
export function buildExamples(articles: GoldArticle[], extractor: TrainableExtractor, onProgress?: (done: number) => void): ArticleExamples[] {
  return articles.map((article, i) => {
    const clean = cleanDocument({ body: articleText(article.corpus, article.id), source: `${article.id}.txt` });
    const { groups, decision } = extractor.eventGroups(clean);
    const used = new Set<number>();
    const examples = groups.map((g): Example => {
      const j = article.events.findIndex((ge, k) => !used.has(k) && matchesGold(g.event, ge));
      if (j >= 0) used.add(j);
      return { features: decisionFeatures(g, decision), label: j >= 0 ? 1 : 0, gold: j, event: g.event, ruleEvent: g.rule != null };
    });
    onProgress?.(i + 1);
    return { article, examples };
  });
}
