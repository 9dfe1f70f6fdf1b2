// Training data for the zh/ja firm tagger, without hand labelling: unlabelled news segments tagged with the knowledge
// base's firm aliases, the team's TRAIN-split gold firm names and the form rules (cjkFormFirmRefs), plus DuEE dev
// argument spans with organisation roles. Articles of the gold dev and test splits and reserved articles
// (../shared/eval/reserved.mjs) are never read as training text; part of the alias list is held out (whole segments
// naming a held-out alias are set aside) so that the tagger is measured on names it never saw.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { cjkFormFirmRefs } from '../../src/extract/events/cjk-firms.ts';
import { loadKnowledgeBase } from '../../src/extract/kb.ts';
import type { CharSpan } from '../../src/ner/char-tagger.ts';
import { segments } from '../../src/ner/char-tagger.ts';
import type { CharExample } from '../../src/ner/char-train.ts';
import { hashString } from '../../src/ner/hash.ts';
import { projectPath } from '../../src/paths.ts';
import { GOLD_DIR, SHARED } from '../events/dataset.ts';

// The shared evaluation kit is plain .mjs, without types.
const { isReserved } = (await import(join(SHARED, 'eval', 'reserved.mjs'))) as { isReserved: (corpus: string, id: string) => boolean };

export const CORPORA: Record<'zh' | 'ja', string[]> = {
  zh: [
    'news/finrss-zh-en-2025/financialreport-rss-zh-2025-2026.jsonl.gz',
    'news/xwlb-zh-cctv/xinwenlianbo-2022-2026.jsonl.gz',
    'news/duee1-zh-events/duee1.0-train-dev-event-labels.jsonl.gz',
  ],
  ja: ['news/livedoor-ja/livedoor-news-2010-2012.jsonl.gz'],
};
export type CjkLang = keyof typeof CORPORA;

/** DuEE roles whose argument is an organisation (a firm more often than not). */
const DUEE_ORG_ROLES = new Set(['裁员方', '原所属组织', '所加盟组织', '解雇方', '解散方', '所属组织', '收购方', '出售方', '融资方', '领投方', '跟投方', '上市企业', '召回方', '解约方', '被解约方', '发布方', '降价方', '涨价方', '罢工人员所属组织']);
// Aliases that are more often a common word or a surname than the firm in running text.
const AMBIGUOUS_ALIASES = new Set(['理想', '荣耀', '美的', '本田', '大众', '长城', '光明', '东方']);
const CJK = /[\u3040-\u30ff\u3400-\u9fff]/;

interface Row { id?: string; newid?: string; title?: string | null; text?: string; body?: string; arguments?: Array<{ role: string; start: number; end: number; text: string }> }

export interface GoldRef { corpus: string; id: string; firms: string[]; events: string[][] }

/** corpus#id of every article in the gold dev and test splits (ids only: test articles are never read). */
export function heldOutIds(lang: CjkLang): Set<string> {
  const out = new Set<string>();
  for (const split of ['dev', 'test']) {
    for (const line of readFileSync(join(GOLD_DIR, split, `${lang}.jsonl`), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const { corpus, id } = JSON.parse(line) as { corpus: string; id: string };
      out.add(`${corpus}#${id}`);
    }
  }
  return out;
}

/** The gold articles of one split with their events' acceptable firm names. */
export function goldRefs(lang: CjkLang, split: 'train' | 'dev'): GoldRef[] {
  return readFileSync(join(GOLD_DIR, split, `${lang}.jsonl`), 'utf8').split('\n').filter((l) => l.trim()).map((l) => {
    const r = JSON.parse(l) as { corpus: string; id: string; events: Array<{ firm: string[] }> };
    return { corpus: r.corpus, id: r.id, firms: r.events.flatMap((e) => e.firm), events: r.events.map((e) => e.firm) };
  });
}

const corpusCache = new Map<string, Row[]>();
function readCorpus(corpus: string): Row[] {
  let rows = corpusCache.get(corpus);
  if (!rows) {
    rows = gunzipSync(readFileSync(join(SHARED, 'corpus', corpus))).toString('utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Row);
    corpusCache.set(corpus, rows);
  }
  return rows;
}

const rowId = (r: Row): string => String(r.id ?? r.newid);
const rowText = (r: Row): string => `${r.title ? `${r.title}\n\n` : ''}${r.text ?? r.body ?? ''}`;

/** The article text annotators read (title, blank line, body) of one record; never call it on a test article. */
export function goldArticleText(corpus: string, id: string): string {
  const r = readCorpus(corpus).find((x) => rowId(x) === id);
  if (!r) throw new Error(`no record ${id} in ${corpus}`);
  return rowText(r);
}

/** A longest-match dictionary of names over raw text (CJK names anywhere, Latin names between non-letters, case kept). */
export class NameMatcher {
  private readonly byFirst = new Map<string, string[]>();
  constructor(names: Iterable<string>) {
    for (const n of new Set(names)) {
      if (n.length < 2 || (!CJK.test(n) && n.length < 3)) continue;
      const list = this.byFirst.get(n[0]!) ?? [];
      list.push(n);
      this.byFirst.set(n[0]!, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.length - a.length);
  }
  /** Non-overlapping occurrences, leftmost-longest. */
  find(text: string): Array<CharSpan & { name: string }> {
    const out: Array<CharSpan & { name: string }> = [];
    const letter = (c: string | undefined) => c !== undefined && /[A-Za-z0-9]/.test(c);
    for (let i = 0; i < text.length; i++) {
      const list = this.byFirst.get(text[i]!);
      if (!list) continue;
      const hit = list.find((n) => text.startsWith(n, i) && (CJK.test(n) || (!letter(text[i - 1]) && !letter(text[i + n.length]))));
      if (!hit) continue;
      out.push({ start: i, end: i + hit.length, name: hit });
      i += hit.length - 1;
    }
    return out;
  }
}

export interface DataOptions {
  /** Share of knowledge-base aliases held out (by hash of the alias). */
  holdout: number;
  /** Share of segments without any name kept as negatives. */
  negatives: number;
  /** Stop after this many articles per corpus (tests). */
  limit?: number;
}

export interface CjkData {
  train: CharExample[];
  /** Segments naming a held-out alias, with every name tagged: the tagger never saw these names. */
  heldOut: CharExample[];
  heldOutAliases: Set<string>;
  stats: Record<string, number>;
}

/** Builds the tagger's training segments for one language. */
export function buildCjkData(lang: CjkLang, opts: DataOptions): CjkData {
  const kb = loadKnowledgeBase(projectPath('config'));
  const usable = (id: string) => {
    const e = kb.entity(id);
    return id.startsWith('firm:') && !!e && !e.commonWord && !e.productOf;
  };
  const aliases = kb.aliasEntries.filter((a) => usable(a.entityId) && (!a.langs || a.langs.includes(lang)) && !AMBIGUOUS_ALIASES.has(a.alias)).map((a) => a.alias);
  const goldNames = goldRefs(lang, 'train').flatMap((g) => g.firms).filter((n) => CJK.test(n) || /^[A-Z][A-Za-z0-9&.-]{2,}$/.test(n));
  const goldSet = new Set(goldNames);
  const heldOutAliases = new Set(aliases.filter((a) => CJK.test(a) && !goldSet.has(a) && (hashString(`holdout:${a}`) % 1000) / 1000 < opts.holdout));
  const matcher = new NameMatcher([...aliases, ...goldNames]);
  const exclude = heldOutIds(lang);
  const stats: Record<string, number> = { articles: 0, excluded: 0, segments: 0, positive: 0, negativeKept: 0, heldOutSegments: 0, dictSpans: 0, formSpans: 0, dueeSpans: 0 };
  const train: CharExample[] = [];
  const heldOut: CharExample[] = [];
  for (const corpus of CORPORA[lang]) {
    let n = 0;
    for (const row of readCorpus(corpus)) {
      const id = rowId(row);
      if (exclude.has(`${corpus}#${id}`) || isReserved(corpus, id)) {
        stats.excluded!++;
        continue;
      }
      if (opts.limit !== undefined && n++ >= opts.limit) break;
      stats.articles!++;
      const text = rowText(row);
      const spans = articleSpans(text, lang, row, matcher, stats);
      for (const seg of segments(text)) {
        stats.segments!++;
        const inSeg = spans.filter((s) => s.start >= seg.start && s.end <= seg.end).map((s) => ({ start: s.start - seg.start, end: s.end - seg.start, name: s.name }));
        const ex: CharExample = { text: text.slice(seg.start, seg.end), spans: inSeg.map(({ start, end }) => ({ start, end })) };
        if (inSeg.some((s) => heldOutAliases.has(s.name))) {
          stats.heldOutSegments!++;
          heldOut.push(ex);
        } else if (inSeg.length > 0) {
          stats.positive!++;
          train.push(ex);
        } else if ((hashString(`neg:${corpus}#${id}:${seg.start}`) % 1000) / 1000 < opts.negatives) {
          stats.negativeKept!++;
          train.push(ex);
        }
      }
    }
  }
  return { train, heldOut, heldOutAliases, stats };
}

// The form rules' names are noisy ("政策发力点高度聚焦科技", "人工智能"): as labels only names before a stock code, or
// a distinctive part of two or more characters before a legal or firm-only company word.
const STRONG_SUFFIX = /(?:股份有限公司|有限责任公司|有限公司|集团|控股|股份|公司|银行|证券|株式会社|ホールディングス|銀行|証券|製作所|商事|物産|製薬)$/;
const GENERIC_PART = /国|洲|创业|所有|这家|当地|智驾|地图|产业|互联网|硬件|审核|觉得|但|还有|其|几乎|有|特定|内地|香港|用好|犯罪|专业|ネット/;
const GENERIC_PREFIX = /^(?:科技|互联网|上市|投资|控股|国有|民营|外资|跨国|合资|保险|证券|汽车|一家|两家|多家|这家|那家|该|本|我|子|母|新|大型|中小|头部|龙头|中国|美国|日本|全球|国内|海外|外国|相关|有关|金融|能源|科技型|平台|集团|関連|大手|中堅|海外|日本|外資|国内|親|子)$/;
const CLAUSE_WORD = /[的了在与和及是将对由为据称向从把被于等或、，。：；·・\d０-９]|减持|持有|收到|获得|取得|设立|通过|履行|发布|晚间|目前|开始|甚至|所属|转让|投资|拟|方式|合计|比例|不超过|股东|部分|成分股|相关|组建|筹划|加大|最新|业务|分公司|子公司|公司公司|某|代|歳|アイドル|男|女/;
function reliableForm(name: string, after: string): boolean {
  if (CLAUSE_WORD.test(name)) return false;
  if (/^[（(][0-9]/.test(after)) return true;
  const m = STRONG_SUFFIX.exec(name);
  if (!m) return false;
  const prefix = name.slice(0, m.index);
  if (prefix.length < 2 || GENERIC_PREFIX.test(prefix) || STRONG_SUFFIX.test(prefix)) return false;
  // A bare company word after a long or generic part is a description ("欧洲创业公司"), not a name.
  return /有限|株式会社|ホールディングス/.test(m[0]) || (prefix.length <= 6 && !GENERIC_PART.test(prefix));
}

/** Every name span of one article: dictionary names first, then DuEE organisation arguments, then form-rule names. */
function articleSpans(text: string, lang: CjkLang, row: Row, matcher: NameMatcher, stats: Record<string, number>): Array<CharSpan & { name: string }> {
  const spans = matcher.find(text);
  stats.dictSpans! += spans.length;
  const free = (s: CharSpan) => !spans.some((x) => x.start < s.end && s.start < x.end);
  const offset = row.title ? row.title.length + 2 : 0;
  for (const a of row.arguments ?? []) {
    const s = { start: a.start + offset, end: a.end + offset, name: a.text };
    if (!DUEE_ORG_ROLES.has(a.role) || a.text.length < 2 || a.text.length > 20 || text.slice(s.start, s.end) !== a.text || !free(s)) continue;
    spans.push(s);
    stats.dueeSpans!++;
  }
  const known = spans.map((s) => ({ key: s.name, name: s.name, start: s.start, end: s.end, fromKb: true }));
  for (const f of cjkFormFirmRefs(text, lang, known)) {
    if (!reliableForm(f.name, text.slice(f.end, f.end + 2))) continue;
    spans.push({ start: f.start, end: f.end, name: f.name });
    stats.formSpans!++;
  }
  return spans.sort((a, b) => a.start - b.start);
}
