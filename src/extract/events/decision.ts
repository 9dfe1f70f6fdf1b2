// The learned event decision: for each (type, firm) group the rules assembled, a logistic model trained on the
// annotated corpus (eval/corpus, scripts/train-events.ts) gives the probability that it is a true event; Platt
// scaling fitted on the dev split makes that probability calibrated. The rules' own judgement (their confidence,
// which trigger fired, which slots they filled) is one feature among the words around the event.
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { hashString } from '../../ner/hash.ts';
import { projectPath } from '../../paths.ts';
import { groupFirmKey, type EventGroup } from './assemble.ts';
import type { LanguageLexicon } from './lexicon.ts';
import { firmChoiceScorer, type FirmChoiceModel, type MentionRef } from './firm-choice.ts';
import { sentenceScorer, topicRank, topicScorer, type TopicModel, type TopicRanks, type TopicScores } from './topic.ts';

export const DECISION_FORMAT = 'radar-event-decision/1';
export const DECISION_MODEL_PATH = projectPath('models', 'events', 'decision.json.gz');

/** What the features read about the article beyond the group itself. */
export interface DecisionContext {
  text: string;
  lang: string;
  /** End of the headline (0 when the article has none). */
  headlineEnd: number;
  /** How often each firm key is named in the article. */
  firmCounts: ReadonlyMap<string, number>;
  /** The article model's probability, per type, that the article reports such an event (topic.ts), when it has one. */
  topic?: TopicScores;
  /** Where those probabilities stand among the training articles of the same language (topic.ts `topicRank`). */
  topicRank?: TopicRanks;
  /** The types of the groups about each firm key: a firm with a contraction group and a hiring group is one story. */
  typesByFirm?: ReadonlyMap<string, readonly string[]>;
  /** Every firm reference the candidates read (entity, form, weak), in text order: what the firm-choice model scores. */
  refs?: readonly MentionRef[];
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

/** Word tokens of a folded span; CJK runs give character bigrams, since they have no spaces. */
export function tokens(folded: string): string[] {
  const out: string[] = [];
  for (const m of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    if (!CJK.test(w)) { if (w.length > 1 || /\p{N}/u.test(w)) out.push(w); continue; }
    for (let i = 0; i + 1 < w.length; i++) out.push(w.slice(i, i + 2));
    if (w.length === 1) out.push(w);
  }
  return out;
}

const bucket = (x: number, edges: number[]) => { let i = 0; while (i < edges.length && x >= edges[i]!) i++; return i; };

const TOPIC_EDGES = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
/** The article model's verdict for a type, and its highest over all types, as bucketed features. */
export function topicFeatures(type: string, scores: TopicScores | undefined, rank?: TopicRanks): string[] {
  if (!scores) return [];
  const p = scores[type as keyof TopicScores] ?? 0;
  const any = Math.max(0, ...Object.values(scores));
  const f = [`top:${type}|${bucket(p, TOPIC_EDGES)}`, `top:${bucket(p, TOPIC_EDGES)}`, `topany:${bucket(any, TOPIC_EDGES)}`];
  const r = rank?.[type as keyof TopicRanks];
  if (r !== undefined) f.push(`topq:${type}|${r}`, `topq:${r}`);
  return f;
}

const SENTENCE_EDGES = [0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
/** The sentence model's verdict on a group's evidence sentence, for its type and its highest over all types. */
export function sentenceFeatures(type: string, scores: TopicScores | undefined): string[] {
  if (!scores) return [];
  const p = scores[type as keyof TopicScores] ?? 0;
  const any = Math.max(0, ...Object.values(scores));
  return [`sen:${type}|${bucket(p, SENTENCE_EDGES)}`, `sen:${bucket(p, SENTENCE_EDGES)}`, `senany:${bucket(any, SENTENCE_EDGES)}|${p >= any}`];
}

/** One sentence of the article, lower-cased, with the sentence model's verdict on it. */
export interface ScoredSentence { lower: string; scores: TopicScores }

/**
 * The sentence model's strongest verdict for the group's type over the article's sentences that name its firm, and
 * over all of them: a group's own evidence is the sentence its trigger is in, often not the one that reports the event.
 */
export function articleSentenceFeatures(type: string, firm: string | null, sentences: readonly ScoredSentence[]): string[] {
  const t = type as keyof TopicScores;
  const name = firm?.toLowerCase();
  let best = 0, bestFirm = 0;
  for (const s of sentences) {
    const p = s.scores[t] ?? 0;
    if (p > best) best = p;
    if (name && p > bestFirm && s.lower.includes(name)) bestFirm = p;
  }
  return [`asen:${type}|${bucket(best, SENTENCE_EDGES)}`, `fsen:${type}|${bucket(bestFirm, SENTENCE_EDGES)}`, `fsen:${bucket(bestFirm, SENTENCE_EDGES)}`];
}

/**
 * The feature strings of one assembled group; typed features (prefixed with the type) let each type learn its own
 * weights. The words of the evidence sentence and around the trigger, and every member's trigger, were tried as
 * features and left out: on the dev split they lowered F1 (the model learned the training sentences' words). So did
 * the words on either side of the firm and between it and the trigger, even when kept only if seen in 3 or 10
 * training articles (dev F1 of the model alone 33.2 without them, 29.3-31.5 with). There is no per-language bias:
 * a language with few training events (es: 8) learned "this language means false" from it (dev F1 shipped 31.1 with
 * it, 31.8 without); the language enters only through the firm's source (`fsrc`).
 */
export function decisionFeatures(g: EventGroup, ctx: DecisionContext): string[] {
  const e = g.event;
  const best = g.members[0]!;
  const T = e.type;
  const L = ctx.lang;
  const f: string[] = ['bias', `t:${T}`];
  f.push(`trg1:${T}|${best.trigger.replace(/\s+/g, ' ')}`);
  f.push(`rc:${T}|${Math.round(best.confidence * 20)}`, `rc:${Math.round(best.confidence * 20)}`);
  const rule = g.members.filter((m) => m.origin !== 'broad');
  f.push(`sup:${T}|${Math.min(rule.length, 4)}`, `bsup:${T}|${Math.min(g.members.length - rule.length, 4)}`, `rule:${T}|${rule.length > 0}`, `rule:${rule.length > 0}`);
  const place = g.members.find((m) => m.firmPlace)?.firmPlace;
  if (place) {
    f.push(`rank:${T}|${place.rank}`, `rank:${place.rank}`, `before:${T}|${place.before}`, `first:${T}|${place.first}`, `nfirms:${Math.min(place.inSentence, 4)}`);
    f.push(`dist:${T}|${bucket(place.distance, [1, 5, 15, 40, 80])}|${place.before}`);
    const src = place.source ?? 'entity';
    f.push(`fsrc:${src}`, `fsrc:${T}|${src}`, `fsrc:${L}|${src}`, `finit:${src}|${Boolean(place.initial)}`, `rank:${src}|${place.rank}`);
  }
  if (g.members.every((m) => m.negated)) f.push(`neg:${T}`);
  f.push(`kb:${T}|${best.firmFromKb}`, `kb:${best.firmFromKb}`);
  const firmKey = groupFirmKey(g);
  const count = firmKey ? (ctx.firmCounts.get(firmKey) ?? 0) : -1;
  f.push(`fc:${T}|${bucket(count, [0, 1, 2, 3, 5, 8])}`, `fc:${bucket(count, [0, 1, 2, 3, 5, 8])}`);
  // Which firm the article is about: how many firms it names more often than this one.
  if (count >= 0) {
    let above = 0;
    for (const c of ctx.firmCounts.values()) if (c > count) above++;
    f.push(`frank:${T}|${Math.min(above, 3)}`, `frank:${Math.min(above, 3)}`);
  }
  // The other types of event read about the same firm compete with this one.
  const others = (ctx.typesByFirm?.get(firmKey) ?? []).filter((t) => t !== T);
  for (const o of others) f.push(`also:${T}|${o}`);
  f.push(`ntypes:${T}|${Math.min(others.length, 3)}`);
  f.push(`head:${T}|${e.evidence.start < ctx.headlineEnd}`, ...topicFeatures(T, ctx.topic, ctx.topicRank));
  f.push(`pos:${T}|${bucket(e.evidence.start / Math.max(1, ctx.text.length), [0.1, 0.3, 0.6])}`);
  for (const [slot, has] of [['person', e.person], ['loc', e.location], ['count', e.headcount != null], ['roles', e.roles.length], ['src', e.sourceFirms.length], ['agency', e.agency], ['planned', e.planned], ['firm', e.firm]] as const)
    f.push(`s:${T}|${slot}|${Boolean(has)}`);
  if (e.firm) {
    for (const w of tokens(e.firm.toLowerCase())) f.push(`fw:${w}`, `fw:${T}|${w}`);
    const words = e.firm.split(/\s+/).length;
    f.push(`fshape:${T}|${/^[\p{Lu}\d&.\-]+$/u.test(e.firm) ? 'caps' : 'mixed'}|${Math.min(words, 4)}`);
  }
  return f;
}

/** A leaf's margin, or [feature, the subtree of groups that have it, the subtree of those that do not]. */
export type DecisionTree = number | [string, DecisionTree, DecisionTree];

export function treesMargin(trees: readonly DecisionTree[], base: number, features: string[]): number {
  const has = new Set(features);
  let z = base;
  for (let node of trees) {
    while (typeof node !== 'number') node = has.has(node[0]) ? node[1] : node[2];
    z += node;
  }
  return z;
}

interface ModelFile {
  format: typeof DECISION_FORMAT;
  /**
   * 'decide': the model chooses among all rule and broad groups. 'augment': the events the rules report with at
   * least `ruleFloor` confidence, plus the groups the model accepts; the model's probability is every event's confidence. 'calibrate': the rules choose and
   * `platt` maps the rules' confidence to a calibrated probability. train-events.ts picks the mode by dev F1.
   */
  mode: DecisionMode;
  bits: number;
  /** Sparse weights of the logistic form: bucket -> weight. */
  weights: Record<string, number>;
  /** The boosted-trees form, instead of `weights`: the margin is `base` plus each tree's leaf. */
  trees?: DecisionTree[];
  base?: number;
  /** The article model whose verdicts are features (`topicFeatures`); absent in models trained without it. */
  topic?: TopicModel;
  /** The sentence model, read on each group's evidence sentence (`sentenceFeatures`); absent in older models. */
  sentence?: TopicModel;
  /** Trained with the sentence model's verdicts over the article's sentences (`articleSentenceFeatures`) too. */
  articleSentences?: boolean;
  /** The firm-choice model, read on the firms of each group's evidence span (firm-choice.ts); absent in older models. */
  firmChoice?: FirmChoiceModel;
  platt: { a: number; b: number };
  threshold: number;
  /** 'augment': only the rules' events of at least this rule confidence are kept whatever the model says (default 0: all). */
  ruleFloor?: number;
  /** The floor keeps a rule event only when the model's probability reaches this (default 0). */
  floorMinProbability?: number;
  /** The languages the floor holds in, those with few training events (default: every language). */
  floorLanguages?: string[];
  /** The confidence of a rule event kept by the floor alone: the dev precision of such events. */
  floorConfidence?: number;
  meta: Record<string, unknown>;
}

export type DecisionMode = 'decide' | 'augment' | 'calibrate';

export interface DecisionModel {
  mode: DecisionMode;
  /** Calibrated probability for a rule confidence (mode 'calibrate'). */
  calibrate(ruleConfidence: number): number;
  /** The article model the features read (text -> probability per type), or null. */
  topic: ((text: string, lx?: LanguageLexicon) => TopicScores) | null;
  /** The sentence model (evidence sentence, its language's lexicon -> probability per type), or null. */
  sentence: ((text: string, lx: LanguageLexicon) => TopicScores) | null;
  /** Whether every group also reads the sentence model over the article's sentences (`articleSentenceFeatures`). */
  articleSentences: boolean;
  /** The firm-choice model (a mention's tokens -> probability that it is the event's firm), or null. */
  firmChoice: ((tokens: string[]) => number) | null;
  /** Where the article model's verdicts stand in the article's language, when the model ranks that language. */
  topicRank: (lang: string, scores: TopicScores) => TopicRanks | undefined;
  /** Raw margin w·x. */
  margin(features: string[]): number;
  /** Calibrated probability that the group is a true event. */
  probability(features: string[]): number;
  /** Groups below this probability are not reported. */
  threshold: number;
  /** 'augment': rule events of at least this rule confidence are reported whatever their probability. */
  ruleFloor: number;
  /** The floor keeps a rule event only when its probability reaches this. */
  floorMinProbability: number;
  /** Whether the floor holds in a language: in those the model saw few training events of (all, in older models). */
  floorHolds(lang: string): boolean;
  /** The confidence a rule event kept by the floor alone is reported with. */
  floorConfidence: number;
  meta: Record<string, unknown>;
}

export function featureIndex(feature: string, bits: number): number {
  return hashString(feature) & ((1 << bits) - 1);
}

export function decisionModelFrom(file: ModelFile): DecisionModel {
  if (file.format !== DECISION_FORMAT) throw new Error(`event decision model: format ${String(file.format)}, expected ${DECISION_FORMAT}`);
  const w = new Map<number, number>();
  for (const [k, v] of Object.entries(file.weights)) w.set(Number(k), v);
  const { trees } = file;
  const margin = (features: string[]) => {
    if (trees) return treesMargin(trees, file.base ?? 0, features);
    let z = 0;
    for (const x of features) z += w.get(featureIndex(x, file.bits)) ?? 0;
    return z;
  };
  const platt = (z: number) => 1 / (1 + Math.exp(-(file.platt.a * z + file.platt.b)));
  return {
    mode: file.mode,
    calibrate: platt,
    topic: file.topic ? topicScorer(file.topic) : null,
    sentence: file.sentence ? sentenceScorer(file.sentence) : null,
    articleSentences: !!(file.sentence && file.articleSentences),
    firmChoice: file.firmChoice ? firmChoiceScorer(file.firmChoice) : null,
    topicRank: (lang, scores) => (file.topic ? topicRank(file.topic, lang, scores) : undefined),
    margin,
    probability: (features) => platt(margin(features)),
    threshold: file.threshold,
    ruleFloor: file.ruleFloor ?? 0,
    floorMinProbability: file.floorMinProbability ?? 0,
    floorHolds: (lang) => !file.floorLanguages || file.floorLanguages.includes(lang),
    floorConfidence: file.floorConfidence ?? 0,
    meta: file.meta,
  };
}

/** The shipped model, or null when there is none (the rules' confidence then decides alone). */
export function loadDecisionModel(path = DECISION_MODEL_PATH): DecisionModel | null {
  if (!existsSync(path)) return null;
  return decisionModelFrom(JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as ModelFile);
}

export type { ModelFile as DecisionModelFile };
