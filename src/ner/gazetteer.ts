// Name lists learned from annotated data: multi-token entity strings with their usual type, matched longest-first.
import { ENTITY_TYPES, type EntityType } from './tags.ts';

export interface GazetteerData {
  /** Entity strings (tokens joined by a space) and the index of their majority type in ENTITY_TYPES. */
  entries: Array<[string, number]>;
}

const MAX_LEN = 6;

/** Longest-match lookup of known names in a token sequence. */
export class Gazetteer {
  private readonly names = new Map<string, number>();
  private readonly firsts = new Set<string>();
  private maxLen = 1;

  /** Builds a gazetteer from serialised entries. */
  constructor(data: GazetteerData = { entries: [] }) {
    for (const [name, type] of data.entries) this.add(name, type);
  }

  private add(name: string, type: number): void {
    const toks = name.split(' ');
    if (toks.length > MAX_LEN) return;
    this.names.set(name, type);
    this.firsts.add(toks[0]!);
    this.maxLen = Math.max(this.maxLen, toks.length);
  }

  get size(): number {
    return this.names.size;
  }

  /** Marks each token with its gazetteer position: 0 none, else 1 + type*2 + (inside ? 1 : 0) (B/I per type). */
  match(tokens: readonly string[]): Uint8Array {
    const out = new Uint8Array(tokens.length);
    for (let i = 0; i < tokens.length; ) {
      if (!this.firsts.has(tokens[i]!)) {
        i++;
        continue;
      }
      let found = 0;
      let type = 0;
      for (let len = Math.min(this.maxLen, tokens.length - i); len >= 1; len--) {
        const t = this.names.get(len === 1 ? tokens[i]! : tokens.slice(i, i + len).join(' '));
        if (t !== undefined) {
          found = len;
          type = t;
          break;
        }
      }
      if (!found) {
        i++;
        continue;
      }
      for (let k = 0; k < found; k++) out[i + k] = 1 + type * 2 + (k > 0 ? 1 : 0);
      i += found;
    }
    return out;
  }

  /** Serialises the gazetteer for a model file. */
  toJSON(): GazetteerData {
    return { entries: [...this.names] };
  }
}

/** Collects entity strings from tagged sentences and keeps each one's majority type (ties: first type seen). */
export function buildGazetteer(sentences: Iterable<{ tokens: readonly string[]; spans: ReadonlyArray<{ start: number; end: number; type: EntityType }> }>, minCount = 1): Gazetteer {
  const counts = new Map<string, number[]>();
  for (const s of sentences) {
    for (const sp of s.spans) {
      if (sp.end - sp.start > MAX_LEN) continue;
      const name = s.tokens.slice(sp.start, sp.end).join(' ');
      let c = counts.get(name);
      if (!c) counts.set(name, (c = [0, 0, 0, 0]));
      c[ENTITY_TYPES.indexOf(sp.type)]!++;
    }
  }
  const entries: Array<[string, number]> = [];
  for (const [name, c] of counts) {
    const total = c.reduce((a, b) => a + b, 0);
    if (total < minCount) continue;
    let best = 0;
    for (let t = 1; t < c.length; t++) if (c[t]! > c[best]!) best = t;
    entries.push([name, best]);
  }
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return new Gazetteer({ entries });
}
