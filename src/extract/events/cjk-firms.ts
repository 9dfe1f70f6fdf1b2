// Firm names in Chinese and Japanese text that neither the knowledge base nor a tagger finds (there is no zh or ja
// NER model): names that end in a company word (股份, 集团, 有限公司, 株式会社, ホールディングス…), names before a
// stock code ("湖南裕能（301358）"), and Japanese 株式会社 / (株) forms. They are candidates for the event decision only,
// not entities: the learned model weighs them (their words are features), and the rules never see them.
// A character-level firm tagger (src/ner/char-tagger.ts, models/ner/<lang>-firms.json.gz) adds names of any form.
import { type CharTagger, getCharTagger } from '../../ner/char-tagger.ts';
import type { FirmRef } from './firms.ts';
import { firmKey } from './firms.ts';

const HAN = '\\u4e00-\\u9fff';
const KANA = '\\u30a0-\\u30ff';
// Company words that end a Chinese firm name; the longest first so that 股份有限公司 wins over 公司.
const ZH_SUFFIX = ['股份有限公司', '有限责任公司', '有限公司', '控股集团', '集团公司', '集团', '控股', '股份', '公司', '科技', '银行', '证券', '汽车', '电子', '能源', '通信', '动力', '医药', '环保', '电气', '光电', '智能', '半导体', '材料', '物流', '航空', '宇航', '地产', '置业', '电器', '重工', '矿业', '钢铁', '化工', '电力', '保险', '基金', '药业', '食品', '传媒', '网络', '软件', '芯片', '微电子', '新能源'];
const JA_SUFFIX = ['ホールディングス', 'グループ', '株式会社', '自動車', '製作所', '電機', '電気', '工業', '銀行', '証券', '商事', '物産', '通信', '製薬', '電子', '化学', '重工', '建設', '不動産', '航空', '鉄道', '電力', 'ジャパン', '社'];
// Characters and words a name never starts with: they end the clause before it.
// Dates, news-agency datelines and the verbs of a job change ("并任", "出任", "加入") come before a name, never in it.
const ZH_STOP = /[的在与和及是将对由为据称向从把被于等或及、，。：；“”‘’（）《》丨|\s]|宣布|公告|表示|旗下|近日|今日|日前|此前|其中|子公司|全资|控股子|同时|以及|讯|\d+日|晚间|早间|并任|出任|担任|成为|接受|加入/g;
const JA_STOP = /[のはがをにでとへもや、。「」『』（）\s]|によると|について|として/g;

// A conjunction that also begins names (和鼎科技, 和邦生物): read as a conjunction only with a word before it. The
// prepositions (在, 对, 由...) stay stops wherever they are: a clause often begins with one, a name almost never.
const NAME_INITIAL_STOP = /^[和与及]$/u;

/**
 * The name without the clause before it: cut after the last stop word. A conjunction with nothing of the name's
 * span before it, or right after a stop word ("近日和鼎科技"), joins no two words: it is the name's first character.
 */
function trimStart(name: string, stop: RegExp): string {
  let cut = 0, afterWord = true;
  for (const m of name.matchAll(stop)) {
    if (m.index === cut && afterWord && NAME_INITIAL_STOP.test(m[0])) continue;
    cut = m.index! + m[0].length;
    afterWord = m[0].length > 1;
  }
  return name.slice(cut);
}

function suffixRe(prefixChars: string, suffixes: string[], min: number, max: number): RegExp {
  return new RegExp(`[${prefixChars}A-Za-z0-9]{${min},${max}}?(?:${suffixes.join('|')})`, 'gu');
}
const ZH_NAME = suffixRe(HAN, ZH_SUFFIX, 2, 10);
const JA_NAME = suffixRe(`${HAN}${KANA}ー`, JA_SUFFIX, 2, 12);
// "湖南裕能（301358）", "宝色股份(300402.SZ)", "和鼎科技(872941)": a name before a stock code (Shanghai and Shenzhen
// six digits from 0, 3 or 6; Beijing and the NEEQ board from 4, 8 or 9; Hong Kong four or five).
const STOCK = new RegExp(`([${HAN}A-Za-z]{2,8})[（(](?:[034689]\\d{5}|\\d{4,5})(?:\\.(?:SZ|SH|HK|BJ))?[）)]`, 'gu');
// 株式会社ソニー, ソニー株式会社, (株)ソニー
const JA_KK = new RegExp(`(?:株式会社|[（(]株[）)])([${KANA}ー${HAN}A-Za-z]{2,12})`, 'gu');
const BARE = new Set([...ZH_SUFFIX, ...JA_SUFFIX, '本公司', '该公司', '我公司', '同社', '当社', '子会社', '親会社', '会社', '上市公司', '母公司', '新公司']);

// Words ending in 社 that are not a firm's name: head office, joining, the company, other firms.
const NOT_A_NAME_END = /(?:本社|入社|会社|各社|他社|自社|支社|退社|出社|弊社|同社|当社|新社)$/;

/** Firm names in zh/ja text found by their form or by the firm tagger, not overlapping the firms already found. */
export function cjkFirmRefs(text: string, lang: string, known: readonly FirmRef[]): FirmRef[] {
  const form = cjkFormFirmRefs(text, lang, known);
  const tagger = getCharTagger(lang);
  if (!tagger) return form;
  return [...form, ...taggerFirmRefs(text, tagger, [...known, ...form], lang)].sort((a, b) => a.start - b.start);
}

/** The firm names a character tagger finds in `text`, not overlapping `known`. */
export function taggerFirmRefs(text: string, tagger: CharTagger, known: readonly FirmRef[], lang = 'zh'): FirmRef[] {
  const out: FirmRef[] = [];
  const stop = lang === 'ja' ? JA_STOP : ZH_STOP;
  for (const span of tagger.spans(text)) {
    const grown = grownToRepeat(text, span.start, span.end, stop);
    const { end } = grown;
    const read = trimStart(text.slice(grown.start, end), stop);
    const name = standaloneEnding(text, read);
    const start = end - name.length;
    if (!acceptable(name) || /[\n\r]/.test(name) || known.some((f) => f.start < end && start < f.end)) continue;
    out.push({ key: firmKey(name) || name, name, start, end, fromKb: false });
  }
  return out;
}

const CJK_CHAR = new RegExp(`[${HAN}${KANA}]`);
const COMPANY_WORDS = [...BARE];
const occurrences = (text: string, s: string) => { let n = 0; for (let i = s ? text.indexOf(s) : -1; i >= 0; i = text.indexOf(s, i + 1)) n++; return n; };

/**
 * A name read with characters of the clause before it ("近日希努尔", "高调公开接受华大集团") is cut to the longest
 * ending of it that the article also writes without those characters: where a name starts is where what comes
 * before it varies. A name the article writes only one way is kept as read.
 */
export function standaloneEnding(text: string, name: string): string {
  const whole = occurrences(text, name);
  for (let cut = 1; cut <= Math.min(6, name.length - 2); cut++) {
    const ending = name.slice(cut);
    // Only Han or kana are cut, and what is left must be more than the end of a company word ("限公司"). A two-character
    // ending is as likely a common word the article repeats (光学 of 中润光学 in "光学元组件", 热电 in "热电联产") as a
    // short name, so it is never cut to.
    if (ending.length < 3 || !CJK_CHAR.test(name[cut - 1]!) || !CJK_CHAR.test(ending[0]!) || COMPANY_WORDS.some((w) => w.endsWith(ending))) continue;
    if (acceptable(ending) && occurrences(text, ending) > whole) return ending;
  }
  return name;
}

/**
 * A tagger's name cut short ("阿麦" of 阿麦斯, "光学" of 中润光学) grows by the characters that stand next to it at
 * every place the article writes it, when it writes it at least twice: a name ends where what follows it varies.
 * It never grows over a clause boundary or into a company word's start.
 */
export function grownToRepeat(text: string, start: number, end: number, stop: RegExp): { start: number; end: number } {
  const at = (s: string) => { const out: number[] = []; for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) out.push(i); return out; };
  const boundary = new RegExp(stop.source, 'u');
  const joins = (c: string | undefined) => c != null && CJK_CHAR.test(c) && !boundary.test(c);
  for (let step = 0; step < 4; step++) {
    const name = text.slice(start, end);
    const places = at(name);
    if (places.length < 2) break;
    const next = text[places[0]! + name.length];
    const prev = text[places[0]! - 1];
    if (joins(next) && places.every((i) => text[i + name.length] === next) && !boundary.test(text.slice(end, end + 2))) end++;
    else if (joins(prev) && places.every((i) => text[i - 1] === prev)) start--;
    else break;
  }
  return { start, end };
}

function acceptable(name: string): boolean {
  return name.length >= 2 && !BARE.has(name) && !/^[\d\p{P}\s]+$/u.test(name) && !NOT_A_NAME_END.test(name);
}

/** Firm names found by their form alone (company words, stock codes, 株式会社) in zh/ja text, not overlapping `known`. */
export function cjkFormFirmRefs(text: string, lang: string, known: readonly FirmRef[]): FirmRef[] {
  if (lang !== 'zh' && lang !== 'ja') return [];
  const out: FirmRef[] = [];
  const add = (name: string, start: number) => {
    const end = start + name.length;
    if (!acceptable(name)) return;
    if ([...known, ...out].some((f) => f.start < end && start < f.end)) return;
    out.push({ key: firmKey(name) || name, name, start, end, fromKb: false });
  };
  const stop = lang === 'zh' ? ZH_STOP : JA_STOP;
  for (const m of text.matchAll(STOCK)) {
    const name = standaloneEnding(text, trimStart(m[1]!, stop));
    add(name, m.index! + m[1]!.length - name.length);
  }
  if (lang === 'ja') for (const m of text.matchAll(JA_KK)) add(m[1]!, m.index! + m[0].length - m[1]!.length);
  const re = lang === 'zh' ? ZH_NAME : JA_NAME;
  for (const m of text.matchAll(re)) {
    const name = standaloneEnding(text, trimStart(m[0], stop));
    add(name, m.index! + m[0].length - name.length);
  }
  return out.sort((a, b) => a.start - b.start);
}
