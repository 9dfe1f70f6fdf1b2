// One event per (type, firm) in an article: candidates from every sentence are grouped, the best sentence becomes
// the evidence, and slots the best sentence lacks are filled from the others.
import type { EventType, ExtractedEvent, Span } from '../types.ts';
import type { FirmSource } from './weak-firms.ts';

/** What one trigger in one sentence yields before grouping. */
export interface Candidate {
  type: EventType;
  /** Article-level firm key (see firms.ts), '' when the event names no firm (export controls). */
  firmKey: string;
  firm: string | null;
  firms: string[];
  person: string | null;
  location: string | null;
  /** Lower is more specific (see slots.ts). */
  locationRank: number;
  roles: string[];
  sourceFirms: string[];
  agency: string | null;
  headcount: number | null;
  planned: boolean;
  confidence: number;
  evidence: Span;
  /** The folded trigger text that fired ("cut jobs", "nombrado"), a feature of the event decision. */
  trigger: string;
  firmFromKb: boolean;
  /** 'broad' when proposed by broad.ts for the learned decision only; absent for the rules' own candidates. */
  origin?: 'broad';
  /** Where the firm stands relative to the trigger (broad candidates). */
  firmPlace?: { rank: number; before: boolean; distance: number; inSentence: number; first: boolean; source?: FirmSource; initial?: boolean };
  /** A denial or speculation cue before the trigger (broad candidates keep it as a feature instead of dropping). */
  negated?: boolean;
}

/** One assembled event and the candidates it was merged from, strongest first (what the decision model reads). */
export interface EventGroup {
  event: ExtractedEvent;
  members: Candidate[];
}

/** The firm key a group is about ('' when none of its members names a firm). */
export const groupFirmKey = (g: EventGroup): string => g.members.find((m) => m.firmKey)?.firmKey ?? '';

function strength(c: Candidate): number {
  const slots = [c.person, c.location, c.headcount, c.agency].filter((x) => x != null).length + (c.roles.length ? 1 : 0) + (c.sourceFirms.length ? 1 : 0);
  return c.confidence + 0.04 * slots;
}

function union(lists: string[][], drop: Array<string | null>): string[] {
  const out: string[] = [];
  for (const list of lists) for (const x of list) if (!out.includes(x) && !drop.includes(x)) out.push(x);
  return out;
}

/** Groups candidates by (type, firm) and merges each group into one event, strongest evidence first. */
export function assemble(candidates: Candidate[], minConfidence: number, headlineEnd = 0): ExtractedEvent[] {
  return assembleGroups(candidates, headlineEnd).map((g) => g.event).filter((e) => e.confidence >= minConfidence);
}

/** Every (type, firm) group with its merged event, whatever its rule confidence, in text order. */
export function assembleGroups(candidates: Candidate[], headlineEnd = 0): EventGroup[] {
  const groups = new Map<string, Candidate[]>();
  // A move into a post with no firm it comes from is the appointment itself: leadership says it already.
  const appointed = new Set(candidates.filter((c) => c.type === 'leadership' && c.person).map((c) => `${c.firmKey}\u0000${c.person}`));
  // A headline that states export controls without a firm restates the story the body tells about a firm, and a
  // body sentence that names no firm elaborates the control a headline states about one.
  const controls = candidates.filter((c) => c.type === 'export_control' && c.firmKey);
  const controlFirm = controls.find((c) => c.evidence.end <= headlineEnd) ?? controls[0];
  const headlineFirm = controlFirm && controlFirm.evidence.end <= headlineEnd;
  for (const c of candidates) {
    if (c.type === 'talent_move' && !c.sourceFirms.length && c.person && appointed.has(`${c.firmKey}\u0000${c.person}`)) continue;
    const restated = c.type === 'export_control' && !c.firmKey && controlFirm && (c.evidence.end <= headlineEnd || headlineFirm);
    const key = `${c.type}\u0000${restated ? controlFirm.firmKey : c.firmKey}`;
    const list = groups.get(key) ?? [];
    list.push(c);
    groups.set(key, list);
  }
  const events: EventGroup[] = [];
  for (const list of groups.values()) {
    const ranked = [...list].sort((a, b) => strength(b) - strength(a) || a.evidence.start - b.evidence.start);
    let best = ranked[0]!;
    const named = ranked.find((c) => c.firm);
    if (!best.firm && named) best = { ...best, firm: named.firm, firmKey: named.firmKey };
    // Several sentences stating the same event make it more certain.
    const confidence = Math.min(0.99, best.confidence + 0.05 * (list.length - 1));
    const located = [...list].filter((c) => c.location).sort((a, b) => a.locationRank - b.locationRank);
    const location = best.location && best.locationRank <= (located[0]?.locationRank ?? 9) ? best.location : (located[0]?.location ?? null);
    const event: ExtractedEvent = {
      type: best.type,
      firm: best.firm,
      location,
      person: best.person ?? ranked.find((c) => c.person)?.person ?? null,
      roles: union(ranked.map((c) => c.roles), []),
      sourceFirms: union(ranked.map((c) => c.sourceFirms), [best.firm]),
      firms: union([best.firm ? [best.firm] : [], ...ranked.map((c) => c.firms)], []),
      agency: best.agency ?? ranked.find((c) => c.agency)?.agency ?? null,
      headcount: best.headcount ?? ranked.find((c) => c.headcount != null)?.headcount ?? null,
      planned: best.planned,
      confidence: Math.round(confidence * 100) / 100,
      evidence: best.evidence,
    };
    events.push({ event, members: ranked });
  }
  return events.sort((a, b) => a.event.evidence.start - b.event.evidence.start);
}
