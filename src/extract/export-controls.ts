// Chip-export-control mentions as spans: a control term (export controls, bans, licence rules) near an object term
// (chips, chip tools, compute) in the same sentence, or a strong term on its own (Entity List, ECCN 3A090).
// Vocabulary lives in config/lexicons/export-controls.yaml; matching runs on folded text (case and accents ignored).
import { z } from 'zod';
import { resolve } from 'node:path';
import { DEFAULT_CONFIG_DIR, loadConfigFile } from '../config/load.ts';
import { foldString, foldText, isUnspacedChar, originalEnd } from './fold.ts';
import type { Span } from './types.ts';

const terms = z.array(z.string().trim().min(1)).default([]);
const lexiconSchema = z.object({
  maxGapChars: z.number().int().positive().default(90),
  languages: z.record(z.string().regex(/^[a-z]{2}$/), z.object({ control: terms, object: terms, strong: terms }).strict()),
}).strict();

interface LangPatterns { control: TermList; object: TermList; strong: TermList }
interface Compiled { maxGap: number; byLang: Map<string, LangPatterns>; fallback: LangPatterns }

function termSource(term: string): string {
  const folded = foldString(term);
  const body = folded
    .split('')
    .map((ch) => (ch === '*' ? '[\\p{L}\\p{N}-]*' : ch === '?' ? '.' : ch === ' ' ? '\\s+' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  // Scripts without spaces get no word boundaries; others need whole words at both ends.
  const first = folded[0] ?? '';
  const last = folded[folded.length - 1] ?? '';
  const left = isUnspacedChar(first) || isHangulOrDigitStart(first) ? '' : '(?<![\\p{L}\\p{N}])';
  const right = last === '*' || isUnspacedChar(last) || /\p{Script=Hangul}/u.test(last) ? '' : '(?![\\p{L}\\p{N}])';
  return left + body + right;
}

function isHangulOrDigitStart(ch: string): boolean {
  return /\p{Script=Hangul}/u.test(ch);
}

/** Regexes kept per term list: one per distinct set of terms present in an article; beyond this the cache restarts. */
const MAX_REGEXES_PER_LIST = 256;

/**
 * A term list matched as one alternation, longer terms first so "export controls on" beats "export control". Most
 * articles hold none of a list's terms, and a wide alternation of Unicode look-arounds costs a few ms per article, so
 * each text first checks which terms' literal parts it contains and runs an alternation of just those.
 */
class TermList {
  private readonly terms: Array<{ source: string; literal: string }>;
  private readonly regexes = new Map<string, RegExp>();

  constructor(list: string[]) {
    const sorted = [...new Set(list)].sort((a, b) => b.length - a.length);
    // The longest stretch of plain characters in the folded term: every match contains it.
    const literal = (term: string) => foldString(term).split(/[*? ]/).reduce((a, b) => (b.length > a.length ? b : a), '');
    this.terms = sorted.map((term) => ({ source: termSource(term), literal: literal(term) }));
  }

  /** [start, end) of every non-overlapping match in `folded`. */
  findAll(folded: string): Array<[number, number]> {
    const active: number[] = [];
    this.terms.forEach((t, i) => {
      if (folded.includes(t.literal)) active.push(i);
    });
    if (!active.length) return [];
    const key = active.join(',');
    let re = this.regexes.get(key);
    if (!re) {
      if (this.regexes.size >= MAX_REGEXES_PER_LIST) this.regexes.clear();
      re = new RegExp(active.map((i) => this.terms[i]!.source).join('|'), 'gu');
      this.regexes.set(key, re);
    }
    const out: Array<[number, number]> = [];
    re.lastIndex = 0;
    for (let m = re.exec(folded); m; m = re.exec(folded)) {
      if (m[0].length === 0) { re.lastIndex++; continue; }
      out.push([m.index, m.index + m[0].length]);
    }
    return out;
  }
}

const cache = new Map<string, Compiled>();

function compiled(configDir: string): Compiled {
  const dir = resolve(configDir);
  let c = cache.get(dir);
  if (c) return c;
  const lex = loadConfigFile(dir, 'lexicons/export-controls.yaml', lexiconSchema);
  const en = lex.languages.en ?? { control: [], object: [], strong: [] };
  const byLang = new Map<string, LangPatterns>();
  for (const [lang, v] of Object.entries(lex.languages)) {
    // Every language also gets the English strong terms and objects ("Entity List", "GPU", "H100" travel untranslated).
    const extra = lang === 'en' ? { object: [], strong: [] } : { object: en.object, strong: en.strong };
    byLang.set(lang, { control: new TermList(v.control), object: new TermList([...v.object, ...extra.object]), strong: new TermList([...v.strong, ...extra.strong]) });
  }
  const all = Object.values(lex.languages);
  const fallback = { control: new TermList(all.flatMap((v) => v.control)), object: new TermList(all.flatMap((v) => v.object)), strong: new TermList(all.flatMap((v) => v.strong)) };
  cache.set(dir, (c = { maxGap: lex.maxGapChars, byLang, fallback }));
  return c;
}

// A sentence break between two terms: ". X" (but not after "EE. UU." style abbreviations), CJK full stops, newlines.
const BREAK = /(?<!(?:^|[\s(])\p{L}{1,3})[.!?]\s+["“«]?\p{Lu}|[。！？\n]/u;

/** Reads and validates `lexicons/export-controls.yaml` from `configDir` now (at start), so a bad file fails at once. */
export function loadExportControls(configDir: string): void {
  compiled(configDir);
}

/** Chip-export-control spans in `text` (offsets in UTF-16 code units), using the lexicon of `lang` plus English strong terms. */
export function findExportControls(text: string, lang: string, configDir: string = DEFAULT_CONFIG_DIR): Span[] {
  const c = compiled(configDir);
  const p = c.byLang.get(lang) ?? c.fallback;
  const ft = foldText(text);
  const f = ft.folded;
  const ranges: Array<[number, number]> = [...p.strong.findAll(f)];
  const objects = p.object.findAll(f);
  for (const [cs, ce] of p.control.findAll(f)) {
    let best: [number, number] | null = null;
    let bestGap = Infinity;
    for (const [os, oe] of objects) {
      const gap = os >= ce ? os - ce : cs >= oe ? cs - oe : 0;
      if (gap > c.maxGap || gap >= bestGap) continue;
      const between = f.slice(Math.min(ce, oe), Math.max(cs, os));
      // The slice runs one character into the later term so that ". C" (break + capital) is seen.
      const from = ft.origin[Math.min(ce, oe)] ?? 0;
      const to = (ft.origin[Math.max(cs, os)] ?? text.length) + 1;
      if (BREAK.test(text.slice(from, to)) || /[。！？\n]/.test(between)) continue;
      best = [Math.min(cs, os), Math.max(ce, oe)];
      bestGap = gap;
    }
    if (best) ranges.push(best);
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged.map(([a, b]) => {
    const start = ft.origin[a]!;
    const end = originalEnd(ft, b);
    const spanText = text.slice(start, end).trimEnd();
    return { text: spanText, start, end: start + spanText.length };
  });
}
