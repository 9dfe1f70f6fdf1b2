// Weak firm references for the learned event decision: names the entity stage typed as something else (a place, an
// agency, a person) and capitalised names it did not tag at all ("Sanofi a annoncé…", "NextRadioTV prévoit…").
// On the annotated corpus about a third of the events the extractor missed had a firm of one of these two kinds. They
// become broad candidates only (broad.ts), each marked with where it came from, so the model weighs them; the rules
// and the entity output never see them.
import { wholeWordOffsets } from '../fold.ts';
import type { Mention } from '../types.ts';
import { firmKey, type FirmRef } from './firms.ts';

/** Where a firm reference came from, a feature of the candidates built on it. */
export type FirmSource = 'entity' | 'form' | 'location' | 'agency' | 'person' | 'caps' | 'repeat' | 'main' | 'antecedent';

export interface WeakFirmRef extends FirmRef {
  source: FirmSource;
  /** The name opens a sentence or line, where capitals say nothing. */
  initial: boolean;
}

/** Where any firm reference came from: a weak one says; else the form reader's (`formFirms`) or the entity stage's. */
export function refSource(ref: FirmRef, formFirms: readonly FirmRef[]): FirmSource {
  return 'source' in ref ? (ref as WeakFirmRef).source : formFirms.includes(ref) ? 'form' : 'entity';
}

// A run of capitalised words, acronyms and camel-case names, with the joiners names carry ("Bank of America",
// "J.C. Penney", "Carluccio's", "beIN Media Group"), in Latin, Greek and Cyrillic script.
const WORD = String.raw`(?:\p{Lu}[\p{L}\p{M}\p{N}]*|\p{Ll}{1,3}\p{Lu}[\p{L}\p{N}]*)(?:[.'’&-]\p{L}[\p{L}\p{M}\p{N}]*)*\.?`;
// Coordinators ("et", "and") are no joiner: "A et B licencient" names two firms, one candidate each.
const JOIN = String.raw`(?:\s+(?:&|of|de|du|des|del|der|von|van|da|do|di)\s+|\s+|-)`;
const CAPS_RUN = new RegExp(String.raw`(?<![\p{L}\p{N}])${WORD}(?:${JOIN}${WORD}){0,4}`, 'gu');
// Determiners a sentence-initial run starts with; they are no part of the name.
const DETERMINERS = "The|A|An|Le|La|Les|L['’]|Un|Une|El|Los|Las|Der|Die|Das|Den|Dem|Ein|Eine|O|Os|As|Um|Uma|Il|Lo|Gli|I";
const LEADING = new RegExp(`^(?:${DETERMINERS})\\s+`, 'u');
const DETERMINER = new RegExp(`^(?:${DETERMINERS})$`, 'u');
// German writes a firm's people and parts as hyphenated compounds ("Henkel-Chef Kasper Rorsted", "Öbib-Mitarbeiter",
// "BR-Fernsehchef"): when the part after the hyphen ends in one of these nouns, the firm is the part before it.
// Names whose second part is a name ("Mercedes-Benz", "Karl-Heinz") end in none of them.
const COMPOUND_HEADS = ['chef', 'chefin', 'chefs', 'boss', 'mitarbeiter', 'mitarbeiterin', 'mitarbeitern', 'beschäftigte', 'beschäftigten',
  'belegschaft', 'geschäftsführung', 'geschäftsführer', 'geschäftsführerin', 'vorstand', 'vorstände', 'manager', 'managerin', 'sprecher',
  'sprecherin', 'konzern', 'konzerns', 'kette', 'hersteller', 'herstellers', 'werk', 'werks', 'werke', 'tochter', 'gruppe', 'zentrale',
  'standort', 'standorte', 'pleite', 'betriebsrat', 'gründer', 'gründerin', 'eigentümer', 'führung', 'spitze', 'präsident', 'präsidentin'];
const COMPOUND = /^(\p{Lu}[\p{L}\p{N}&.]*?)-(\p{Lu}\p{Ll}+)(?=$|\s)/u;
/** The firm part of a German compound ("Springer" of "Springer-Chef Döpfner"), or null when the name is none. */
export function compoundFirm(name: string): string | null {
  const m = COMPOUND.exec(name);
  if (!m) return null;
  const tail = m[2]!.toLowerCase();
  return COMPOUND_HEADS.some((h) => tail.endsWith(h)) ? m[1]! : null;
}
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

function atLineOrSentenceStart(text: string, start: number): boolean {
  return /(?:^|[.!?:;"“«»]\s*|\n\s*)$/u.test(text.slice(Math.max(0, start - 3), start));
}

/** The words the article writes in lower case: a capitalised word among them is an ordinary word at a sentence start. */
function lowerCaseWords(text: string): Set<string> {
  return new Set(text.match(/(?<![\p{L}\p{M}\p{N}])\p{Ll}[\p{L}\p{M}\p{N}]*/gu) ?? []);
}

/**
 * Weak firm references of an article: non-firm mentions, then capitalised runs no mention covers. A one-word run at
 * a sentence start that the article also writes in lower case is an ordinary word ("Il", "Mais") and left out.
 */
export function weakFirmRefs(text: string, mentions: readonly Mention[], firms: readonly FirmRef[]): WeakFirmRef[] {
  const out: WeakFirmRef[] = [];
  const taken = (r: { start: number; end: number }) => firms.some((f) => overlaps(f, r)) || out.some((f) => overlaps(f, r));
  for (const m of mentions) {
    if (m.type === 'firm' || taken(m)) continue;
    const part = compoundFirm(m.text);
    if (part) { const key = firmKey(part); if (key) out.push({ key, name: part, start: m.start, end: m.start + part.length, fromKb: false, source: 'caps', initial: atLineOrSentenceStart(text, m.start) }); continue; }
    const key = firmKey(m.text);
    if (key) out.push({ key, name: m.text, start: m.start, end: m.end, fromKb: m.origin === 'kb', source: m.type, initial: atLineOrSentenceStart(text, m.start) });
  }
  const lowerWords = lowerCaseWords(text);
  // "Selon La Poste": a determiner written with a capital inside a sentence is part of the name, wherever it occurs.
  const namedWithDeterminer = (name: string) => wholeWordOffsets(text, name).some((at) => !atLineOrSentenceStart(text, at));
  for (const m of text.matchAll(CAPS_RUN)) {
    let name = m[0].replace(/[.\s-]+$/u, '');
    let start = m.index!;
    const lead = LEADING.exec(name);
    if (lead && lead[0].length < name.length && !namedWithDeterminer(name)) { start += lead[0].length; name = name.slice(lead[0].length); }
    name = compoundFirm(name) ?? name;
    const end = start + name.length;
    if (name.length < 2 || DETERMINER.test(name) || mentions.some((x) => overlaps(x, { start, end })) || taken({ start, end })) continue;
    const initial = atLineOrSentenceStart(text, start);
    if (initial && !/\s/u.test(name) && name !== name.toUpperCase() && lowerWords.has(name.toLowerCase())) continue;
    const key = firmKey(name);
    if (key) out.push({ key, name, start, end, fromKb: false, source: 'caps', initial });
  }
  return out.sort((a, b) => a.start - b.start);
}
