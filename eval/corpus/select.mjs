#!/usr/bin/env node
// Picks the articles of the team's annotated event corpus (eval/corpus/README.md): per source, a seeded random
// sample of business-like sections and of everything, plus a seeded sample of keyword-matching articles, never an
// article that ../shared/eval/reserved.mjs reserves, one already in an older gold set, or a near-copy of a pick.
// Each pick gets its split (train 60 / dev 20 / test 20) from a seeded hash, once, before anyone annotates it.
// Usage, from the project root:  node eval/corpus/select.mjs [--round2 | ... | --round7] [--batches DIR]  (each round includes the earlier rounds' picks)
//   prints one JSON line per pick (corpus, id, lang, stratum, split); with --batches, also writes annotation batches
//   (article text included) to DIR, which must be outside the repository: the texts are not ours to commit.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { isReserved } from '../../../shared/eval/reserved.mjs';
import { SPLIT_SEED, splitOf } from './split.mjs';

const SHARED = '../shared';
const SEED = SPLIT_SEED;
const MAX_CHARS = 6000; // longer articles are passed over: annotation time grows with length, and the cap is the same for every split
const BATCH = 20;

function rng(seed) { // mulberry32, so the sample is reproducible from the seed alone
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(SEED);
const shuffled = (rows) => {
  const a = [...rows].sort((x, y) => x.id.localeCompare(y.id));
  for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; }
  return a;
};

// The text an annotator reads and evidence is quoted from: the same join check-gold.mjs makes.
const articleText = (r) => `${r.title ?? ''}\n\n${r.text ?? r.body ?? ''}`;

const used = new Set();
const usedShingles = [];
const shingles = (t) => {
  const w = t.slice(0, 1500).toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const grams = w.length > 40 ? 5 : 1; // CJK text has few spaces: fall back to characters
  const units = grams === 1 ? [...t.slice(0, 600)] : w;
  const n = grams === 1 ? 8 : 5;
  const out = new Set();
  for (let i = 0; i + n <= units.length; i++) out.add(units.slice(i, i + n).join(' '));
  return out;
};
const jaccard = (a, b) => { let n = 0; for (const x of a) if (b.has(x)) n++; return n / (a.size + b.size - n || 1); };
const nearCopy = (s) => usedShingles.some((u) => jaccard(s, u) > 0.5);

const goldDirs = [join(SHARED, 'eval/dev'), 'eval/heldout', 'eval/heldout2'];
for (const d of goldDirs) for (const f of readdirSync(d).filter((x) => x.endsWith('.jsonl')))
  for (const l of readFileSync(join(d, f), 'utf8').split('\n')) if (l.trim()) { const g = JSON.parse(l); used.add(`${g.corpus}|${g.id}`); }

const load = (corpus) => gunzipSync(readFileSync(join(SHARED, 'corpus', corpus))).toString('utf8').split('\n')
  .filter((l) => l.trim()).map((l) => JSON.parse(l)).map((r) => ({ ...r, id: String(r.id ?? r.newid), corpus }))
  .filter((r) => !used.has(`${corpus}|${r.id}`) && !isReserved(corpus, r.id))
  .filter((r) => { const n = articleText(r).length; return n >= 60 && n <= MAX_CHARS; });

// Keyword strata: broad families (hiring, job cuts, appointments, new sites, poaching, chip-export controls), one
// regex per language. They only choose what is annotated; they are not the extractor's vocabulary.
const KW = {
  en: /\b(hir(e|es|ed|ing)|recruit\w*|jobs?|staff|workforce|lay-?offs?|laid off|job cuts|redundanc\w+|appoint\w*|names? .{0,30}(chief|ceo|president)|chief executive|ceo|resign\w*|steps? down|new (plant|factory|office|headquarters)|open\w* .{0,20}(plant|factory|office|store)|poach\w*|export controls?|entity list|chips?|semiconductor\w*)\b/i,
  es: /(?<!\p{L})(contrat\w+|emple(o|os|ará)|plantilla|despid\w+|despedirá|ERE|puestos de trabajo|nombra\w*|consejero delegado|director general|presidente ejecutivo|dimi\w+|nueva (planta|fábrica|sede|oficina)|abrirá|filial|fichaje|chips?|semiconductor\w*)(?!\p{L})/iu,
  fr: /(?<!\p{L})(embauch\w+|recrut\w+|emplois?|licenci\w+|suppressions? (de postes|d'emplois)|plan social|PSE|nomm\w+|directeur général|PDG|présidente?|démission\w*|nouvelle usine|nouveau siège|ouvr\w+ (une|un) (usine|site|magasin|bureau)|ferme\w* (l'|son |une |le )?(usine|site)|fermeture|débauch\w+|puces?|semi-conducteurs?)(?!\p{L})/iu,
  de: /(?<!\p{L})(Stellen\w*|Arbeitsplätze?|Jobs?|Mitarbeite\w*|einstell\w+|Entlassung\w*|entlass\w+|Stellenabbau|Kurzarbeit|Werk\w*|Fabrik\w*|Standort\w*|Chef\w*|Vorstand\w*|ernannt|Nachfolge\w*|tritt .{0,20}zurück|Rücktritt|Insolvenz|Chips?|Halbleiter\w*|Exportkontroll\w*)(?!\p{L})/iu,
  pt: /(?<!\p{L})(contrat\w+|empregos?|vagas?|demiss\w+|demit\w+|cortes? de (vagas|empregos|funcionários)|funcionários|nomead\w+|presidente-executivo|diretor|CEO|renunci\w+|nova (fábrica|sede|unidade|loja)|fábrica|fecha\w* (a |uma )?(fábrica|unidade|loja)|chips?|semicondutor\w*)(?!\p{L})/iu,
  zh: /(招聘|招人|扩招|裁员|裁撤|离职|辞职|辞任|卸任|任命|出任|接任|董事长|总裁|首席执行官|CEO|加盟|挖角|新工厂|投产|开工|建厂|设立|子公司|总部|关闭|停产|芯片|半导体|出口管制|实体清单)/,
  ja: /(採用|求人|募集|人員削減|リストラ|希望退職|解雇|閉鎖|撤退|就任|退任|辞任|社長|CEO|新工場|工場|拠点|開設|出店|支社|子会社|引き抜き|移籍|半導体|輸出規制)/,
};
const kw = (lang) => (r) => KW[lang].test(articleText(r));

const picks = [];
const take = (stratum, rows, n) => {
  let k = 0;
  for (const r of shuffled(rows)) {
    if (k === n) break;
    if (used.has(`${r.corpus}|${r.id}`)) continue;
    const s = shingles(articleText(r));
    if (nearCopy(s)) continue;
    picks.push({ corpus: r.corpus, id: r.id, lang: r.lang, stratum, split: splitOf(r.corpus, r.id), text: articleText(r) });
    used.add(`${r.corpus}|${r.id}`);
    usedShingles.push(s);
    k++;
  }
  if (k < n) console.error(`${stratum}: only ${k} of ${n}`);
};
const inSections = (names) => (r) => names.includes(r.section ?? r.source ?? r.category);

const N = 'news/';
const WIKI = load(`${N}wikinews-en-economy/wikinews-en-economy-business-2004-2018.jsonl.gz`);
const FIN_EN = load(`${N}finrss-zh-en-2025/financialreport-rss-en-2025-2026.jsonl.gz`);
const PRN = load(`${N}fedreg-prn-en-2020-2026/prnewswire-teasers-2026-02.jsonl.gz`);
const FEDREG = load(`${N}fedreg-prn-en-2020-2026/federal-register-abstracts-2020-2026.jsonl.gz`);
const BBC = load(`${N}bbc-fulltext/bbc-news-2004-2005.jsonl.gz`);
const FAKEDES = load(`${N}fakedes-es-real/spanish-fake-news-corpus-REAL-only.jsonl.gz`);
const EFE = load(`${N}efe-2000-es-from-conll2002/efe-2000-05-articles.jsonl.gz`);
const ORANGE = load(`${N}orangesum-fr/orangesum-actu-orange-2016-2020.jsonl.gz`);
const TAGES = load(`${N}tagesschau-de-2025/tagesschau-leads-2025-2026.jsonl.gz`);
const GNAD = load(`${N}10kgnad-de-test/test.jsonl.gz`);
const FAKEBR = load(`${N}fakebr-pt-true/fakebr-true-news-2016-2018.jsonl.gz`);
const PTBR = load(`${N}ptbr-news-500/news-articles-pt-br.jsonl.gz`);
const G1 = load(`${N}g1-rss-pt/g1-rss-items-2018-2023.jsonl.gz`);
const FIN_ZH = load(`${N}finrss-zh-en-2025/financialreport-rss-zh-2025-2026.jsonl.gz`);
const XWLB = load(`${N}xwlb-zh-cctv/xinwenlianbo-2022-2026.jsonl.gz`);
const DUEE = load(`${N}duee1-zh-events/duee1.0-train-dev-event-labels.jsonl.gz`);
const LIVEDOOR = load(`${N}livedoor-ja/livedoor-news-2010-2012.jsonl.gz`);

// en 220
take('random:wikinews', WIKI, 60); take('keyword:wikinews', WIKI.filter(kw('en')), 45);
take('random:finrss-en', FIN_EN.filter(inSections(['Thomson Reuters', 'CNBC', 'ZeroHedge', 'ETF Trends'])), 20);
take('keyword:finrss-en', FIN_EN.filter(kw('en')), 15);
take('random:prn', PRN, 25); take('keyword:prn', PRN.filter(kw('en')), 25);
take('keyword:fedreg', FEDREG.filter(kw('en')), 15);
take('keyword:bbc-business', BBC.filter((r) => r.category === 'business' && kw('en')(r)), 15);
// es 220
take('random:fakedes-business', FAKEDES.filter(inSections(['Economy', 'Science', 'Society', 'Sociedad', 'Ciencia'])), 50);
take('random:fakedes', FAKEDES, 25); take('keyword:fakedes', FAKEDES.filter(kw('es')), 60);
take('random:efecom', EFE.filter((r) => r.agency === 'EFECOM'), 35); take('keyword:efe', EFE.filter(kw('es')), 50);
// fr 220
take('random:orangesum-business', ORANGE.filter(inSections(['societe/high-tech', 'auto/news', 'societe/media', 'france'])), 70);
take('random:orangesum', ORANGE, 30); take('keyword:orangesum', ORANGE.filter(kw('fr')), 120);
// de 220
take('random:tagesschau-wirtschaft', TAGES.filter(inSections(['wirtschaft'])), 55); take('random:tagesschau', TAGES, 20);
take('keyword:tagesschau', TAGES.filter(kw('de')), 50);
take('random:10kgnad-wirtschaft', GNAD.filter(inSections(['Wirtschaft', 'Web'])), 45); take('keyword:10kgnad', GNAD.filter(kw('de')), 50);
// pt 220
take('random:fakebr-business', FAKEBR.filter(inSections(['economia', 'ciencia_tecnologia'])), 35); take('random:fakebr', FAKEBR, 20);
take('keyword:fakebr', FAKEBR.filter(kw('pt')), 50);
take('random:ptbr-business', PTBR.filter(inSections(['economia', 'ciencia e tecnologia'])), 45); take('keyword:ptbr', PTBR.filter(kw('pt')), 30);
take('random:g1', G1, 20); take('keyword:g1', G1.filter(kw('pt')), 20);
// zh 220
take('random:finrss-zh', FIN_ZH, 55); take('keyword:finrss-zh', FIN_ZH.filter(kw('zh')), 60);
take('random:xwlb', XWLB, 20); take('keyword:xwlb', XWLB.filter(kw('zh')), 30);
take('random:duee', DUEE, 20);
take('labels:duee-org', DUEE.filter((r) => (r.event_types ?? []).some((t) => /组织关系-(裁员|辞\/离职|加盟|解雇|解散)/.test(t))), 35);
// ja 220
take('random:livedoor-business', LIVEDOOR.filter(inSections(['it-life-hack', 'kaden-channel', 'livedoor-homme', 'topic-news'])), 90);
take('random:livedoor', LIVEDOOR, 20); take('keyword:livedoor', LIVEDOOR.filter(kw('ja')), 110);

// Round 2, added after round 1 was annotated: it held 10-21 gold events in each of ja, pt, es, fr and de (47 en,
// 92 zh), too few to measure those languages, so tighter keyword strata (phrases that state an event, not just a
// topic) draw more of their articles. The generator carries on from round 1, so round 1's picks are unchanged.
const round1 = picks.length;
const KW2 = {
  en: /\b(lay(s|ing)? off|laid off|job cuts|cut(s|ting)? \d[\d,]* jobs|to hire|will hire|hiring \d|new (plant|factory)|appoint(s|ed) .{0,40}(chief|ceo|president)|step(s|ped) down as)\b/i,
  es: /(?<!\p{L})(despidos?|despedirá|ERE|ERTE|puestos de trabajo|contratará|nuevos empleos|nombrad[oa] (consejer[oa] delegad[oa]|president[ea]|director[a]?)|nueva (planta|fábrica|sede)|cierre de (la )?(planta|fábrica)|abrirá)(?!\p{L})/iu,
  fr: /(?<!\p{L})(licenciements?|suppressions? de (postes|emplois)|plan social|embaucher|recrute[rs]?|nouvelle usine|fermeture de (l'|son |la )?(usine|site)|nommée? (directeur|directrice|PDG|président)|créer \d+ emplois)(?!\p{L})/iu,
  de: /(?<!\p{L})(Stellenabbau|Stellen (streichen|abbauen)|streicht .{0,30}Stellen|Arbeitsplätze|Kurzarbeit|Werk (schließen|schliessen)|neues Werk|neuer Chef|Vorstandschef\w*|Insolvenz\w*|Entlassungen|einstellen)(?!\p{L})/iu,
  pt: /(?<!\p{L})(demissões|demite|demitiu|vagas de emprego|contratar|contratações|nova fábrica|fechamento (da|de) (fábrica|unidade)|novo presidente|nomead[oa]|PDV|recuperação judicial)(?!\p{L})/iu,
  ja: /(採用|人員削減|希望退職|リストラ|新工場|工場を閉鎖|社長に就任|撤退|出店|求人|閉鎖)/,
};
const kw2 = (lang) => (r) => KW2[lang].test(articleText(r));
const ROUND = Math.max(1, ...process.argv.flatMap((a) => /^--round(\d+)$/.exec(a)?.[1] ?? []).map(Number));
if (ROUND >= 2) {
  take('keyword2:wikinews', WIKI.filter(kw2('en')), 30); take('keyword2:prn', PRN.filter(kw2('en')), 30);
  take('keyword2:fakedes', FAKEDES.filter(kw2('es')), 60); take('keyword2:efe', EFE.filter(kw2('es')), 90);
  take('keyword2:orangesum', ORANGE.filter(kw2('fr')), 150);
  take('keyword2:tagesschau', TAGES.filter(kw2('de')), 70); take('keyword2:10kgnad', GNAD.filter(kw2('de')), 80);
  take('keyword2:fakebr', FAKEBR.filter(kw2('pt')), 80); take('keyword2:ptbr', PTBR.filter(kw2('pt')), 40); take('keyword2:g1', G1.filter(kw2('pt')), 30);
  take('keyword2:livedoor', LIVEDOOR.filter(kw2('ja')), 150);
}

const round2 = picks.length;
// Round 3, added after round 2: 358 gold events in all, too few to train the event decision on, so more of the
// round-1 keyword strata of the sources richest in events (and more of every language's remaining pool).
if (ROUND >= 3) {
  take('keyword3:wikinews', WIKI.filter(kw('en')), 60); take('keyword3:finrss-en', FIN_EN.filter(kw('en')), 20); take('keyword3:bbc-business', BBC.filter((r) => r.category === 'business' && kw('en')(r)), 40);
  take('keyword3:orangesum', ORANGE.filter(kw2('fr')), 120);
  take('keyword3:finrss-zh', FIN_ZH.filter(kw('zh')), 80); take('keyword3:xwlb', XWLB.filter(kw('zh')), 30);
  take('keyword3:livedoor', LIVEDOOR.filter(kw('ja')), 80);
  take('keyword3:fakebr', FAKEBR.filter(kw('pt')), 60); take('keyword3:ptbr', PTBR.filter(kw('pt')), 20);
  take('keyword3:tagesschau', TAGES.filter(kw('de')), 50); take('keyword3:10kgnad', GNAD.filter(kw('de')), 50);
  take('keyword3:efe', EFE.filter(kw('es')), 40); take('keyword3:fakedes', FAKEDES.filter(kw('es')), 30);
}

const round3 = picks.length;
// Round 4, added after round 3 (2,646 articles, 557 gold events; 376 in train): still too few events to learn from,
// so whatever is left of the keyword strata (the tighter round-2 regex where it still has matches, else the broad one),
// each source's pool drawn to the end where it runs dry.
if (ROUND >= 4) {
  take('keyword4:wikinews', WIKI.filter(kw('en')), 150); take('keyword4:finrss-en', FIN_EN.filter(kw('en')), 40);
  take('keyword4:bbc-business', BBC.filter((r) => r.category === 'business' && kw('en')(r)), 80); take('keyword4:prn', PRN.filter(kw('en')), 40);
  take('keyword4:orangesum', ORANGE.filter(kw('fr')), 300);
  take('keyword4:finrss-zh', FIN_ZH.filter(kw('zh')), 200); take('keyword4:xwlb', XWLB.filter(kw('zh')), 40);
  take('labels4:duee-org', DUEE.filter((r) => (r.event_types ?? []).some((t) => /组织关系-(裁员|辞\/离职|加盟|解雇|解散)/.test(t))), 80);
  take('keyword4:livedoor', LIVEDOOR.filter(kw2('ja')), 100);
  take('keyword4:tagesschau', TAGES.filter(kw('de')), 80); take('keyword4:10kgnad', GNAD.filter(kw('de')), 80);
  take('keyword4:fakebr', FAKEBR.filter(kw('pt')), 60); take('keyword4:ptbr', PTBR.filter(kw('pt')), 30); take('keyword4:g1', G1.filter(kw('pt')), 30);
  take('keyword4:efe', EFE.filter(kw('es')), 40); take('keyword4:fakedes', FAKEDES.filter(kw('es')), 40);
}

const round4 = picks.length;
// Round 5, added after round 4 (3,926 articles, 870 events; 560 in train): the event decision still learns from too
// few events, so more of the sources that carry the most events per annotated article (finrss-zh 0.59, wikinews 0.38,
// DuEE's labelled items 0.36, BBC business 0.29, orangesum 0.27): what is left of their keyword strata, then a random
// sample of finrss-zh, whose random picks held events too.
if (ROUND >= 5) {
  take('keyword5:finrss-zh', FIN_ZH.filter(kw('zh')), 250); take('random5:finrss-zh', FIN_ZH, 150);
  take('keyword5:wikinews', WIKI.filter(kw('en')), 120); take('keyword5:bbc-business', BBC.filter((r) => r.category === 'business' && kw('en')(r)), 80);
  take('keyword5:finrss-en', FIN_EN.filter(kw('en')), 40); take('keyword5:prn', PRN.filter(kw('en')), 40);
  take('labels5:duee-org', DUEE.filter((r) => (r.event_types ?? []).some((t) => /组织关系-(裁员|辞\/离职|加盟|解雇|解散)/.test(t))), 120);
  take('keyword5:orangesum', ORANGE.filter(kw('fr')), 250);
  take('keyword5:livedoor', LIVEDOOR.filter(kw('ja')), 60);
}

const round5 = picks.length;
// Round 6, added after round 5 (4,724 articles, 1,008 events; 649 in train): DuEE's items labelled with layoffs,
// departures, joinings and dismissals (short, quick to annotate, 0.36 events each so far), more random finrss-zh and
// more of the wikinews keyword stratum.
if (ROUND >= 6) {
  take('labels6:duee-org', DUEE.filter((r) => (r.event_types ?? []).some((t) => /组织关系-(裁员|辞\/离职|加盟|解雇|解散)/.test(t))), 300);
  take('random6:finrss-zh', FIN_ZH, 150);
  take('keyword6:wikinews', WIKI.filter(kw('en')), 100);
}

const round6 = picks.length;
// Round 7, added after round 6 (4,857 articles, 1,060 events; 682 in train): dev F1 is 16 points under train, so
// more of what is left with events: BBC business (0.25 events per annotated article; what is left of it matches no
// keyword), PRN teasers and finrss-en (fedreg-prn 0.25), orangesum (0.22), and the last keyword matches of the
// languages thin on events (10kGNAD and tagesschau for German, livedoor's tighter regex for Japanese), with some of
// 新闻联播 (0.11).
if (ROUND >= 7) {
  take('random7:bbc-business', BBC.filter((r) => r.category === 'business'), 100); // its keyword stratum is used up
  take('random7:prn', PRN, 150); take('random7:finrss-en', FIN_EN, 100);
  take('keyword7:orangesum', ORANGE.filter(kw2('fr')), 120); take('keyword7b:orangesum', ORANGE.filter(kw('fr')), 150);
  take('keyword7:livedoor', LIVEDOOR.filter(kw2('ja')), 120);
  take('keyword7:10kgnad', GNAD.filter(kw('de')), 130); take('keyword7:tagesschau', TAGES.filter(kw('de')), 40);
  take('keyword7:xwlb', XWLB.filter(kw('zh')), 60);
}

const args = process.argv.slice(2);
const bi = args.indexOf('--batches');
for (const p of picks) { const { text, ...meta } = p; console.log(JSON.stringify(meta)); }
if (bi >= 0) {
  const dir = resolve(args[bi + 1]);
  if (dir.startsWith(resolve('.'))) throw new Error(`--batches ${dir}: must be outside the repository`);
  mkdirSync(dir, { recursive: true });
  // One language per batch; batches interleave languages in a seeded order, so a partly annotated corpus is still a
  // random sample of every language and split.
  const byLang = new Map();
  const round = ROUND;
  const fresh = picks.slice([0, 0, round1, round2, round3, round4, round5, round6][round]); // this round's picks only
  for (const p of shuffled(fresh)) {
    if (!byLang.has(p.lang)) byLang.set(p.lang, []);
    byLang.get(p.lang).push(p);
  }
  const queues = [...byLang.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([lang, rows]) => {
    const bs = [];
    for (let i = 0; i < rows.length; i += BATCH) bs.push(rows.slice(i, i + BATCH));
    return bs.map((b) => ({ lang, rows: b }));
  });
  let n = (round - 1) * 100; // batch numbers: round 1 from 000, round 2 from 100, ...
  for (let round = 0; queues.some((q) => q.length); round++)
    for (const q of queues) {
      const b = q.shift();
      if (!b) continue;
      const name = `${String(n++).padStart(3, '0')}-${b.lang}.jsonl`;
      writeFileSync(join(dir, name), b.rows.map(({ corpus, id, lang, text }) => JSON.stringify({ corpus, id, lang, text })).join('\n') + '\n');
    }
  console.error(`${picks.length} picks in ${n} batches under ${dir}`);
}
