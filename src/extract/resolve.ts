// Resolution: every mention to one canonical entity. Knowledge-base matches pick among their candidates from context
// (Washington the city or the US government; Georgia the state or the country); everyday-word firm names at a sentence
// start need company context; names the knowledge base does not know become "new:<type>:<slug>" entities when their
// type is clear (an ORG is a firm only when the text calls it a company); short person names ("Wang") join the full
// name mentioned before them.
import type { GazetteerMatch } from './gazetteer.ts';
import { slugify, type KbEntity, type KnowledgeBase } from './kb.ts';
import { agencyName, atSentenceStart, civicOrgName, clubArticle, firmBefore, firmContext, firmNameShape, honorificBefore, listedWith, locativeContext, newsCredit, typeCues } from './context.ts';
import { foldString, wholeWordOffsets } from './fold.ts';
import { capsHeadlineWord, clubAfterArticle, insideCivicName, ownerContext } from './name-evidence.ts';
import type { NameSpan } from './name-spans.ts';
import { coordinatedSurnames, pairSpan } from './person-names.ts';
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
    let e = chooseCandidate(kb, m, text, dominant);
    if (!e || (e.newsAgency && newsCredit(text, m.start, m.end))) continue;
    // A product is never a firm: it names its owner only as "the ChatGPT company"; otherwise it just claims its words
    // (entities.ts drops product mentions) so the tagger cannot make it a firm.
    if (e.productOf) e = (ownerContext(text, m.start, m.end) && kb.entity(e.productOf)) || e;
    // "el Roma", "del Valencia": in Spanish a city takes no article, its football club does.
    if (lang === 'es' && e.type === 'location' && e.kind === 'city' && clubArticle(text, m.start, m.end)) {
      e = kb.lookup(m.text, 'firm')[0] ?? { id: `new:firm:${slugify(m.text)}`, type: 'firm', name: m.text, country: e.country, aliases: [] };
    }
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

const CONNECTOR = /^(?:de|del|la|las|los|y|e|i|of|and|the|for|&|von|van|der|den|du|des|di|da|do|dos|das|el|en|für|und|on|upon|am|an|al|d'\S*|l'\S*)$/u;

/**
 * Cuts a tagger span down to a plausible name: trailing lower-case words go ("Welsh office" -> "Welsh"), a lower-case
 * word inside rejects it ("Dutch bank to"), as do Reuters tickers ("<DIS>"), all-caps headline words and dotted
 * abbreviations ("A.I").
 */
function tidyName(text: string, n: NameSpan | null): NameSpan | null {
  if (!n) return null;
  let words = n.text.split(/(\s+)/u);
  const lower = (w: string): boolean => /^\p{Ll}/u.test(w) && !/[\p{Lu}\p{N}]/u.test(w);
  while (words.length > 2 && lower(words[words.length - 1]!)) words = words.slice(0, -2);
  // "Electrolux's subsidiary brands" -> "Electrolux": the possessive shows once the common nouns are gone.
  if (words.length < n.text.split(/(\s+)/u).length) words[words.length - 1] = words[words.length - 1]!.replace(/['’]s?$/u, '');
  const real = words.filter((w) => w.trim());
  // "IC industries Inc": a legal form at the end vouches for a lower-case word inside.
  if (real.some((w) => lower(w) && !CONNECTOR.test(w)) && !firmNameShape(real.join(' '))) return null;
  if (CONNECTOR.test(real[real.length - 1] ?? '')) return null;
  const s = words.join('');
  if (text[n.start - 1] === '<' && /^[A-Z0-9.]+>/u.test(text.slice(n.start, n.start + 16))) return null;
  if (/^[\p{Lu}\p{N}][\p{Lu}\p{N}&.' -]{3,}$/u.test(s)) {
    const a = text.lastIndexOf('\n', n.start) + 1;
    const b = text.indexOf('\n', n.end);
    if (!/\p{Ll}{3}/u.test(text.slice(a, b < 0 ? text.length : b))) return null;
    // A headline run of capitals on a line that goes on in lower case ("... DE METROLOGIA Sevilla (EFE). Mañana ...").
    if (!/\s/u.test(s) && capsHeadlineWord(text, n.start, n.start + s.length)) return null;
  }
  if (real.length === 1 && /^\p{L}\.\p{L}\.?$/u.test(s)) return null;
  // A news agency's byline after a dateline is no mention: "Madrid, 23 may (EFE)".
  if (/\d+\s+\p{L}+\.?\s*\($/u.test(text.slice(Math.max(0, n.start - 20), n.start)) && text[n.start + s.length] === ')') return null;
  return s === n.text ? n : { ...n, text: s, end: n.start + s.length };
}

// A bare legal form is no name ("Sony (U.K.) Ltd" tagged as "Ltd").
const BARE_LEGAL = /^(?:Inc|Corp|Corporation|Co|Company|Cos|Ltd|Limited|plc|PLC|LLC|SA|S\.A|AG|GmbH|NV|SpA|AB|SE|Group|Holdings?)\.?$/u;

/** New mentions plus the knowledge-base places they replace ("New York" inside "New York Telephone"). */
export interface NewNames {
  mentions: Mention[];
  replaced: Mention[];
}

/** Mentions for names the knowledge base does not know, typed from the tagger, the name's shape and its context. */
export function resolveNewNames(kb: KnowledgeBase, names: NameSpan[], taken: Mention[], text: string, lang: string): NewNames {
  const out: Mention[] = [];
  // taken then out, in order: what the rules see as the mentions found so far (kept, not rebuilt per name).
  const found: Mention[] = [...taken];
  const emit = (...ms: Mention[]) => {
    out.push(...ms);
    found.push(...ms);
    for (const m of ms) claim(m);
  };
  const replaced: Mention[] = [];
  // A span the tagger saw but we rejected still claims its text, so a weaker source cannot relabel it. Claimed
  // characters are marked, so the overlap test does not walk every earlier name (long articles have thousands).
  const claimedChars = new Uint8Array(text.length + 1);
  const claim = (r: { start: number; end: number }) => claimedChars.fill(1, r.start, r.end);
  const isClaimed = (r: { start: number; end: number }) => claimedChars.subarray(r.start, r.end).includes(1);
  const takenAt = overlapIndex(taken);
  // One decision per name string, so "Aston Martin" is the same thing at every mention.
  const decided = new Map<string, Decision | null>();
  const votes = typeVotes(names);
  // compromise and the given-name rule read some names as people that the tagger calls ORG ("Rebecca Navarednam").
  const personVotes = new Set(names.filter((x) => x.source !== 'ner' && x.type === 'PER').map((x) => x.text));
  // Multi-token spans first, so "Wang Huiwen" is known before a lone "Wang"; then the tagger before the rule and compromise.
  const sorted = [...names].sort((a, b) => tokens(b.text).length - tokens(a.text).length || SOURCE_RANK[a.source] - SOURCE_RANK[b.source] || a.start - b.start);
  for (const raw of sorted) {
    const n = tidyName(text, stripStopwords(kb, text, raw, lang));
    if (!n) continue;
    if (isClaimed(n)) continue;
    const inner = takenAt(n).filter((t) => !replaced.includes(t));
    // A longer organisation name may extend a place the knowledge base knows ("New York Telephone") or a firm with a
    // name of its own after it ("Caja España Ademar", the club the bank sponsors; not "Shell Canada Ltd").
    const extendsPlace = inner.length > 0 && n.type === 'ORG' && tokens(n.text).length >= 2 &&
      inner.every((t) => t.origin === 'kb' && t.start >= n.start && t.end <= n.end && t.end - t.start < n.end - n.start &&
        (t.type === 'location' || (t.type === 'firm' && ownNameAfter(kb, text, t, n))));
    // "Javier González Ferrari", "Michael Dell": a person's name that opens with a given name keeps a firm or place
    // the knowledge base finds in its later words.
    const personOver = n.type === 'PER' && kb.names.givenNames.has(foldString(tokens(n.text)[0] ?? '')) && inner.length > 0 &&
      inner.every((t) => t.origin === 'kb' && t.type !== 'person' && t.start > n.start && t.end <= n.end);
    if (personOver) replaced.push(...inner);
    if (inner.length && !extendsPlace && !personOver) continue;
    claim(n);
    if (BARE_LEGAL.test(n.text)) continue;
    const known = kb.lookup(n.text)[0];
    // The everyday-word rule applies to tagger spans too ("Cruise ships..." tagged ORG is still not the firm).
    if (known?.commonWord && atSentenceStart(text, n.start) && !firmContext(text, n.start, n.end)) continue;
    if (known) {
      if (extendsPlace || (known.newsAgency && newsCredit(text, n.start, n.end))) continue;
      emit({ ...span(n), type: known.type, entityId: known.id, name: known.name, origin: 'ner', confidence: 0.8 });
      continue;
    }
    const pair = coordinatedSurnames(kb, text, pairSpan(text, n), found)?.filter((m) => overlaps(m, n));
    if (pair?.length) { emit(...pair); continue; }
    if (!decided.has(n.text)) decided.set(n.text, decide(kb, n, votes.get(n.text) ?? n.type, text, found, personVotes, lang));
    const d = decided.get(n.text);
    if (!d || (extendsPlace && d.type !== 'firm' && d.type !== 'agency')) continue;
    emit({ ...span(n), type: d.type, entityId: d.entityId, name: d.name, origin: n.source === 'rule' ? 'rule' : 'ner', confidence: d.confidence });
    if (extendsPlace) replaced.push(...inner);
  }
  return { mentions: out, replaced };
}

// Words after a known firm inside a longer name that make it another organisation: not a legal form, an industry head,
// a unit word or a place ("Caja España Ademar" yes; "Shell Canada Ltd", "Google Cloud", "Sony (U.K.) Ltd" no).
/** A lookup of the mentions overlapping a span, in their original order: sorted starts and a binary search. */
function overlapIndex(list: readonly Mention[]): (r: { start: number; end: number }) => Mention[] {
  const byStart = list.map((m, i) => ({ m, i })).sort((a, b) => a.m.start - b.m.start);
  const longest = list.reduce((n, m) => Math.max(n, m.end - m.start), 0);
  return (r) => {
    // The first mention that could reach r: none starting more than `longest` characters before it overlaps.
    let lo = 0;
    let hi = byStart.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byStart[mid]!.m.start < r.start - longest) lo = mid + 1;
      else hi = mid;
    }
    const hits: Array<{ m: Mention; i: number }> = [];
    for (let k = lo; k < byStart.length && byStart[k]!.m.start < r.end; k++) if (overlaps(byStart[k]!.m, r)) hits.push(byStart[k]!);
    return hits.sort((a, b) => a.i - b.i).map((h) => h.m);
  };
}

function ownNameAfter(kb: KnowledgeBase, text: string, firm: Mention, n: NameSpan): boolean {
  const rest = tokens(text.slice(firm.end, n.end));
  if (firm.start !== n.start || !rest.length) return false;
  return rest.every((w) => /^\p{Lu}\p{Ll}+$/u.test(w) && !firmNameShape(`x ${w}`) && !/^(?:Group|Grupo|Division|Unit|Research|Cloud|Labs?|Foundation|Fundación|International|Internacional|Europe|Asia|America|USA|UK|Corp|Bank|Banco)$/u.test(w) &&
    !kb.lookup(w).some((e) => e.type === 'location'));
}

function span(n: { text: string; start: number; end: number }): { text: string; start: number; end: number } {
  return { text: n.text, start: n.start, end: n.end };
}

interface Decision {
  type: EntityType;
  entityId: string;
  name: string;
  confidence: number;
}

// The tagger's majority type for each name string (ties: the first seen), so one odd tag does not split a name.
function typeVotes(names: NameSpan[]): Map<string, NameSpan['type']> {
  const counts = new Map<string, Map<NameSpan['type'], number>>();
  for (const n of names) {
    if (n.source !== 'ner') continue;
    const c = counts.get(n.text) ?? new Map<NameSpan['type'], number>();
    c.set(n.type, (c.get(n.type) ?? 0) + 1);
    counts.set(n.text, c);
  }
  const out = new Map<string, NameSpan['type']>();
  for (const [k, c] of counts) out.set(k, [...c.entries()].sort((a, b) => b[1] - a[1])[0]![0]);
  return out;
}

// Company and person evidence summed over every occurrence of the name in the article.
function articleCues(text: string, name: string): { firm: number; person: number; at: number[] } {
  const sum = { firm: 0, person: 0, at: [] as number[] };
  for (const at of wholeWordOffsets(text, name)) {
    sum.at.push(at);
    const c = typeCues(text, at, at + name.length);
    sum.firm += c.firm;
    sum.person += c.person;
  }
  return sum;
}

const PORTFOLIO_BEFORE = /(?:ministro|ministra|Ministerio|consejero|consejera|Consejería|secretario|secretaria|Secretaría|minister|Minister|Ministry|Secretary)\s+(?:de|del|of|for)\s+(?:la\s+|las\s+|los\s+|the\s+)?$/u;
const CIVIC_HEAD_BEFORE = /(?:Museo|Museum|Hospital|Teatro|Theatre|Palacio|Palace|Auditorio|Estadio|Stadium|Universidad|University|Colegio|Escuela|School|Instituto|Fundación|Foundation|Premio|Prize|Festival|Parque|Park|Plaza|Calle|Avenida|Puerto|Aeropuerto|Airport)\s+(?:de\s+|del\s+|of\s+)?$/u;
const UNIT_NAME = /\s(?:Division|Section|Unit|Segment|Business|Operations|Department|División|Sección|Unidad|Departamento)$/u;
const UNIT_BEFORE = /(?:^|[^\p{L}])(?:its|their|our|su|sus|nuestro|nuestra)\s+$/u;
// Organisation heads that are no name on their own ("la Cajas", "el Grupo").
const GENERIC_HEAD = /^(?:Patronatos?|Cajas?|Caixas?|Bancos?|Grupos?|Empresas?|Compañías?|Fundaci[oó]n(?:es)?|Club(?:es)?|Sociedad(?:es)?|Asociaci[oó]n(?:es)?|Federaci[oó]n(?:es)?|Ayuntamientos?|Juntas?|Gobiernos?|Ministerios?|Consejos?|Comisi[oó]n(?:es)?|Company|Companies|Group|Bank|Banks|Board|Council|Union|Corporation)$/u;

function decide(kb: KnowledgeBase, n: NameSpan, type: NameSpan['type'], text: string, found: Mention[], personVotes: Set<string>, lang: string): Decision | null {
  const words = tokens(n.text);
  const name = words.join(' ');
  const make = (t: EntityType, confidence: number): Decision => ({ type: t, entityId: `new:${TYPE_PREFIX[t]}:${slugify(name)}`, name, confidence });
  const join = (m: Mention, confidence: number): Decision => ({ type: m.type, entityId: m.entityId, name: m.name, confidence });
  const cues = articleCues(text, n.text);
  const shape = firmNameShape(n.text);
  const given = kb.names.givenNames.has(foldString(words[0] ?? ''));
  // "West German", "alemán": a nationality adjective names a state or a people, never a firm.
  if (kb.isDemonym(name)) return null;
  // A lone word of a person or firm named before it: "Musk" after "Elon Musk", "Aston" after "Aston Martin".
  if (words.length === 1) {
    // "Mundo" of "Copa del Mundo", "Metrología" of "Congreso Español de Metrología": part of a longer non-firm name.
    if (type !== 'LOC' && cues.firm === 0 && !shape && insideCivicName(text, name)) return null;
    // "procede del Grasshopper": in a Spanish sports story a name after el/del/al is a club.
    if (lang === 'es' && type !== 'LOC' && type !== 'PER' && cues.at.some((i) => clubAfterArticle(text, i, i + name.length))) return make('firm', 0.5);
    const person = found.filter((p) => p.type === 'person' && tokens(p.name).length >= 2 && tokens(p.name).includes(n.text)).pop();
    if (person && cues.firm < 2) return join(person, 0.6);
    // "Atlético" after "Atlético de Madrid": the first word of a longer firm name, as the text wrote it.
    const firm = found.filter((f) => f.type === 'firm' && tokens(f.origin === 'kb' ? f.text : f.name).length >= 2 &&
      tokens(f.origin === 'kb' ? f.text : f.name)[0] === n.text).pop();
    const partOfName = /^\s+(?:of|de|del|des|du)\s+(?:the\s+|la\s+|el\s+)?\p{Lu}/u.test(text.slice(n.end, n.end + 16));
    if (firm && type !== 'LOC' && cues.person < 2 && !kb.lookup(n.text).length && !partOfName) return join(firm, 0.5);
    // A headline or sentence-opening participle or adverb ("Booming AI under the knife") is no name.
    if (lang === 'en' && /\p{Ll}(?:ing|ed|ly)$/u.test(n.text) && cues.firm === 0 && cues.at.every((i) => atSentenceStart(text, i))) return null;
  }
  const firmWins = cues.firm >= 2 && cues.firm > cues.person;
  // Evidence for names whose first word is no known given name: listed with firms ("Maserati, Ferrari and Alfa Romeo"),
  // company cues, a place preposition ("in Newton Aycliffe"); a surname used alone later says person.
  const listedAs = (t: EntityType): boolean => cues.at.some((i) => listedWith(text, i, i + n.text.length, found.filter((f) => f.type === t)));
  // "Vitoria, Bilbao y Santander": a list that also holds places is a list of places (Santander the bank or the city).
  const listed = listedAs('firm') && !listedAs('location');
  const last = words[words.length - 1] ?? '';
  const surnameAlone = words.length >= 2 && wholeWordOffsets(text, last).length > cues.at.length;
  const unnamed = !given && !kb.names.familyNames.has(foldString(words[0] ?? '')) && cues.person === 0 && !surnameAlone && !honorificBefore(text, n.start);
  switch (type) {
    case 'PER':
      if (shape && cues.person < 2 && !agencyName(n.text)) return make('firm', 0.6);
      if (firmWins) return make('firm', 0.55);
      // "an analyst at Dresdner Kleinwort": the words before say company, unless the name reads as a person's.
      if (firmBefore(text, n.start) && !given && !honorificBefore(text, n.start) && cues.person === 0) return make('firm', 0.5);
      if (unnamed && (cues.firm >= 1 || listed)) return make('firm', 0.5);
      if (unnamed && cues.at.some((i) => locativeContext(text, i, i + n.text.length))) return make('location', 0.45);
      return words.length >= 2 ? make('person', n.source === 'rule' ? 0.6 : 0.7) : null;
    case 'ORG': {
      const befores = (cues.at.length ? cues.at : [n.start]).map((i) => text.slice(Math.max(0, i - 30), i));
      const before = text.slice(Math.max(0, n.start - 30), n.start);
      const personVote = personVotes.has(n.text) || given;
      if ((cues.person >= 2 || (cues.person >= 1 && personVote)) && cues.person > cues.firm) return words.length >= 2 ? make('person', 0.55) : null;
      // "el ministro de Administraciones Públicas": a portfolio, i.e. the ministry.
      if (agencyName(n.text) || PORTFOLIO_BEFORE.test(before)) return make('agency', 0.6);
      // "el Museo Reina Sofía", "its Materials and Components Business Section": part of a longer non-firm name or a unit.
      if (!shape && cues.firm === 0 && befores.some((b) => CIVIC_HEAD_BEFORE.test(b) || UNIT_BEFORE.test(b))) return null;
      if (words.length === 1 && GENERIC_HEAD.test(n.text)) return null;
      // "the Materials and Components Business Section", "Br Division": a unit of some firm, not a firm.
      if (!shape && UNIT_NAME.test(n.text)) return null;
      if (personVote && cues.firm === 0 && !shape && words.length >= 2) return make('person', 0.5);
      // Parties, unions, associations, schools and the like are no firm without strong company context.
      if (civicOrgName(n.text) || kb.isNotFirm(n.text)) return shape || cues.firm >= 2 ? make('firm', 0.5) : null;
      if (shape || cues.firm > 0 || firmContext(text, n.start, n.end)) return make('firm', 0.6);
      // An organisation the tagger found, in neutral context: most organisations in business news are companies.
      return make('firm', 0.45);
    }
    case 'LOC':
      if (words.length <= 2 && listed && cues.person === 0 && !given) return make('firm', 0.5);
      if (shape && words.length >= 2) return make('firm', 0.5);
      return words.length <= 4 ? make('location', 0.5) : null;
    default:
      if (shape && words.length >= 2 && cues.person === 0) return make('firm', 0.5);
      return null;
  }
}

/** Mentions of a club found by its city ("del Lyon") re-pointed to a firm of the article whose name holds that word ("Olympique Lyon"). */
export function joinClubs(mentions: Mention[]): Mention[] {
  return mentions.map((m) => {
    if (m.type !== 'firm' || m.origin !== 'kb' || !m.entityId.startsWith('new:firm:') || tokens(m.text).length !== 1) return m;
    const full = mentions.find((o) => o.type === 'firm' && o.entityId !== m.entityId && tokens(o.name).length >= 2 && tokens(o.name).includes(m.text));
    return full ? { ...m, entityId: full.entityId, name: full.name } : m;
  });
}
