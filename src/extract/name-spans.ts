// Candidate names the knowledge base does not know: the statistical tagger (src/ner), compromise for English, and a
// rule for East Asian and common given-name person names ("Wu Yuxin", "Maria Lopez") that also covers languages
// without a model. Each source returns plain spans; resolve.ts decides what they are.
import { createRequire } from 'node:module';
import type nlpType from 'compromise';
import { recognizeNames } from '../ner/recognize.ts';
import type { KnowledgeBase } from './kb.ts';
import { foldString } from './fold.ts';
import type { Span } from './types.ts';

export type NameType = 'PER' | 'ORG' | 'LOC' | 'MISC';

/** A candidate name span with where it came from. */
export interface NameSpan {
  start: number;
  end: number;
  text: string;
  type: NameType;
  source: 'ner' | 'compromise' | 'rule';
}

// Trailing punctuation and possessives never belong to a name: "Nvidia's" -> "Nvidia", "Google." -> "Google".
const TRAIL = /(?:['’]s|['’]|[\s.,;:!?)"”»\-–—]+)+$/u;
const LEAD = /^[\s("“«¿¡]+/u;

/** Trims punctuation and possessive endings from a span, keeping offsets consistent. */
export function trimSpan(text: string, start: number, end: number): [number, number] {
  const s = text.slice(start, end);
  const lead = LEAD.exec(s)?.[0].length ?? 0;
  const trail = TRAIL.exec(s.slice(lead))?.[0].length ?? 0;
  return [start + lead, end - trail];
}

// compromise takes about half a second to load and reads only English sentences with an event trigger, so it loads on
// first use (synchronously, its CommonJS build: the same library in one file, which also loads faster).
const require = createRequire(import.meta.url);
let nlp: typeof nlpType | null = null;

function compromiseNames(text: string): NameSpan[] {
  nlp ??= require('compromise') as typeof nlpType;
  const doc = nlp(text);
  const out: NameSpan[] = [];
  const take = (list: Array<{ text: string; offset?: { start: number; length: number } }>, type: NameType): void => {
    for (const x of list) {
      if (!x.offset) continue;
      let start = x.offset.start;
      // compromise offsets are JS string indexes; verify, and search nearby if a normalisation shifted them.
      if (text.slice(start, start + x.text.length) !== x.text) {
        const found = text.indexOf(x.text, Math.max(0, start - 20));
        if (found < 0) continue;
        start = found;
      }
      const [a, b] = trimSpan(text, start, start + x.text.length);
      if (b > a) out.push({ start: a, end: b, text: text.slice(a, b), type, source: 'compromise' });
    }
  };
  type J = Array<{ text: string; offset?: { start: number; length: number } }>;
  take(doc.people().json({ offset: true }) as J, 'PER');
  take(doc.organizations().json({ offset: true }) as J, 'ORG');
  take(doc.places().json({ offset: true }) as J, 'LOC');
  return out;
}

// Words may be split by one line break: wire copy wraps lines inside names ("said Donald\nFox has resigned").
const CAP_SEQ = /(?<![\p{L}\p{N}])(\p{Lu}[\p{Ll}'’-]+)((?:(?:[ \u00A0]|\n(?=\p{Lu}))\p{Lu}[\p{Ll}'’-]*(?:-\p{Ll}+)?){1,2})(?![\p{L}\p{N}])/gu;

/** Person names by rule: a known family name followed by a capitalised given name, or a known given name + surname. */
export function rulePersonNames(text: string, lang: string, kb: KnowledgeBase): NameSpan[] {
  const out: NameSpan[] = [];
  CAP_SEQ.lastIndex = 0;
  for (let m = CAP_SEQ.exec(text); m; m = CAP_SEQ.exec(text)) {
    const first = m[1]!;
    const rest = m[2]!.trim().split(/[ \u00A0\n]/);
    const f = foldString(first);
    const restOk = rest.every((w) => !kb.isStopword(w, lang) && kb.lookup(w).length === 0);
    if (!restOk || kb.isStopword(first, lang)) continue;
    // East Asian order: family name first, then a one- or two-syllable given name ("Wu Yuxin", "Lee Jae-yong").
    const eastAsian = kb.names.familyNames.has(f) && rest.length === 1 && /^\p{Lu}[\p{Ll}]+(?:-\p{Ll}+)?$/u.test(rest[0]!);
    const given = kb.names.givenNames.has(f);
    if (!eastAsian && !given) continue;
    const start = m.index;
    const end = m.index + m[0].length;
    out.push({ start, end, text: text.slice(start, end), type: 'PER', source: 'rule' });
  }
  return out;
}

/**
 * All candidate name spans for `text` from the tagger, compromise (English, over `compromiseRanges`: by default the
 * whole text) and the person rule, reshaped (see reshapeSpan).
 */
export function candidateNames(text: string, lang: string, kb: KnowledgeBase, useNer = true, compromiseRanges?: ReadonlyArray<Pick<Span, 'start' | 'end'>>): NameSpan[] {
  const out: NameSpan[] = [];
  if (useNer) {
    for (const n of recognizeNames(text, lang)) {
      const [a, b] = trimSpan(text, n.start, n.end);
      if (b > a) out.push({ start: a, end: b, text: text.slice(a, b), type: n.type, source: 'ner' });
    }
  }
  if (lang === 'en') {
    for (const r of compromiseRanges ?? [{ start: 0, end: text.length }]) {
      for (const n of compromiseNames(text.slice(r.start, r.end))) out.push({ ...n, start: n.start + r.start, end: n.end + r.start });
    }
  }
  out.push(...rulePersonNames(text, lang, kb));
  return out.flatMap((n) => reshapeSpan(text, n, kb));
}

const LEGAL_MID = /^(?:Inc|INC|Corp|CORP|Ltd|LTD|plc|PLC|LLC|GmbH|AG|NV|SpA|S\.A\.|Limited)\.?$/u;
// Titles that open a tagged person span ("Minister Martin Cullen", "Secretary Claude") and are no part of the name.
const LEAD_TITLE = /^(?:Minister|Secretary|President|Chairman|Chairwoman|Governor|Senator|Judge|Director|Chancellor|Premier|Ministro|Ministra|Presidente|Presidenta|Secretario|Secretaria|Consejero|Consejera)$/u;
// Role words that end a span when a title noun follows it: "NUJ General [Secretary]", "Acme Deputy [Chairman]".
const ROLE_ADJ = /^(?:General|Deputy|Vice|Assistant|Executive|Managing|Chief|Senior)$/u;
const ROLE_NEXT = /^\s+(?:Secretary|Manager|Director|Counsel|President|Chairman|Officer|Editor|Secretario|Director)\b/u;

function sub(text: string, n: NameSpan, start: number, end: number, type: NameType = n.type): NameSpan {
  return { ...n, start, end, text: text.slice(start, end), type };
}

/**
 * Cuts a candidate span to the name it holds: a possessive owner before it goes ("Japan's Okuma Machinery Works LTD" ->
 * "Okuma Machinery Works LTD"; "Pearson's Financial Times" -> "Pearson" + "Financial Times"), the name ends at a legal
 * form ("Mobil Oil Corp of U.S. Plans" -> "Mobil Oil Corp"), a leading title and a role word before a title go
 * ("Minister Martin Cullen", "NUJ General Secretary").
 */
export function reshapeSpan(text: string, n: NameSpan, kb: KnowledgeBase): NameSpan[] {
  let { start, end } = n;
  const words = (): Array<{ w: string; a: number; b: number }> =>
    [...text.slice(start, end).matchAll(/\S+/gu)].map((m) => ({ w: m[0], a: start + m.index, b: start + m.index + m[0].length }));
  const out: NameSpan[] = [];
  // Possessive owner: "X's Y Z" -> Y Z (and X on its own when the knowledge base knows it or it looks like a firm).
  const poss = /['’]s\s+(?=\p{Lu})/u.exec(text.slice(start, end));
  if (poss && poss.index > 0) {
    const ownerEnd = start + poss.index;
    const restStart = start + poss.index + poss[0].length;
    const owner = text.slice(start, ownerEnd);
    const rest = text.slice(restStart, end);
    const restWords = rest.split(/\s+/u);
    const restIsHead = restWords.every((w) => LEGAL_MID.test(w) || /^(?:Co|Cos|Company|Group|Bank|Inc\.?)$/u.test(w));
    if (!restIsHead && !kb.lookup(`${owner}'s`).length && (restWords.length >= 2 || kb.lookup(owner).length > 0)) {
      if (kb.lookup(owner).length) out.push(sub(text, n, start, ownerEnd, 'ORG'));
      start = restStart;
    }
  }
  let ws = words();
  // A legal form inside the span ends the name; what follows is headline or sentence text.
  const legal = ws.findIndex((x, i) => i > 0 && i < ws.length - 1 && LEGAL_MID.test(x.w) && !/^[&(]/u.test(ws[i + 1]!.w));
  if (legal > 0) end = ws[legal]!.b;
  ws = words();
  if (n.type === 'PER' && ws.length >= 2 && LEAD_TITLE.test(ws[0]!.w)) start = ws[1]!.a;
  ws = words();
  if (ws.length >= 2 && ROLE_ADJ.test(ws[ws.length - 1]!.w) && ROLE_NEXT.test(text.slice(end, end + 20))) end = ws[ws.length - 2]!.b;
  if (end > start) out.push(start === n.start && end === n.end ? n : sub(text, n, start, end));
  return out;
}
