// One sense per discourse for firm names: a name the entity stage or the form reader found once is the same firm
// wherever else the article writes it. The taggers read each occurrence in its own context and often miss the
// second ("霸王茶姬还进入了菲律宾市场" after a first "霸王茶姬" they did find): on the dev split, 21 of 195 gold firms
// were found only in an earlier sentence than their event's evidence. These references feed broad candidates only.
import { wholeWordOffsets } from '../fold.ts';
import type { FirmRef } from './firms.ts';
import type { WeakFirmRef } from './weak-firms.ts';

const CJK = /[\u3040-\u30ff\u3400-\u9fff]/u;
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/** Every occurrence of a found firm's name that no reference covers yet, as a reference of source 'repeat'. */
export function repeatedFirmRefs(text: string, found: readonly FirmRef[], taken: readonly FirmRef[]): WeakFirmRef[] {
  const out: WeakFirmRef[] = [];
  const seen = new Set<string>();
  for (const f of found) {
    const written = text.slice(f.start, f.end);
    if (seen.has(written) || written.length < 2) continue;
    seen.add(written);
    // CJK text has no word boundaries: a name is its characters wherever they stand.
    const offsets = CJK.test(written) ? allOffsets(text, written) : wholeWordOffsets(text, written);
    for (const start of offsets) {
      const r = { start, end: start + written.length };
      if (taken.some((t) => overlaps(t, r)) || out.some((t) => overlaps(t, r))) continue;
      out.push({ key: f.key, name: f.name, ...r, fromKb: f.fromKb, source: 'repeat', initial: false });
    }
  }
  return out;
}

function allOffsets(text: string, s: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(s); at >= 0; at = text.indexOf(s, at + s.length)) out.push(at);
  return out;
}
