// Person names beyond the first full mention: later lone surnames or given names ("Wang" after "Wang Huiwen") and bare
// surnames joined by a conjunction ("Altman and Brockman"). Split from resolve.ts, which calls coordinatedSurnames.
import { wholeWordOffsets } from './fold.ts';
import { slugify, type KnowledgeBase } from './kb.ts';
import type { NameSpan } from './name-spans.ts';
import type { Mention } from './types.ts';

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;

function tokens(s: string): string[] {
  return s.split(/[\s\u00A0]+/).filter(Boolean);
}

/** Later lone surnames or given names of people already found ("Wang" after "Wang Huiwen") as mentions of them. */
export function personVariants(text: string, mentions: Mention[]): Mention[] {
  const persons = mentions.filter((m) => m.type === 'person' && tokens(m.name).length >= 2);
  if (!persons.length) return [];
  const out: Mention[] = [];
  const parts = new Set(persons.flatMap((p) => tokens(p.name)).filter((w) => w.length >= 2 && /^\p{Lu}/u.test(w)));
  for (const part of parts) {
    for (const at of wholeWordOffsets(text, part)) {
      const s = { start: at, end: at + part.length };
      if (mentions.some((x) => overlaps(x, s)) || out.some((x) => overlaps(x, s))) continue;
      const full = persons.filter((p) => p.start < s.start && tokens(p.name).includes(part)).pop();
      if (!full) continue;
      out.push({ text: part, ...s, type: 'person', entityId: full.entityId, name: full.name, origin: 'rule', confidence: 0.5 });
    }
  }
  return out;
}

const PAIR_AFTER = /^\s+(?:and|y|e|und|et)\s+\p{Lu}[\p{Ll}'’-]+(?![\p{L}\p{N}])/u;
const PAIR_BEFORE = /(?<![\p{L}\p{N}])\p{Lu}[\p{Ll}'’-]+\s+(?:and|y|e|und|et)\s+$/u;

/** A one-word candidate widened to the "X and Y" pair it stands in, when it does; else the candidate itself. */
export function pairSpan(text: string, n: NameSpan): NameSpan {
  if (/\s/u.test(n.text)) return n;
  const after = PAIR_AFTER.exec(text.slice(n.end, n.end + 40));
  if (after) return { ...n, end: n.end + after[0].length, text: text.slice(n.start, n.end + after[0].length) };
  const before = PAIR_BEFORE.exec(text.slice(Math.max(0, n.start - 40), n.start));
  return before ? { ...n, start: n.start - before[0].length, text: text.slice(n.start - before[0].length, n.end) } : n;
}

/**
 * "Altman and Brockman": bare surnames joined by a conjunction, one of them a person named earlier in the article or
 * in the knowledge base, are people (not an organisation called "Altman and Brockman"); null when no part is known.
 */
export function coordinatedSurnames(kb: KnowledgeBase, text: string, n: NameSpan, found: Mention[]): Mention[] | null {
  const m = /^(\p{Lu}[\p{Ll}'’-]+)(\s+(?:and|y|e|und|et)\s+)(\p{Lu}[\p{Ll}'’-]+)$/u.exec(n.text);
  if (!m) return null;
  const parts = [{ w: m[1]!, start: n.start }, { w: m[3]!, start: n.start + m[1]!.length + m[2]!.length }];
  const who = (w: string): { id: string; name: string } | null => {
    const p = found.filter((f) => f.type === 'person' && tokens(f.name).length >= 2 && tokens(f.name).includes(w)).pop();
    if (p) return { id: p.entityId, name: p.name };
    const e = kb.personBySurname(w);
    return e ? { id: e.id, name: e.name } : null;
  };
  const known = parts.map((p) => who(p.w));
  if (!known.some(Boolean) || parts.some((p) => kb.lookup(p.w).some((e) => e.type !== 'person'))) return null;
  return parts.map((p, i) => {
    const k = known[i] ?? { id: `new:person:${slugify(p.w)}`, name: p.w };
    return { text: p.w, start: p.start, end: p.start + p.w.length, type: 'person', entityId: k.id, name: k.name, origin: 'rule', confidence: 0.5 };
  });
}
