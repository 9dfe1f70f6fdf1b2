// Firm recall of the zh/ja components on the team's gold events: the share of gold events whose firm (any acceptable
// name, after the scorer's normName) is found as a span in the article (a) by the current components (knowledge base
// + form rules) and (b) by those plus a firm tagger; and how many spans each proposes per article.
import { cjkFormFirmRefs, taggerFirmRefs } from '../../src/extract/events/cjk-firms.ts';
import { type FirmRef, findFirmRefs } from '../../src/extract/events/firms.ts';
import { recognizeEntities } from '../../src/extract/entities.ts';
import { loadKnowledgeBase } from '../../src/extract/kb.ts';
import type { CharTagger } from '../../src/ner/char-tagger.ts';
import { projectPath } from '../../src/paths.ts';
import { normName } from '../events/dataset.ts';
import { type CjkLang, goldArticleText, goldRefs } from './cjk-data.ts';

export interface RecallReport {
  articles: number;
  events: number;
  foundBefore: number;
  foundAfter: number;
  spansBefore: number;
  spansAfter: number;
  /** Gold events found only through the tagger, as "gold name <- span". */
  newlyFound: string[];
}

/** Measures firm recall on one gold split (train or dev; never test). */
export function firmRecall(lang: CjkLang, split: 'train' | 'dev', tagger: CharTagger | null): RecallReport {
  const kb = loadKnowledgeBase(projectPath('config'));
  const r: RecallReport = { articles: 0, events: 0, foundBefore: 0, foundAfter: 0, spansBefore: 0, spansAfter: 0, newlyFound: [] };
  const byArticle = new Map<string, { corpus: string; id: string; events: string[][] }>();
  for (const g of goldEvents(lang, split)) byArticle.set(`${g.corpus}#${g.id}`, g);
  for (const { corpus, id, events } of byArticle.values()) {
    const text = goldArticleText(corpus, id);
    const { mentions } = recognizeEntities(text, lang, kb);
    const firms = findFirmRefs(text, mentions, 0, lang);
    const before = [...firms, ...cjkFormFirmRefs(text, lang, firms)];
    const extra = tagger ? taggerFirmRefs(text, tagger, before) : [];
    r.articles++;
    r.spansBefore += before.length;
    r.spansAfter += before.length + extra.length;
    const names = (refs: FirmRef[]) => new Set(refs.flatMap((f) => [normName(f.name), normName(text.slice(f.start, f.end))]).filter((n) => n !== ''));
    const nb = names(before);
    const na = names(extra);
    for (const firm of events) {
      const gold = firm.map(normName).filter((n) => n !== '');
      if (gold.length === 0) continue;
      r.events++;
      if (gold.some((n) => nb.has(n))) r.foundBefore++;
      if (gold.some((n) => nb.has(n) || na.has(n))) {
        r.foundAfter++;
        if (!gold.some((n) => nb.has(n))) r.newlyFound.push(firm.join('|'));
      }
    }
  }
  return r;
}

function goldEvents(lang: CjkLang, split: 'train' | 'dev'): Array<{ corpus: string; id: string; events: string[][] }> {
  return goldRefs(lang, split).map((g) => ({ corpus: g.corpus, id: g.id, events: g.events }));
}

/** One line of figures for a report. */
export function formatRecall(r: RecallReport): string {
  const pct = (a: number) => (r.events ? ((100 * a) / r.events).toFixed(1) : '-');
  const per = (a: number) => (r.articles ? (a / r.articles).toFixed(1) : '-');
  return `${r.articles} articles, ${r.events} events with a firm: recall ${pct(r.foundBefore)}% -> ${pct(r.foundAfter)}%, spans/article ${per(r.spansBefore)} -> ${per(r.spansAfter)}`;
}
