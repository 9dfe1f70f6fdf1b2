// Candidate names the knowledge base does not know: the statistical tagger (src/ner), compromise for English, and a
// rule for East Asian and common given-name person names ("Wu Yuxin", "Maria Lopez") that also covers languages
// without a model. Each source returns plain spans; resolve.ts decides what they are.
import nlp from 'compromise';
import { recognizeNames } from '../ner/recognize.ts';
import type { KnowledgeBase } from './kb.ts';
import { foldString } from './fold.ts';

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

function compromiseNames(text: string): NameSpan[] {
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

const CAP_SEQ = /(?<![\p{L}\p{N}])(\p{Lu}[\p{Ll}'’-]+)((?:[ \u00A0]\p{Lu}[\p{Ll}'’-]*(?:-\p{Ll}+)?){1,2})(?![\p{L}\p{N}])/gu;

/** Person names by rule: a known family name followed by a capitalised given name, or a known given name + surname. */
export function rulePersonNames(text: string, lang: string, kb: KnowledgeBase): NameSpan[] {
  const out: NameSpan[] = [];
  CAP_SEQ.lastIndex = 0;
  for (let m = CAP_SEQ.exec(text); m; m = CAP_SEQ.exec(text)) {
    const first = m[1]!;
    const rest = m[2]!.trim().split(/[ \u00A0]/);
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

/** All candidate name spans for `text` from the tagger, compromise (English) and the person rule. */
export function candidateNames(text: string, lang: string, kb: KnowledgeBase, useNer = true): NameSpan[] {
  const out: NameSpan[] = [];
  if (useNer) {
    for (const n of recognizeNames(text, lang)) {
      const [a, b] = trimSpan(text, n.start, n.end);
      if (b > a) out.push({ start: a, end: b, text: text.slice(a, b), type: n.type, source: 'ner' });
    }
  }
  if (lang === 'en') out.push(...compromiseNames(text));
  out.push(...rulePersonNames(text, lang, kb));
  return out;
}
