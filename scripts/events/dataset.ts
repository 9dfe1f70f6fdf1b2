// The event decision's data: gold articles of the annotated corpus (eval/corpus/gold/<split>/<lang>.jsonl), run
// through the same clean + rules as `radar extract`, each rule group labelled true when it matches a gold event by
// the scorer's rule (../shared/eval/score-events.mjs: same type, firm among the gold names).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { cleanDocument } from '../../src/clean/clean-document.ts';
import type { TrainableExtractor } from '../../src/extract/extract.ts';
import { groupFirmKey } from '../../src/extract/events/assemble.ts';
import { decisionFeatures } from '../../src/extract/events/decision.ts';
import type { MentionRef } from '../../src/extract/events/firm-choice.ts';
import type { EventType, ExtractedEvent } from '../../src/extract/types.ts';

export const SHARED = resolve(import.meta.dirname, '..', '..', '..', 'shared');
export const GOLD_DIR = resolve(import.meta.dirname, '..', '..', 'eval', 'corpus', 'gold');
export const SPLITS = ['train', 'dev', 'test'] as const;
export type Split = (typeof SPLITS)[number];

export interface GoldEvent { type: EventType; firm: string[]; person?: string | null; location?: string | null; headcount?: number | null; evidence?: string }
export interface GoldArticle { corpus: string; id: string; lang: string; events: GoldEvent[]; split: Split }

/** One rule group of one article: its features, its event, and whether it matches a gold event (and which). */
/** `ruleEvent`: the rules alone report this group as an event, with confidence `ruleConfidence` (0 when they do not). */
/** `firmKey`: the group's firm (assemble.ts `groupFirmKey`), which the firm-choice model looks for among the span's. */
export interface Example { features: string[]; label: 0 | 1; gold: number; event: ExtractedEvent; ruleEvent: boolean; ruleConfidence: number; firmKey: string }
/** `refs`: the article's firm references, as the firm-choice model reads them (firm-choice.ts). */
export interface ArticleExamples { article: GoldArticle; examples: Example[]; refs: MentionRef[] }

export function readGold(split: Split, dir = GOLD_DIR): GoldArticle[] {
  const d = join(dir, split);
  if (!existsSync(d)) return [];
  return readdirSync(d).filter((f) => f.endsWith('.jsonl')).sort().flatMap((f) =>
    readFileSync(join(d, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => ({ ...(JSON.parse(l) as Omit<GoldArticle, 'split'>), split })));
}

/**
 * Gold articles of the older gold sets (the shared dev gold, eval/heldout, eval/heldout2): English and Spanish news
 * the rules were tuned on. They add training examples only, never dev or test ones.
 */
export const EXTRA_TRAIN_DIRS = [join(SHARED, 'eval', 'dev'), resolve(import.meta.dirname, '..', '..', 'eval', 'heldout'), resolve(import.meta.dirname, '..', '..', 'eval', 'heldout2')];
export function readExtraGold(dirs = EXTRA_TRAIN_DIRS): GoldArticle[] {
  return dirs.filter(existsSync).flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.jsonl')).sort().flatMap((f) =>
    readFileSync(join(d, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => {
      const g = JSON.parse(l) as Omit<GoldArticle, 'split'> & { events: Array<GoldEvent & { firm?: string[] }> };
      return { corpus: g.corpus, id: String(g.id), lang: g.lang, events: g.events.map((e) => ({ ...e, firm: e.firm ?? [] })), split: 'train' as const };
    })));
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

/** The clean text of a seed article (../shared/seed), as the extractor reads it. */
export function seedText(file: string, dir = join(SHARED, 'seed')): string {
  return cleanDocument({ body: readFileSync(join(dir, file), 'utf8'), source: file }).text;
}

/** The acceptance article (../shared/seed) and, per expected event, the indexes of the groups that would report it. */
export interface SeedCase { file: string; lang: string; examples: Example[]; refs: MentionRef[]; expected: Array<{ type: string; matches: number[] }> }
export function seedCases(extractor: TrainableExtractor, dir = join(SHARED, 'seed')): SeedCase[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.expected.json')).sort().map((f) => {
    const want = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { file: string; events: Array<{ type: string; firm?: string[]; firmsAny?: string[] }> };
    const clean = cleanDocument({ body: readFileSync(join(dir, want.file), 'utf8'), source: want.file });
    const { groups, decision } = extractor.eventGroups(clean);
    const examples = groups.map((g): Example => ({ features: decisionFeatures(g, decision), label: 0, gold: -1, event: g.event, ruleEvent: g.rule != null, ruleConfidence: g.rule?.confidence ?? 0, firmKey: groupFirmKey(g) }));
    const names = (xs: string[]) => new Set(xs.map(normName));
    const expected = want.events.map((e) => ({
      type: e.type,
      matches: groups.flatMap((g, i) => {
        if (g.event.type !== e.type) return [];
        if (e.firm) return g.event.firm && names(e.firm).has(normName(g.event.firm)) ? [i] : [];
        if (e.firmsAny) return [g.event.firm, ...g.event.firms].some((x) => x && names(e.firmsAny!).has(normName(x))) ? [i] : [];
        return [i];
      }),
    }));
    return { file: want.file, lang: decision.lang, examples, refs: [...(decision.refs ?? [])], expected };
  });
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
      return { features: decisionFeatures(g, decision), label: j >= 0 ? 1 : 0, gold: j, event: g.event, ruleEvent: g.rule != null, ruleConfidence: g.rule?.confidence ?? 0, firmKey: groupFirmKey(g) };
    });
    onProgress?.(i + 1);
    return { article, examples, refs: [...(decision.refs ?? [])] };
  });
}
