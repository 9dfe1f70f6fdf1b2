// Which firm of a sentence an event is about: a learned model over each firm mention in a group's evidence span.
// The decision alone reads where the group's firm stands (its rank, side and distance to the trigger), but not the
// words around it, which tell a subject ("X a annoncé", "招商轮船：") from a possessor, a client or a news agency
// ("selon l'agence X", "据X报道"). Those words as features of the decision memorised the training groups (session
// 14); like the sentence model, this model is trained apart (scripts/events/firm-choice.ts, FTRL with an L1) on the
// firm mentions of the training evidence spans, and the decision reads only its verdict (`firmChoiceFeatures`).
import type { EventType } from '../types.ts';
import { featureIndex, tokens } from './decision.ts';
import type { LanguageLexicon } from './lexicon.ts';

/** A firm reference as the model reads it: where it is, what firm it names, and how it was found. */
export interface MentionRef { key: string; start: number; end: number; source: string; fromKb: boolean }

/** The article as the model reads it: its text, folded text, every firm reference in text order, and their counts. */
export interface MentionContext { text: string; folded: string; refs: readonly MentionRef[]; counts: ReadonlyMap<string, number>; lx: LanguageLexicon }

export function mentionContext(text: string, folded: string, refs: readonly MentionRef[], lx: LanguageLexicon): MentionContext {
  const counts = new Map<string, number>();
  for (const r of refs) counts.set(r.key, (counts.get(r.key) ?? 0) + 1);
  return { text, folded, refs, counts, lx };
}

export interface FirmChoiceModel { bits: number; weights: Record<string, number> }

const bucket = (x: number, edges: number[]) => { let i = 0; while (i < edges.length && x >= edges[i]!) i++; return i; };
const inside = (r: MentionRef, span: { start: number; end: number }) => r.start >= span.start && r.end <= span.end;

/** The references inside a span, in text order. */
export function refsIn(ctx: MentionContext, span: { start: number; end: number }): MentionRef[] {
  return ctx.refs.filter((r) => inside(r, span));
}

type Range = { start: number; end: number };

/** The type's trigger and candidate wording in a span: read once per span, shared by its mentions. */
export function spanHits(ctx: MentionContext, span: Range, type: EventType): Range[] {
  return [...ctx.lx.triggers[type].find(ctx.folded, span.start, span.end), ...ctx.lx.candidates[type].find(ctx.folded, span.start, span.end)];
}

/**
 * The tokens of mention `i` of `inSpan` (the references of one evidence span), for an event of `type` whose wording
 * in the span is `hits` (`spanHits`): the words and characters next to it, its place among the span's firms and
 * relative to the nearest of those hits, how it was found, and how often the article names it. Each token comes
 * plain and joined to the type.
 */
export function firmChoiceTokens(ctx: MentionContext, span: Range, inSpan: readonly MentionRef[], i: number, type: EventType, hits: readonly Range[]): string[] {
  const m = inSpan[i]!;
  const { folded, counts } = ctx;
  const before = tokens(folded.slice(Math.max(span.start, m.start - 40), m.start));
  const after = tokens(folded.slice(m.end, Math.min(span.end, m.end + 40)));
  const out = [
    `l1:${before.at(-1) ?? '^'}`, `l2:${before.at(-2) ?? '^'}`, `r1:${after[0] ?? '$'}`, `r2:${after[1] ?? '$'}`,
    `lp:${ctx.text[m.start - 1] ?? '^'}`, `rp:${ctx.text[m.end] ?? '$'}`,
    `ord:${Math.min(i, 3)}`, `last:${i === inSpan.length - 1}`, `n:${Math.min(inSpan.length, 4)}`,
    `src:${m.source}`, `kb:${m.fromKb}`, `len:${bucket(m.end - m.start, [3, 5, 9, 16])}`,
  ];
  // The same firm named again in the span, and the other firms' share of the article's references.
  const count = counts.get(m.key) ?? 0;
  let above = 0;
  for (const c of counts.values()) if (c > count) above++;
  out.push(`cnt:${bucket(count, [2, 3, 5, 8])}`, `above:${Math.min(above, 3)}`, `again:${inSpan.some((r, j) => j !== i && r.key === m.key)}`);
  if (!hits.length) out.push('trig:none');
  else {
    const dist = (h: { start: number; end: number }) => (h.end <= m.start ? m.start - h.end : h.start >= m.end ? h.start - m.end : 0);
    const near = hits.reduce((a, b) => (dist(b) < dist(a) ? b : a));
    const side = near.start >= m.end ? 'before' : near.end <= m.start ? 'after' : 'over';
    const between = inSpan.filter((r) => r !== m && (side === 'before' ? r.start >= m.end && r.end <= near.start : r.start >= near.end && r.end <= m.start)).length;
    out.push(`trig:${side}`, `tdist:${side}|${bucket(dist(near), [2, 6, 15, 40, 80])}`, `tbetween:${side}|${Math.min(between, 2)}`, `tw:${side}|${folded.slice(near.start, near.end)}`);
  }
  return ['bias', ...out, ...out.map((t) => `${type}|${t}`)];
}

/** The model's scorer: tokens -> probability that the mention is the event's firm. */
export function firmChoiceScorer(model: FirmChoiceModel): (tokens: string[]) => number {
  const w = new Map(Object.entries(model.weights).map(([k, v]) => [Number(k), v]));
  return (toks) => {
    let z = 0;
    for (const i of new Set(toks.map((t) => featureIndex(t, model.bits)))) z += w.get(i) ?? 0;
    return 1 / (1 + Math.exp(-z));
  };
}

const CHOICE_EDGES = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9];

/**
 * The decision's features from the model's verdicts on an evidence span's firms: the group's firm's best verdict,
 * whether no other firm of the span scores higher, and its margin over the best other; 'none' when the group's firm
 * is not named in the span (the article's main firm, the one named before).
 */
export function firmChoiceFeatures(type: EventType, firmKey: string, inSpan: readonly MentionRef[], scores: readonly number[]): string[] {
  let own = -1, other = 0;
  inSpan.forEach((r, i) => { if (r.key === firmKey) own = Math.max(own, scores[i]!); else other = Math.max(other, scores[i]!); });
  if (own < 0) return [`fch:none`, `fch:${type}|none`];
  const b = bucket(own, CHOICE_EDGES);
  const top = own >= other;
  return [`fch:${b}`, `fch:${type}|${b}`, `fchtop:${top}`, `fchtop:${type}|${top}`, `fchgap:${bucket(own - other, [-0.5, -0.2, 0, 0.2, 0.5])}`];
}

/**
 * The decision's firm-choice features for groups: `(type, firmKey, span)` -> features. Groups about other firms
 * often share a type and an evidence span; the span's mentions are scored once for all of them.
 */
export function firmChoiceReader(ctx: MentionContext, score: (tokens: string[]) => number): (type: EventType, firmKey: string, span: Range) => string[] {
  const spans = new Map<string, { inSpan: MentionRef[]; scores: number[] }>();
  return (type, firmKey, span) => {
    const key = `${type}|${span.start}|${span.end}`;
    let read = spans.get(key);
    if (!read) {
      const inSpan = refsIn(ctx, span), hits = spanHits(ctx, span, type);
      spans.set(key, (read = { inSpan, scores: inSpan.map((_, i) => score(firmChoiceTokens(ctx, span, inSpan, i, type, hits))) }));
    }
    return firmChoiceFeatures(type, firmKey, read.inSpan, read.scores);
  };
}
