// Character-level features for the Chinese and Japanese firm tagger: the character window (unigrams to 4-grams),
// script classes, and company words (公司, 集团, 株式会社…) ending here or starting soon after. There is no name-list
// feature on purpose: the tagger is trained on knowledge-base names and must learn their context and form, not the list.
import type { SentenceFeatures } from './features.ts';
import { hashParts } from './hash.ts';

/** Script class of one character: H Han, K katakana, h hiragana, A Latin letter, D digit, P punctuation, S space, O other. */
export function charClass(c: string): string {
  const u = c.charCodeAt(0);
  if ((u >= 0x4e00 && u <= 0x9fff) || (u >= 0x3400 && u <= 0x4dbf) || c === '々' || c === '〇') return 'H';
  if ((u >= 0x30a0 && u <= 0x30ff) || u === 0x30fc) return 'K';
  if (u >= 0x3040 && u <= 0x309f) return 'h';
  if ((u >= 0x41 && u <= 0x5a) || (u >= 0x61 && u <= 0x7a) || (u >= 0xc0 && u <= 0x24f)) return 'A';
  if (u >= 0x30 && u <= 0x39) return 'D';
  if (c === ' ' || c === '\u3000' || c === '\t') return 'S';
  if (u < 0x3000 ? /\p{P}|\p{S}/u.test(c) : (u >= 0x3000 && u <= 0x303f) || (u >= 0xff00 && u <= 0xffef)) return 'P';
  return 'O';
}

/** Company words whose end or nearness is a feature (both languages; the longest listed first where one contains another). */
export const COMPANY_WORDS: readonly string[] = [
  '股份有限公司', '有限责任公司', '有限公司', '集团', '控股', '股份', '公司', '科技', '银行', '证券', '汽车', '电子', '能源',
  '医药', '药业', '电气', '智能', '半导体', '材料', '物流', '航空', '地产', '电器', '重工', '化工', '保险', '基金', '食品',
  '传媒', '网络', '软件', '芯片', '新能源', '资本', '投资', '实业', '国际', '集团公司', '企业',
  'ホールディングス', 'グループ', '株式会社', '自動車', '製作所', '電機', '電気', '工業', '商事', '物産', '製薬', '化学',
  '建設', '不動産', '鉄道', '電力', 'ジャパン', '社', '（株）', '(株)',
];
const MAX_WORD = Math.max(...COMPANY_WORDS.map((w) => w.length));
const WORD_SET = new Set(COMPANY_WORDS);
const BOS = '\u0002';
const EOS = '\u0003';

/** The characters a feature reads: full-width Latin and digits folded to ASCII, Latin lower-cased, digits to 0. */
export function normaliseChars(text: string): string[] {
  const out: string[] = [];
  for (const c of text) {
    const u = c.charCodeAt(0);
    // Only full-width forms change under NFKC in practice; Han and kana are left as they are, and cheaply.
    const k = u >= 0xff00 && u <= 0xffef ? c.normalize('NFKC') : c;
    const ch = k.length === 1 ? k : c;
    out.push(ch >= '0' && ch <= '9' ? '0' : ch.toLowerCase());
  }
  return out;
}

/**
 * Hashed features of every UTF-16 unit of `text` (one segment, e.g. a sentence). Astral characters take two units;
 * the second unit gets the same features as the first, so offsets stay UTF-16 and tags stay aligned.
 */
export function charFeatures(text: string): SentenceFeatures {
  const units: number[] = []; // code point index of each UTF-16 unit
  const cps = normaliseChars(text);
  let cp = 0;
  for (const c of text) {
    units.push(cp);
    if (c.length === 2) units.push(cp);
    cp++;
  }
  const n = cps.length;
  const at = (i: number): string => (i < 0 ? BOS : i >= n ? EOS : cps[i]!);
  const cls = cps.map(charClass);
  const clsAt = (i: number): string => (i < 0 || i >= n ? '_' : cls[i]!);
  // endsAt[i]: the longest company word ending at character i; startsAt[i]: the longest starting at i.
  const endsAt: Array<string | undefined> = new Array(n);
  const startsAt: Array<string | undefined> = new Array(n);
  for (let i = 0; i < n; i++) {
    let w = '';
    for (let k = 0; k < MAX_WORD && i + k < n; k++) {
      w += cps[i + k]!;
      if (WORD_SET.has(w)) {
        if (!startsAt[i] || startsAt[i]!.length < w.length) startsAt[i] = w;
        const e = i + k;
        if (!endsAt[e] || endsAt[e]!.length < w.length) endsAt[e] = w;
      }
    }
  }
  // nextWord[i]: distance from i to the next company word start with only name characters between (capped at 12).
  const nextWord = new Int8Array(n).fill(-1);
  let dist = -1;
  for (let i = n - 1; i >= 0; i--) {
    if (startsAt[i]) dist = 0;
    else if (dist >= 0 && dist < 12 && 'HKA'.includes(cls[i]!)) dist++;
    else dist = -1;
    nextWord[i] = dist;
  }
  const perChar: Uint32Array[] = [];
  for (let i = 0; i < n; i++) {
    const a = at(i - 2), b = at(i - 1), c = at(i), d = at(i + 1), e = at(i + 2);
    const f: number[] = [
      hashParts('bias'),
      hashParts('u0', c), hashParts('u-1', b), hashParts('u+1', d), hashParts('u-2', a), hashParts('u+2', e),
      hashParts('b-1', b, c), hashParts('b+1', c, d), hashParts('b-2', a, b), hashParts('b+2', d, e),
      hashParts('t0', b, c, d), hashParts('t-', a, b, c), hashParts('t+', c, d, e),
      hashParts('q-', at(i - 3), a, b, c), hashParts('q+', c, d, e, at(i + 3)),
      hashParts('c3', clsAt(i - 1), clsAt(i), clsAt(i + 1)),
      hashParts('c5', clsAt(i - 2) + clsAt(i - 1), clsAt(i), clsAt(i + 1) + clsAt(i + 2)),
    ];
    if (endsAt[i]) f.push(hashParts('we', endsAt[i]!));
    if (i + 1 < n && startsAt[i + 1]) f.push(hashParts('wn', startsAt[i + 1]!));
    if (i > 0 && endsAt[i - 1]) f.push(hashParts('wp', endsAt[i - 1]!));
    if (nextWord[i]! > 0) f.push(hashParts('wd', String(Math.min(nextWord[i]!, 8))), hashParts('wdc', String(Math.min(nextWord[i]!, 8)), c));
    perChar.push(Uint32Array.from(f));
  }
  const offsets = new Int32Array(units.length + 1);
  let total = 0;
  units.forEach((u, k) => {
    offsets[k] = total;
    total += perChar[u]!.length;
  });
  offsets[units.length] = total;
  const ids = new Uint32Array(total);
  units.forEach((u, k) => ids.set(perChar[u]!, offsets[k]!));
  return { offsets, ids };
}
