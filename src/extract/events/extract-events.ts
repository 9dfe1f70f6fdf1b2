// Hiring-signal events from one article: trigger matches per sentence, slot filling, then one event per (type, firm).
import { EVENT_TYPES, type ExtractedEvent, type Mention, type Span } from '../types.ts';
import { assemble, assembleGroups, type Candidate, type EventGroup } from './assemble.ts';
import { decisionFeatures, type DecisionContext, type DecisionModel } from './decision.ts';
import { careerMoves, detectSentence, type ArticleContext, type Arrival } from './detect.ts';
import { broadCandidates } from './broad.ts';
import { cjkFirmRefs } from './cjk-firms.ts';
import { findFirmRefs } from './firms.ts';
import { weakFirmRefs } from './weak-firms.ts';
import type { EventLexicon, LanguageLexicon } from './lexicon.ts';
import { foldText } from './patterns.ts';

export interface EventInput {
  text: string;
  lang: string;
  title: string | null;
  sentences: Span[];
  mentions: Mention[];
  exportControls: Span[];
  /** Place kind from the knowledge base (city, region, country…), used to pick the most specific place. */
  placeKind?: (entityId: string) => string | undefined;
  /** foldText(text), when the caller has it already. */
  folded?: string;
}

/** Events below this confidence are dropped. */
export const MIN_CONFIDENCE = 0.5;

// Reuters titles are ALL CAPS: names in them are unreliable, and events are read from the body.
function capsTitleEnd(text: string, sentences: Span[]): number {
  const first = sentences[0];
  if (!first) return 0;
  const letters = first.text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 8 && letters === letters.toUpperCase() && /\p{Lu}/u.test(letters) ? first.end : 0;
}

// The regulator an article is about: a named body ("US Department of Commerce") over a government at large.
function mainAgency(mentions: Mention[]): string | null {
  const agencies = mentions.filter((m) => m.type === 'agency');
  return (agencies.find((m) => !/government|administration|gobierno|regierung|gouvernement|governo|政府/i.test(m.name)) ?? agencies[0])?.name ?? null;
}

/** Joins sentences a splitter broke at hard line wraps (Reuters): no end punctuation, one newline between. */
export function joinWrappedSentences(text: string, sentences: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of sentences) {
    const prev = out[out.length - 1];
    const gap = prev ? text.slice(prev.end, s.start) : '';
    if (prev && !/[.!?:;"”»)]$/.test(prev.text) && /^[ \t]*\n[ \t]*$/.test(gap)) {
      out[out.length - 1] = { text: text.slice(prev.start, s.end), start: prev.start, end: s.end };
    } else out.push(s);
  }
  return out;
}

/** The sentences in which some event trigger of the language occurs: the only ones that can yield an event. */
export function triggerSentences(folded: string, sentences: readonly Span[], lx: LanguageLexicon): Span[] {
  return sentences.filter((s) => EVENT_TYPES.some((t) => lx.triggers[t].test(folded, s.start, s.end)));
}

/** Finds the article's hiring-signal events; every evidence span points into `input.text`. */
export function extractEvents(input: EventInput, lexicon: EventLexicon, model: DecisionModel | null = null): ExtractedEvent[] {
  if (!model) {
    const { candidates, headlineEnd } = eventCandidates(input, lexicon, false);
    return assemble(candidates, MIN_CONFIDENCE, headlineEnd);
  }
  const { groups, decision, rules } = eventGroups(input, lexicon);
  const pct = (p: number) => Math.round(p * 100) / 100;
  if (model.mode === 'calibrate') return rules.map((e) => ({ ...e, confidence: pct(model.calibrate(e.confidence)) }));
  const out: ExtractedEvent[] = [];
  for (const g of groups) {
    const p = model.probability(decisionFeatures(g, decision));
    // 'augment' keeps the events the rules report with confidence enough and adds the groups the model accepts;
    // 'decide' keeps only those.
    if (p >= model.threshold) out.push({ ...(g.rule ?? g.event), confidence: pct(p) });
    else if (model.mode === 'augment' && g.rule && g.rule.confidence >= model.ruleFloor) out.push({ ...g.rule, confidence: pct(Math.max(p, model.floorConfidence)) });
  }
  return out.sort((x, y) => x.evidence.start - y.evidence.start);
}

/** A (type, firm) group with the event the rules alone report for it, if they report one. */
export interface DecidableGroup extends EventGroup {
  rule: ExtractedEvent | null;
}

/** Every (type, firm) group of rule and broad candidates, before any decision, with what the decision features read. */
export function eventGroups(input: EventInput, lexicon: EventLexicon): { groups: DecidableGroup[]; decision: DecisionContext; rules: ExtractedEvent[] } {
  const { candidates, headlineEnd, decision } = eventCandidates(input, lexicon);
  const rules = assemble(candidates.filter((c) => c.origin !== 'broad'), MIN_CONFIDENCE, headlineEnd);
  const key = (e: ExtractedEvent) => `${e.type}\u0000${e.firm ?? ''}`;
  const byKey = new Map(rules.map((e) => [key(e), e]));
  const groups = assembleGroups(candidates, headlineEnd).map((g) => ({ ...g, rule: byKey.get(key(g.event)) ?? null }));
  return { groups, decision, rules };
}

/** The rules' candidates and, with `broad` (only a decision model reads them), the broad ones. */
function eventCandidates(input: EventInput, lexicon: EventLexicon, broad = true): { candidates: Candidate[]; headlineEnd: number; decision: DecisionContext } {
  const { text } = input;
  const sentences = joinWrappedSentences(text, input.sentences);
  const titleEnd = capsTitleEnd(text, sentences);
  const firms = findFirmRefs(text, input.mentions, titleEnd, input.lang);
  // A person the tagger put on a firm's name ("Laura Ashley", "Goodyear") is not a person for the event slots.
  const mentions = input.mentions.filter((m) => m.type !== 'person' || !firms.some((f) => f.start < m.end && m.start < f.end));
  const ctx: ArticleContext = {
    text,
    folded: input.folded ?? foldText(text),
    lx: lexicon.get(input.lang),
    sentences,
    mentions,
    firms,
    exportControls: input.exportControls,
    kindOf: input.placeKind ?? (() => undefined),
    capsTitleEnd: titleEnd,
    agencyFallback: mainAgency(mentions),
  };
  const arrivals: Arrival[] = [];
  const candidates: Candidate[] = [];
  sentences.forEach((_, i) => candidates.push(...detectSentence(ctx, i, arrivals)));
  candidates.push(...careerMoves(ctx, arrivals, candidates));
  // The learned decision also weighs broad candidates, over firms found by their form in zh/ja text and over weak
  // references (names typed as something else, capitalised names nobody tagged) too.
  const formFirms = broad ? cjkFirmRefs(text, input.lang, firms) : [];
  const weak = broad ? weakFirmRefs(text, mentions, [...firms, ...formFirms]) : [];
  if (broad) candidates.push(...broadCandidates(ctx, formFirms, weak));
  const head = sentences[0];
  const headlineEnd = input.title && head && head.text.trim() === input.title.trim() ? head.end : 0;
  const firmCounts = new Map<string, number>();
  for (const f of [...firms, ...formFirms, ...weak]) firmCounts.set(f.key, (firmCounts.get(f.key) ?? 0) + 1);
  return { candidates, headlineEnd, decision: { text, lang: input.lang, headlineEnd, firmCounts } };
}
