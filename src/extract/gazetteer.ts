// Fast dictionary matching of every knowledge-base alias over a text: one character trie over folded aliases, walked
// from each possible word start (any position in scripts without spaces). Case rules keep acronyms apart from words:
// every letter written upper-case in an alias must be upper-case in the text, so "US" never matches "us" and "Meta"
// never matches "meta", while "NVIDIA" still matches the alias "Nvidia". Longest match wins; offsets are UTF-16 code
// units of the original text.
import { foldText, isHangul, isWordChar, originalEnd } from './fold.ts';

/** One alias to index: the surface form, the entity it names, and the languages it is valid in (null = all). */
export interface AliasEntry {
  alias: string;
  entityId: string;
  langs?: readonly string[] | null;
}

/** A match in the original text; `entityIds` lists every entity the matched alias may name (ambiguity kept). */
export interface GazetteerMatch {
  start: number;
  end: number;
  text: string;
  entityIds: string[];
}

interface AliasRef {
  entityId: string;
  /** Positions (relative to the folded alias) whose original letter must be upper-case in the text. */
  upper: number[];
  leftBound: boolean;
  rightBound: boolean;
  langs: ReadonlySet<string> | null;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  refs: AliasRef[] | null;
}

const newNode = (): TrieNode => ({ next: new Map(), refs: null });

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** Builds the trie once from alias entries; `match` is then pure and allocation-light. */
export class Gazetteer {
  private readonly root: TrieNode = newNode();
  readonly size: number;

  constructor(entries: Iterable<AliasEntry>) {
    let n = 0;
    for (const e of entries) if (this.add(e)) n++;
    this.size = n;
  }

  private add(entry: AliasEntry): boolean {
    const ft = foldText(entry.alias.trim());
    const key = ft.folded.trim();
    if (!key) return false;
    const upper: number[] = [];
    const src = entry.alias.trim();
    for (let k = 0; k < key.length; k++) {
      const o = ft.origin[k]!;
      const ch = String.fromCodePoint(src.codePointAt(o)!);
      if (isUpper(ch)) upper.push(k);
    }
    const first = key[0]!;
    const last = key[key.length - 1]!;
    const ref: AliasRef = {
      entityId: entry.entityId,
      upper,
      leftBound: isWordChar(first),
      rightBound: isWordChar(last) && !isHangul(last),
      langs: entry.langs && entry.langs.length ? new Set(entry.langs) : null,
    };
    let node = this.root;
    for (const ch of key) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = newNode()));
      node = child;
    }
    const refs = (node.refs ??= []);
    if (refs.some((r) => r.entityId === ref.entityId && r.upper.join() === ref.upper.join())) return false;
    refs.push(ref);
    return true;
  }

  /** All longest, non-overlapping alias matches in `text` valid for language `lang`. */
  match(text: string, lang?: string): GazetteerMatch[] {
    const ft = foldText(text);
    const f = ft.folded;
    const found: Array<{ a: number; b: number; ids: string[] }> = [];
    for (let i = 0; i < f.length; i++) {
      const ch = f[i]!;
      const prevWord = i > 0 && isWordChar(f[i - 1]);
      // Inside a spaced-script word no alias can start (all such aliases need a left boundary).
      if (prevWord && isWordChar(ch)) continue;
      let node = this.root.next.get(ch);
      let j = i + 1;
      while (node) {
        if (node.refs) {
          const ids = this.accept(node.refs, text, ft.origin, f, i, j, prevWord, lang);
          if (ids.length) found.push({ a: i, b: j, ids });
        }
        if (j >= f.length) break;
        node = node.next.get(f[j]!);
        j++;
      }
    }
    // Longest first, then leftmost; keep those that do not overlap an already kept match.
    found.sort((x, y) => y.b - y.a - (x.b - x.a) || x.a - y.a);
    const taken = new Uint8Array(f.length);
    const out: GazetteerMatch[] = [];
    for (const m of found) {
      let free = true;
      for (let k = m.a; k < m.b && free; k++) free = taken[k] === 0;
      if (!free) continue;
      taken.fill(1, m.a, m.b);
      const start = ft.origin[m.a]!;
      const end = originalEnd(ft, m.b);
      out.push({ start, end, text: text.slice(start, end).trimEnd(), entityIds: m.ids });
    }
    for (const m of out) m.end = m.start + m.text.length;
    return out.sort((x, y) => x.start - y.start);
  }

  private accept(refs: AliasRef[], text: string, origin: Int32Array, f: string, a: number, b: number,
    prevWord: boolean, lang: string | undefined): string[] {
    const ids: string[] = [];
    const nextWord = isWordChar(f[b]);
    for (const r of refs) {
      if (r.leftBound && prevWord) continue;
      if (r.rightBound && nextWord) continue;
      if (r.langs && lang && !r.langs.has(lang)) continue;
      let ok = true;
      for (const k of r.upper) {
        const ch = String.fromCodePoint(text.codePointAt(origin[a + k]!)!);
        if (!isUpper(ch)) { ok = false; break; }
      }
      if (ok && !ids.includes(r.entityId)) ids.push(r.entityId);
    }
    return ids;
  }
}

