// Broad candidates for the learned event decision: every trigger or candidate-only wording in a sentence, paired
// with each of the firms nearest to it and with the firm the article names most, whether or not the rules' own firm
// choice picked that firm. The rules find few of the events in unseen news (their recall on the annotated corpus is
// under a third); this layer proposes far more, and the decision model (decision.ts) keeps those its features
// support. Never used without a model.
import { EVENT_TYPES, type EventType, type Span } from '../types.ts';
import type { Candidate } from './assemble.ts';
import type { ArticleContext } from './detect.ts';
import type { FirmRef } from './firms.ts';
import { headcountNear } from './headcount.ts';
import { evidenceSpan, rolesIn } from './slots.ts';
import { refSource, type FirmSource, type WeakFirmRef } from './weak-firms.ts';

/** How many of the firms nearest a trigger become candidates, of the firms found and of the weak references. */
const NEAREST = 3;
const NEAREST_WEAK = 2;

const distance = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.end <= b.start ? b.start - a.end : a.start >= b.end ? a.start - b.end : 0;

function firmsIn<F extends FirmRef>(refs: readonly F[], s: Span): F[] {
  return refs.filter((f) => f.start >= s.start && f.end <= s.end);
}

type Target = { ref: FirmRef; rank: number; source: FirmSource; initial: boolean; among: number };

/**
 * The broad candidates of the whole article; `origin: 'broad'` marks them for the features and for the rules-only
 * path. `formFirms` are firms read from their form alone (cjk-firms.ts), `weak` the references weak-firms.ts finds.
 */
export function broadCandidates(ctx: ArticleContext, formFirms: readonly FirmRef[] = [], weak: readonly WeakFirmRef[] = []): Candidate[] {
  const out: Candidate[] = [];
  const { folded, lx } = ctx;
  // A found firm's other occurrences (repeat-firms.ts) are as good as the found ones; the other weak references are not.
  const repeats = weak.filter((w) => w.source === 'repeat');
  const weakOnly = weak.filter((w) => w.source !== 'repeat');
  const known = [...ctx.firms, ...formFirms, ...repeats].sort((a, b) => a.start - b.start);
  const main = mainFirm(known);
  ctx.sentences.forEach((s) => {
    if (s.end <= ctx.capsTitleEnd) return;
    const inSentence = firmsIn(known, s);
    const weakIn = firmsIn(weakOnly, s);
    const antecedent = lastBefore(known, s.start);
    for (const type of EVENT_TYPES) {
      const hits = [...lx.triggers[type].find(folded, s.start, s.end), ...lx.candidates[type].find(folded, s.start, s.end)];
      const trigger = hits.sort((a, b) => b.end - b.start - (a.end - a.start))[0];
      if (!trigger) continue;
      const nearest = <F extends FirmRef>(refs: F[], n: number) => [...refs].sort((a, b) => distance(a, trigger) - distance(b, trigger)).slice(0, n);
      const targets: Array<Target | null> = [
        ...nearest(inSentence, NEAREST).map((ref, rank): Target => ({ ref, rank, source: refSource(ref, formFirms), initial: false, among: inSentence.length })),
        ...nearest(weakIn, NEAREST_WEAK).map((ref, rank): Target => ({ ref, rank, source: ref.source, initial: ref.initial, among: weakIn.length })),
      ];
      // The firm the article is about, for sentences that name it only as "the company", "公司", "we" or not at all.
      if (main && !targets.some((t) => t?.ref.key === main.key)) targets.push({ ref: main, rank: NEAREST, source: 'main', initial: false, among: inSentence.length });
      // The firm named last before the sentence, for "该公司", "these companies", "the carmaker" and clauses that
      // continue the sentence before (on the dev split 38 of 195 gold firms are not in their evidence sentence).
      if (antecedent && !targets.some((t) => t?.ref.key === antecedent.key)) targets.push({ ref: antecedent, rank: NEAREST + 1, source: 'antecedent', initial: false, among: inSentence.length });
      if (!targets.length && type !== 'export_control') continue;
      if (!targets.length) targets.push(null);
      const reading = triggerReading(ctx, type, s, trigger);
      targets.forEach((t) => out.push(broadCandidate(reading, t)));
    }
  });
  return out;
}

/** The last of `refs` (in text order) that ends before `at`. */
function lastBefore(refs: readonly FirmRef[], at: number): FirmRef | null {
  let last: FirmRef | null = null;
  for (const f of refs) if (f.end <= at) last = f;
  return last;
}

/** The firm an article names most often (the first named, on a tie), at its first mention; `refs` in text order. */
function mainFirm(refs: readonly FirmRef[]): FirmRef | null {
  const counts = new Map<string, number>();
  for (const f of refs) counts.set(f.key, (counts.get(f.key) ?? 0) + 1);
  let best: FirmRef | null = null;
  for (const f of refs) if (!best || counts.get(f.key)! > counts.get(best.key)!) best = f;
  return best;
}

/** What a trigger's sentence says whatever firm the candidate is about: read once, shared by its candidates. */
interface TriggerReading {
  type: EventType;
  trigger: { start: number; end: number };
  slots: Pick<Candidate, 'roles' | 'headcount' | 'planned' | 'evidence' | 'trigger' | 'negated'>;
}

function triggerReading(ctx: ArticleContext, type: EventType, s: Span, trigger: { start: number; end: number }): TriggerReading {
  const { folded, lx, text } = ctx;
  return {
    type,
    trigger,
    slots: {
      roles: rolesIn(folded, s, lx),
      headcount: type === 'hiring' || type === 'contraction' ? headcountNear(folded, s, trigger, lx) : null,
      planned: lx.planned.test(folded, s.start, trigger.end),
      evidence: evidenceSpan(text, s, trigger),
      trigger: folded.slice(trigger.start, trigger.end),
      negated: lx.negation.test(folded, Math.max(s.start, trigger.start - 30), trigger.start) || lx.speculation.test(folded, s.start, trigger.start),
    },
  };
}

function broadCandidate({ type, trigger, slots }: TriggerReading, t: Target | null): Candidate {
  const f = t?.ref ?? null;
  return {
    type,
    firmKey: f?.key ?? '',
    firm: f?.name ?? null,
    firms: f ? [f.name] : [],
    person: null,
    location: null,
    locationRank: 9,
    ...slots,
    roles: [...slots.roles],
    sourceFirms: [],
    agency: null,
    confidence: 0.3,
    firmFromKb: f?.fromKb ?? false,
    origin: 'broad',
    firmPlace: t && f ? { rank: t.rank, before: f.end <= trigger.start, distance: distance(f, trigger), inSentence: t.among, first: t.rank === 0 && f.end <= trigger.start, source: t.source, initial: t.initial } : undefined,
  };
}
