// Resolution: every mention to one canonical entity. Knowledge-base matches pick among their candidates from context
// (Washington the city or the US government; Georgia the state or the country); everyday-word firm names at a sentence
// start need company context; names the knowledge base does not know become "new:<type>:<slug>" entities when their
// type is clear (an ORG is a firm only when the text calls it a company); short person names ("Wang") join the full
// name mentioned before them.
import type { GazetteerMatch } from './gazetteer.ts';
import { slugify, type KbEntity, type KnowledgeBase } from './kb.ts';
import { agencyName, atSentenceStart, firmBefore, firmContext, firmNameShape, locativeContext } from './context.ts';
import type { NameSpan } from './name-spans.ts';
import type { EntityType, Mention } from './types.ts';

const TYPE_PREFIX: Record<EntityType, string> = { firm: 'firm', person: 'person', location: 'location', agency: 'agency' };

/** Picks one entity among a match's candidates; null drops the match (e.g. "Cruise" opening a sentence without company context). */
export function chooseCandidate(kb: KnowledgeBase, m: GazetteerMatch, text: string, dominantCountry: string | null): KbEntity | null {
  const cands = m.entityIds.map((id) => kb.entity(id)).filter((e): e is KbEntity => Boolean(e));
  if (!cands.length) return null;
  let pick = cands[0]!;
  if (cands.length > 1) {
    const types = new Set(cands.map((c) => c.type));
    if (types.has('location') && types.has('agency')) {
      // A capital standing for its government ("Washington presiona", "entre Washington y Pekín") unless named as a place.
      const wantLoc = locativeContext(text, m.start, m.end);
      pick = cands.find((c) => (c.type === 'location') === wantLoc) ?? pick;
    } else if (types.has('firm') && cands.some((c) => c.type !== 'firm')) {
      pick = firmContext(text, m.start, m.end) ? cands.find((c) => c.type === 'firm')! : cands.find((c) => c.type !== 'firm')!;
    } else if (dominantCountry) {
      pick = cands.find((c) => c.country === dominantCountry) ?? pick;
    }
  }
  return pick;
}

/** Mentions from knowledge-base matches, after candidate choice and the everyday-word rule. */
export function resolveKbMatches(kb: KnowledgeBase, matches: GazetteerMatch[], text: string, lang: string): Mention[] {
  // The country most places in the article belong to breaks ties between same-named places.
  const counts = new Map<string, number>();
  for (const m of matches) {
    if (m.entityIds.length !== 1) continue;
    const e = kb.entity(m.entityIds[0]!);
    if (e?.type === 'location' && e.country) counts.set(e.country, (counts.get(e.country) ?? 0) + 1);
  }
  const dominant = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const out: Mention[] = [];
  for (const m of matches) {
    if (kb.isStopword(m.text, lang)) continue;
    const e = chooseCandidate(kb, m, text, dominant);
    if (!e) continue;
    const common = Boolean(e.commonWord) && e.name === m.text;
    const ambiguous = m.entityIds.length > 1;
    out.push({ text: m.text, start: m.start, end: m.end, type: e.type, entityId: e.id, name: e.name, origin: 'kb',
      confidence: common || ambiguous ? 0.7 : 0.95 });
  }
  // Everyday-word names at a sentence start ("Cruise ships...", "Apple pie...") count only with company context or
  // another mention of the same firm elsewhere in the article.
  return out.filter((mn) => {
    const e = kb.entity(mn.entityId);
    if (!e?.commonWord || !atSentenceStart(text, mn.start)) return true;
    if (firmContext(text, mn.start, mn.end)) return true;
    return out.some((o) => o !== mn && o.entityId === mn.entityId && !atSentenceStart(text, o.start));
  });
}

const SOURCE_RANK: Record<NameSpan['source'], number> = { ner: 0, rule: 1, compromise: 2 };

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;

function tokens(s: string): string[] {
  return s.split(/[\s\u00A0]+/).filter(Boolean);
}

/** Strips stop words from both ends of a candidate ("IA Accio" -> "Accio"); null when nothing is left. */
function stripStopwords(kb: KnowledgeBase, text: string, n: NameSpan, lang: string): NameSpan | null {
  let { start, end } = n;
  for (;;) {
    const s = text.slice(start, end);
    const lead = /^\S+/u.exec(s)?.[0];
    if (lead && lead.length < s.length && kb.isStopword(lead, lang)) { start += lead.length; while (/\s/u.test(text[start] ?? '')) start++; continue; }
    const trail = /\S+$/u.exec(s)?.[0];
    if (trail && trail.length < s.length && kb.isStopword(trail, lang)) { end -= trail.length; while (/\s/u.test(text[end - 1] ?? '')) end--; continue; }
    break;
  }
  const s = text.slice(start, end);
  if (!s || kb.isStopword(s, lang) || !/\p{Lu}|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(s)) return null;
  return { ...n, start, end, text: s };
}

/** Mentions for names the knowledge base does not know, typed from the tagger and context. */
export function resolveNewNames(kb: KnowledgeBase, names: NameSpan[], taken: Mention[], text: string, lang: string): Mention[] {
  const out: Mention[] = [];
  // A span the tagger saw but we rejected still claims its text, so a weaker source cannot relabel it.
  const claimed: Array<{ start: number; end: number }> = [];
  // Multi-token spans first, so "Wang Huiwen" is known before a lone "Wang"; then the tagger before the rule and compromise.
  const sorted = [...names].sort((a, b) => tokens(b.text).length - tokens(a.text).length || SOURCE_RANK[a.source] - SOURCE_RANK[b.source] || a.start - b.start);
  for (const raw of sorted) {
    const n = stripStopwords(kb, text, raw, lang);
    if (!n) continue;
    if (taken.some((t) => overlaps(t, n)) || out.some((t) => overlaps(t, n)) || claimed.some((t) => overlaps(t, n))) continue;
    claimed.push(n);
    const known = kb.lookup(n.text)[0];
    // The everyday-word rule applies to tagger spans too ("Cruise ships..." tagged ORG is still not the firm).
    if (known?.commonWord && atSentenceStart(text, n.start) && !firmContext(text, n.start, n.end)) continue;
    if (known) {
      out.push({ ...span(n), type: known.type, entityId: known.id, name: known.name, origin: 'ner', confidence: 0.8 });
      continue;
    }
    const m = typeNew(n, text, out);
    if (m) out.push(m);
  }
  return out;
}

function span(n: { text: string; start: number; end: number }): { text: string; start: number; end: number } {
  return { text: n.text, start: n.start, end: n.end };
}

// An unknown ORG is a firm when any of its occurrences in the article has company context.
function firmSomewhere(text: string, name: string): boolean {
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
    if (firmContext(text, i, i + name.length, name)) return true;
  }
  return false;
}

function typeNew(n: NameSpan, text: string, persons: Mention[]): Mention | null {
  const words = tokens(n.text);
  const origin: Mention['origin'] = n.source === 'rule' ? 'rule' : 'ner';
  const make = (type: EntityType, confidence: number, entityId = `new:${TYPE_PREFIX[type]}:${slugify(n.text)}`, name = n.text): Mention =>
    ({ ...span(n), type, entityId, name, origin, confidence });
  // The name's own shape beats the tagger's type: "Quantix Robotics" is a firm even when tagged PER.
  if (n.type !== 'LOC' && firmNameShape(n.text) && !agencyName(n.text)) return make('firm', 0.6);
  // "an analyst at Dresdner Kleinwort": the words before a tagged person can say it is a company.
  if (n.type === 'PER' && firmBefore(text, n.start)) return make('firm', 0.5);
  switch (n.type) {
    case 'PER': {
      if (words.length >= 2) return make('person', n.source === 'rule' ? 0.6 : 0.7);
      // A lone name joins the nearest full name before it that contains it ("Wang" after "Wang Huiwen").
      const full = persons.filter((p) => p.type === 'person' && p.start < n.start && tokens(p.name).includes(n.text)).pop();
      return full ? { ...span(n), type: 'person', entityId: full.entityId, name: full.name, origin, confidence: 0.6 } : null;
    }
    case 'ORG':
      if (agencyName(n.text)) return make('agency', 0.6);
      return firmSomewhere(text, n.text) ? make('firm', 0.6) : null;
    case 'LOC':
      return words.length <= 4 ? make('location', 0.5) : null;
    default:
      return null;
  }
}

/** Later lone surnames or given names of people already found ("Wang" after "Wang Huiwen") as mentions of them. */
export function personVariants(text: string, mentions: Mention[]): Mention[] {
  const persons = mentions.filter((m) => m.type === 'person' && tokens(m.name).length >= 2);
  if (!persons.length) return [];
  const out: Mention[] = [];
  const parts = new Set(persons.flatMap((p) => tokens(p.name)).filter((w) => w.length >= 2 && /^\p{Lu}/u.test(w)));
  for (const part of parts) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu');
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const s = { start: m.index, end: m.index + part.length };
      if (mentions.some((x) => overlaps(x, s)) || out.some((x) => overlaps(x, s))) continue;
      const full = persons.filter((p) => p.start < s.start && tokens(p.name).includes(part)).pop();
      if (!full) continue;
      out.push({ text: part, ...s, type: 'person', entityId: full.entityId, name: full.name, origin: 'rule', confidence: 0.5 });
    }
  }
  return out;
}
