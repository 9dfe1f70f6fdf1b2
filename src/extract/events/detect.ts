// Per-sentence event detection: trigger hits, denial/speculation filters, then the firm and slots for each hit.
import type { EventType, Mention, Span } from '../types.ts';
import { EVENT_TYPES } from '../types.ts';
import type { Candidate } from './assemble.ts';
import { firmKey, type FirmRef } from './firms.ts';
import { headcountNear } from './headcount.ts';
import type { LanguageLexicon } from './lexicon.ts';
import type { PatternHit } from './patterns.ts';
import { coordinated, cuedSources, evidenceSpan, personFallback, personNear, placeIn, rolesIn } from './slots.ts';

/** Everything the rules need about one article, computed once. */
export interface ArticleContext {
  text: string;
  folded: string;
  lx: LanguageLexicon;
  sentences: Span[];
  mentions: Mention[];
  firms: FirmRef[];
  exportControls: Span[];
  kindOf: (entityId: string) => string | undefined;
  /** End of an ALL-CAPS title (Reuters), 0 when there is none: no events are read from it. */
  capsTitleEnd: number;
  /** The article's regulator, for export-control sentences that do not name one. */
  agencyFallback: string | null;
}

/** A firm that took on a named person: the seed of a cross-sentence talent move. */
export interface Arrival {
  firmKey: string;
  firm: string;
  person: string;
  sentence: number;
  /** True when the person was read from capitalised words, not found by the entity stage. */
  guessed?: boolean;
}

type Range = { start: number; end: number };

// Chips, semiconductors or compute: export-control sentences must name one of them.
const CHIP_CONTEXT = /chip|semiconduct|microprocesad|procesador|gpu|nvidia|compute|computing|computacion|supercomput|nube|cloud|modelos de ia|ai model|accelerat|h100|a100|h800|a800|wafer|lithograph|litograf|asml|芯片|半导体|halbleiter|puce|semicondut/;
const BOARD_ONLY = /^[^]{0,40}(?:board members?|to (?:the|its) board|miembros? del consejo|consejeros?\b)/;

// "ofertas de trabajo en LinkedIn", "jobs posted on Indeed": a firm after the trigger behind these is a venue, not the actor.
const VENUE_BEFORE = /(?:\b(?:en|on|via|through|a traves de|sur|auf|no|na)\s+(?:el|la|the|le|der|die|o|a)?\s*)$/;

// "según ha declarado a EFE", "told Reuters": a firm a statement is made to is the reporter, never the actor.
const REPORTER_BEFORE = /(?:\b(?:declar\w*|dijo|dice|explic\w*|inform\w*|manifest\w*|told|according to|segun)\s+(?:a\s+)?(?:la agencia\s+|the\s+)?)$/;

function isReporter(ctx: ArticleContext, f: FirmRef): boolean {
  return REPORTER_BEFORE.test(ctx.folded.slice(Math.max(0, f.start - 40), f.start)) || (ctx.text[f.start - 1] === '(' && ctx.text[f.end] === ')');
}

function isVenue(ctx: ArticleContext, f: FirmRef, trigger: Range): boolean {
  return f.start >= trigger.end && f.start - trigger.end < 40 && VENUE_BEFORE.test(ctx.folded.slice(trigger.end, f.start)) && !/\b(?:of|de)\b/.test(ctx.folded.slice(trigger.end, f.start));
}

/** True when the sentence refers back to a firm ("the company said", "la compañía ha publicado") before the trigger and names none there. */
function anaphoricSubject(ctx: ArticleContext, s: Span, trigger: Range, inSentence: FirmRef[]): boolean {
  if (inSentence.some((f) => f.end <= trigger.start)) return false;
  return ctx.lx.anaphora.find(ctx.folded, s.start, trigger.start).some((h) => h.end - h.start > 3);
}

function distance(a: Range, b: Range): number {
  return a.end <= b.start ? b.start - a.end : a.start >= b.end ? a.start - b.end : 0;
}

function hitsIn(ctx: ArticleContext, type: EventType, s: Span): PatternHit[] {
  return ctx.lx.triggers[type].find(ctx.folded, s.start, s.end);
}

/**
 * The sentence's subject when it opens with a firm followed by an apposition that closes just before the verb:
 * in "Unofirst, fruto de la alianza entre Uno-e … y First-e, ha iniciado su expansión" the firms inside the commas
 * describe Unofirst and are nearer the trigger, but Unofirst is the actor.
 */
function appositiveSubject(ctx: ArticleContext, trigger: Range, usable: FirmRef[]): FirmRef | null {
  const s = ctx.sentences.find((x) => x.start <= trigger.start && trigger.start < x.end);
  const before = usable.filter((f) => f.end <= trigger.start).sort((a, b) => a.start - b.start);
  const first = before[0];
  if (!s || !first || before.length < 2 || first.start - s.start > 60) return null;
  const between = ctx.text.slice(first.end, trigger.start);
  const close = between.lastIndexOf(',');
  if (!/^\s*,/.test(between) || close <= between.indexOf(',') || /[;:]/.test(between)) return null;
  // The verb phrase after the apposition is short ("ha iniciado su", "said it would"); a firm there is a new subject.
  const tail = first.end + close + 1;
  if (trigger.start - tail > 40 || before.some((f) => f.start >= tail)) return null;
  return first;
}

/** True when some sentence naming the person has a source cue followed by a name other than `firm` ("Muller … procede del Grasshopper"). */
function namedSource(ctx: ArticleContext, person: string, firm: FirmRef): boolean {
  const surname = person.split(/\s+/).pop() ?? person;
  if (surname.length < 3) return false;
  return ctx.sentences.some((s) => {
    if (!ctx.text.slice(s.start, s.end).includes(surname)) return false;
    return ctx.lx.sourceCues.find(ctx.folded, s.start, s.end).some((cue) => {
      const next = /^\s+(?:(?:the|el|la|los|del|de)\s+)?(\p{Lu}[\p{L}\-]+(?:\s+\p{Lu}[\p{L}\-]+)*)/u.exec(ctx.text.slice(cue.end, s.end));
      return next !== null && firmKey(next[1]!) !== firm.key && !firm.name.includes(next[1]!);
    });
  });
}

/** The firm a trigger is about: passive agent, "<title> of X" for appointments, else the nearest, subjects first. */
function pickFirm(ctx: ArticleContext, type: EventType, trigger: Range, inSentence: FirmRef[], exclude: FirmRef[]): FirmRef | null {
  // A firm inside the trigger is not its actor; one right next to it is (Chinese writes "百度任命" without a space).
  const usable = inSentence.filter((f) => (!(f.start < trigger.end && trigger.start < f.end) || type === 'export_control') && !exclude.includes(f) && !isVenue(ctx, f, trigger) && !isReporter(ctx, f));
  for (const f of usable) {
    if (f.start < trigger.end) continue;
    const between = ctx.folded.slice(trigger.end, f.start);
    if (/^\s*(?:por|by|par|von|pelo|pela)\s+(?:el|la|los|the|le|der|die|o|a)?\s*$/.test(between)) return f;
    if (type === 'leadership' && between.length < 120 && /\b(?:of|de|del|at|en)\s+(?:the|el|la|its|su)?\s*$/.test(between) && ctx.lx.leaderTitles.test(ctx.folded, trigger.start, f.start)) return f;
  }
  if (type === 'talent_move') {
    const after = usable.filter((f) => f.start >= trigger.start).sort((a, b) => a.start - b.start)[0];
    if (after) return after;
  }
  const subject = appositiveSubject(ctx, trigger, usable);
  if (subject) return subject;
  let best: FirmRef | null = null;
  let bestScore = Infinity;
  for (const f of usable) {
    const d = distance(f, trigger);
    const score = f.end <= trigger.start ? d : d * 1.5 + 10;
    if (score < bestScore) {
      best = f;
      bestScore = score;
    }
  }
  return best;
}

/** The firm an anaphoric sentence ("the company said it will…") is about: the last firm named shortly before, else the article's main firm. */
function salientFirm(ctx: ArticleContext, si: number): FirmRef | null {
  const s = ctx.sentences[si]!;
  const windowStart = ctx.sentences[Math.max(0, si - 2)]!.start;
  // The first firm of the latest sentence that names one is usually its subject; firms named as where talent
  // comes from ("ex-OpenAI") are never the subject.
  for (let i = si - 1; i >= 0 && ctx.sentences[i]!.start >= windowStart; i--) {
    const prev = ctx.sentences[i]!;
    const inPrev = firmsInSentence(ctx, prev);
    const sources = cuedSources(ctx.folded, ctx.text, prev, inPrev, ctx.lx);
    const subject = inPrev.find((f) => !sources.includes(f));
    if (subject) return subject;
  }
  const counts = new Map<string, { n: number; ref: FirmRef }>();
  for (const f of ctx.firms) {
    if (isReporter(ctx, f)) continue;
    const c = counts.get(f.key) ?? { n: 0, ref: f };
    c.n++;
    counts.set(f.key, c);
  }
  const top = [...counts.values()].sort((a, b) => b.n - a.n)[0];
  return top && top.n >= 2 ? top.ref : null;
}

/** Firms named as owners of the actor ("participada por el BBVA, Terra y Enba", "a unit of X"), with their lists. */
function ownedBy(ctx: ArticleContext, s: Span, inSentence: FirmRef[]): FirmRef[] {
  const out: FirmRef[] = [];
  for (const cue of ctx.lx.owners.find(ctx.folded, s.start, s.end)) {
    // Every firm shortly after the cue: owner lists are often loose ("participada por el BBVA, Terra y el grupo británico Enba").
    for (const g of inSentence) if (g.start >= cue.end && g.start - cue.end <= 60 && !/[;:]/.test(ctx.text.slice(cue.end, g.start)) && !out.includes(g)) out.push(g);
  }
  return out;
}

function firmsInSentence(ctx: ArticleContext, s: Span): FirmRef[] {
  return ctx.firms.filter((f) => f.start >= s.start && f.end <= s.end);
}

/** A person the entity stage missed, for the event types that need one; shaped like a mention. */
function namedPerson(ctx: ArticleContext, s: Span, trigger: Range, type: EventType): Mention | null {
  if (type !== 'leadership' && type !== 'talent_move' && type !== 'hiring') return null;
  const covered = [...ctx.firms, ...ctx.mentions.filter((m) => m.type !== 'person')];
  const name = personFallback(ctx.text, s, trigger, covered);
  if (!name) return null;
  const start = ctx.text.indexOf(name, s.start);
  return { type: 'person', entityId: `new:person:${name}`, name, text: name, start, end: start + name.length, origin: 'rule', confidence: 0.5 };
}

function personBefore(ctx: ArticleContext, s: Span, trigger: Range): Mention | null {
  const people = ctx.mentions.filter((m) => m.type === 'person' && m.start >= s.start && m.end <= trigger.start);
  return people[people.length - 1] ?? null;
}

/** Where a person is said to be in the sentence before ("Wu Yuxin, quien se encuentra en San Francisco"). */
function placeNearPerson(ctx: ArticleContext, si: number, person: Mention): Mention | null {
  const prev = ctx.sentences[si - 1];
  if (!prev || !ctx.text.slice(prev.start, prev.end).includes(person.name.split(' ').pop() ?? person.name)) return null;
  return placeIn(ctx.mentions, prev, { start: prev.start, end: prev.start }, ctx.firms, ctx.kindOf, ctx.folded, false);
}

function lastPersonBefore(ctx: ArticleContext, si: number): Mention | null {
  const prev = ctx.sentences[si - 1];
  if (!prev) return null;
  const people = ctx.mentions.filter((m) => m.type === 'person' && m.start >= prev.start && m.end <= prev.end);
  return people[people.length - 1] ?? null;
}

/** Every candidate event stated in sentence `si`; arrivals of named people are pushed to `arrivals`. */
export function detectSentence(ctx: ArticleContext, si: number, arrivals: Arrival[]): Candidate[] {
  const s = ctx.sentences[si]!;
  if (s.end <= ctx.capsTitleEnd) return [];
  const { folded, lx, text } = ctx;
  const inSentence = firmsInSentence(ctx, s);
  const out: Candidate[] = [];
  for (const type of EVENT_TYPES) {
    for (const trigger of hitsIn(ctx, type, s)) {
      // A denial just before the trigger, or a guess anywhere before it in the sentence, is not an event.
      if (lx.negation.test(folded, Math.max(s.start, trigger.start - 30), trigger.start)) continue;
      if (lx.speculation.test(folded, s.start, trigger.start)) continue;
      if (type === 'export_control' && !CHIP_CONTEXT.test(folded.slice(s.start, s.end)) && !ctx.exportControls.some((e) => e.start < s.end && s.start < e.end)) continue;
      let confidence = 0.6;
      if (lx.hedge.test(folded, s.start, trigger.start)) confidence -= 0.15;
      const sources = cuedSources(folded, text, s, inSentence, lx);
      // The firm a person leaves is the leadership event's firm ("Former Apple director … resigned"), not a source.
      const leaving = type === 'leadership' && lx.departure.test(folded, trigger.start, trigger.end);
      const exclude = type === 'export_control' ? [] : [...(leaving ? [] : sources), ...ownedBy(ctx, s, inSentence)];
      let firm = anaphoricSubject(ctx, s, trigger, inSentence) ? null : pickFirm(ctx, type, trigger, inSentence, exclude);
      if (firm) confidence += firm.fromKb ? 0.25 : 0.18;
      else if (type !== 'export_control') {
        // Only a sentence that refers back to a firm ("it", "the company", "su") borrows the previous one's firm;
        // "Chinese start-ups are hiring" names no firm and stays unattached.
        // A construction with no subject ("200 new jobs are to be created", "la apertura de nuevas oficinas") is about
        // the firm the text is already talking about.
        if (!lx.anaphora.test(folded, s.start, s.end) && !lx.agentless.test(folded, s.start, s.end)) continue;
        firm = salientFirm(ctx, si);
        if (!firm) continue;
        confidence += 0.02;
      }
      const person0 = personNear(ctx.mentions, s, trigger) ?? namedPerson(ctx, s, trigger, type);
      const base = {
        location: null as string | null,
        locationRank: 9,
        roles: rolesIn(folded, s, lx),
        headcount: headcountNear(folded, s, trigger, lx),
        planned: lx.planned.test(folded, s.start, trigger.end),
        evidence: evidenceSpan(text, s, trigger),
        agency: null as string | null,
      };
      const place = placeIn(ctx.mentions, s, trigger, ctx.firms, ctx.kindOf, folded);
      if (place) {
        base.location = place.name;
        base.locationRank = ['hub', 'district'].includes(ctx.kindOf(place.entityId) ?? '') ? 0 : ({ city: 1, province: 2, state: 2, region: 3, country: 4 } as Record<string, number>)[ctx.kindOf(place.entityId) ?? 'city'] ?? 1;
      }
      const mk = (t: EventType, f: FirmRef | null, extra: Partial<Candidate>): Candidate => ({
        type: t,
        firmKey: f?.key ?? '',
        firm: f?.name ?? null,
        firms: f ? [f.name] : [],
        person: null,
        sourceFirms: [],
        ...base,
        trigger: folded.slice(trigger.start, trigger.end),
        firmFromKb: f?.fromKb ?? false,
        confidence,
        ...extra,
      });
      if (type === 'export_control') {
        const agency = ctx.mentions.find((m) => m.type === 'agency' && m.start >= s.start && m.end <= s.end)?.name ?? ctx.agencyFallback;
        const firms = inSentence.map((f) => f.name).filter((n, i, a) => a.indexOf(n) === i);
        out.push(mk(type, firm, { firms, agency, location: null, locationRank: 9, confidence: confidence + (firm ? 0 : 0.2) + (agency ? 0.05 : 0) }));
        continue;
      }
      const group = firm ? coordinated(firm, inSentence, text) : [];
      const targets = group.length ? group : [firm!];
      if (type === 'leadership') {
        // "X will succeed Y", "X sustituye a Y": the person after the trigger is the one leaving.
        const succession = /succe|replac|sustitu|relev|remplac|ersetz|substitu/.test(folded.slice(trigger.start, trigger.end));
        const before = succession ? personBefore(ctx, s, trigger) : null;
        const person = before ?? person0 ?? lastPersonBefore(ctx, si);
        if (!person || new RegExp(BOARD_ONLY.source).test(folded.slice(trigger.end, s.end))) continue;
        const departure = lx.departure.test(folded, trigger.start, trigger.end);
        if (!departure) arrivals.push({ firmKey: firm!.key, firm: firm!.name, person: person.name, sentence: si, guessed: person.origin === 'rule' && person.entityId.startsWith('new:') });
        if (!lx.leaderTitles.test(folded, s.start, s.end)) continue;
        const place = base.location ? null : placeNearPerson(ctx, si, person);
        const located = place ? { location: place.name, locationRank: 5 } : {};
        out.push(mk(type, firm, { person: person.name, confidence: confidence + (person0 ? 0.05 : -0.05), headcount: null, ...located }));
        continue;
      }
      if (type === 'talent_move') {
        const movers = inSentence.filter((f) => f.key !== firm!.key && !targets.includes(f));
        const from = [...new Set([...sources, ...movers].map((f) => f.name))];
        if (!person0 && !from.length) continue;
        // A move needs somewhere the talent comes from (ANNOTATION.md): "Joining the company as a 15-year-old part-time
        // worker" names none, and the article says of no other firm that he came from it, so it is a career detail.
        if (!from.length && !(person0 ? namedSource(ctx, person0.name, firm!) : lx.sourceCues.test(folded, s.start, s.end))) {
          if (person0) arrivals.push({ firmKey: firm!.key, firm: firm!.name, person: person0.name, sentence: si });
          continue;
        }
        if (person0) arrivals.push({ firmKey: firm!.key, firm: firm!.name, person: person0.name, sentence: si });
        for (const f of targets) out.push(mk(type, f, { person: person0?.name ?? null, sourceFirms: from }));
        continue;
      }
      if (type === 'hiring') {
        // "Lauren Bisan, que ha sido contratado por el Arsenal": one named person hired is a talent move.
        const namedHire = person0 && distance(person0, trigger) <= 40 && base.headcount == null && !base.roles.length;
        if (namedHire) {
          arrivals.push({ firmKey: firm!.key, firm: firm!.name, person: person0.name, sentence: si });
          const from = inSentence.filter((f) => f.key !== firm!.key).map((f) => f.name);
          out.push(mk('talent_move', firm, { person: person0.name, sourceFirms: from }));
          continue;
        }
        if (sources.length) for (const f of targets) out.push(mk('talent_move', f, { sourceFirms: sources.map((x) => x.name), confidence: confidence - 0.05 }));
        // "Microsoft hires ex-OpenAI leaders": people drawn from a named firm with no jobs, roles or count is the move alone.
        if (sources.length && base.headcount == null && !base.roles.length && !lx.jobNouns.test(folded, s.start, s.end)) continue;
        // "la empresa que lo está contratando": one named person and no jobs, roles or staff is not a hiring drive.
        if (person0 && base.headcount == null && !base.roles.length && !lx.jobNouns.test(folded, s.start, s.end)) continue;
      }
      for (const f of targets) out.push(mk(type, f, { sourceFirms: type === 'hiring' ? sources.map((x) => x.name) : [] }));
    }
  }
  return out;
}

/** Talent moves that span sentences: a person who arrives at one firm and is elsewhere said to come from another. */
export function careerMoves(ctx: ArticleContext, arrivals: Arrival[], candidates: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  const departures = candidates.filter((c) => c.type === 'leadership' && c.person);
  for (const a of arrivals) {
    // A name guessed from capitalised words ("Producción de Programas Informativos") is too weak to carry a career.
    if (a.guessed) continue;
    const surname = firmKey(a.person).split(' ').pop() ?? '';
    if (surname.length < 3) continue;
    const sources = new Set<string>();
    for (const d of departures) if (d.person === a.person && d.firmKey !== a.firmKey && d.firm && ctx.lx.departure.test(ctx.folded, d.evidence.start, d.evidence.end)) sources.add(d.firm);
    let evidence: Span | null = null;
    ctx.sentences.forEach((s) => {
      const at = ctx.folded.indexOf(surname, s.start);
      if (at < 0 || at >= s.end) return;
      for (const g of firmsInSentence(ctx, s)) {
        if (g.key === a.firmKey || g.start < at || g.start - at > 140) continue;
        if (!ctx.lx.sourceCues.test(ctx.folded, at, g.start) && !/\b(?:currently|formerly|was|era|fue)\b/.test(ctx.folded.slice(at, g.start))) continue;
        sources.add(g.name);
        evidence ??= { text: s.text, start: s.start, end: s.end };
      }
    });
    if (!sources.size) continue;
    const s = ctx.sentences[a.sentence]!;
    out.push({
      type: 'talent_move', firmKey: a.firmKey, firm: a.firm, firms: [a.firm], person: a.person, location: null, locationRank: 9, roles: [],
      sourceFirms: [...sources], agency: null, headcount: null, planned: false, confidence: 0.7,
      evidence: evidence ?? { text: s.text, start: s.start, end: s.end }, trigger: 'career-move',
      firmFromKb: ctx.firms.some((f) => f.key === a.firmKey && f.fromKb),
    });
  }
  return out;
}
