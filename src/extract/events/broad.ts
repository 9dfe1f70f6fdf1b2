// Broad candidates for the learned event decision: every trigger or candidate-only wording in a sentence, paired
// with each of the firms nearest to it, whether or not the rules' own firm choice picked that firm. The rules find
// few of the events in unseen news (their recall on the annotated corpus is under a third); this layer proposes
// far more, and the decision model (decision.ts) keeps those its features support. Never used without a model.
import { EVENT_TYPES, type EventType, type Span } from '../types.ts';
import type { Candidate } from './assemble.ts';
import type { ArticleContext } from './detect.ts';
import type { FirmRef } from './firms.ts';
import { headcountNear } from './headcount.ts';
import { evidenceSpan, rolesIn } from './slots.ts';

/** How many of the firms nearest a trigger become candidates. */
const NEAREST = 3;

const distance = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.end <= b.start ? b.start - a.end : a.start >= b.end ? a.start - b.end : 0;

function firmsIn(ctx: ArticleContext, s: Span): FirmRef[] {
  return ctx.firms.filter((f) => f.start >= s.start && f.end <= s.end);
}

/** The broad candidates of the whole article; `origin: 'broad'` marks them for the features and for the rules-only path. */
export function broadCandidates(ctx: ArticleContext): Candidate[] {
  const out: Candidate[] = [];
  const { folded, lx } = ctx;
  ctx.sentences.forEach((s) => {
    if (s.end <= ctx.capsTitleEnd) return;
    const inSentence = firmsIn(ctx, s);
    for (const type of EVENT_TYPES) {
      const hits = [...lx.triggers[type].find(folded, s.start, s.end), ...lx.candidates[type].find(folded, s.start, s.end)];
      const trigger = hits.sort((a, b) => b.end - b.start - (a.end - a.start))[0];
      if (!trigger) continue;
      const ranked = [...inSentence].sort((a, b) => distance(a, trigger) - distance(b, trigger));
      const targets: Array<FirmRef | null> = ranked.slice(0, NEAREST);
      if (!targets.length && type !== 'export_control') continue;
      if (!targets.length) targets.push(null);
      targets.forEach((f, rank) => out.push(broadCandidate(ctx, type, s, trigger, f, rank, inSentence.length)));
    }
  });
  return out;
}

function broadCandidate(ctx: ArticleContext, type: EventType, s: Span, trigger: { start: number; end: number }, f: FirmRef | null, rank: number, firmsInSentence: number): Candidate {
  const { folded, lx, text } = ctx;
  return {
    type,
    firmKey: f?.key ?? '',
    firm: f?.name ?? null,
    firms: f ? [f.name] : [],
    person: null,
    location: null,
    locationRank: 9,
    roles: rolesIn(folded, s, lx),
    sourceFirms: [],
    agency: null,
    headcount: type === 'hiring' || type === 'contraction' ? headcountNear(folded, s, trigger, lx) : null,
    planned: lx.planned.test(folded, s.start, trigger.end),
    confidence: 0.3,
    evidence: evidenceSpan(text, s, trigger),
    trigger: folded.slice(trigger.start, trigger.end),
    firmFromKb: f?.fromKb ?? false,
    origin: 'broad',
    firmPlace: f ? { rank, before: f.end <= trigger.start, distance: distance(f, trigger), inSentence: firmsInSentence, first: firmsIn(ctx, s)[0] === f } : undefined,
    negated: lx.negation.test(folded, Math.max(s.start, trigger.start - 30), trigger.start) || lx.speculation.test(folded, s.start, trigger.start),
  };
}
