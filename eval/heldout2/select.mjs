#!/usr/bin/env node
// Picks the articles of the second held-out set: a seeded random sample per stratum of articles that are in
// neither the dev gold (../shared/eval/dev) nor the first held-out set (eval/heldout), plus a few seeded random
// picks among keyword-matching articles so that the set holds enough events. Prints one JSON line per pick
// (corpus, id, lang, stratum, title); no article text. Run from the project root: node eval/heldout2/select.mjs
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const SHARED = '../shared';
const SEED = 20020602;

// mulberry32: small deterministic PRNG, so the sample is reproducible from the seed alone.
function rng(seed) {
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
const sample = (rows, n) => {
  const a = [...rows].sort((x, y) => String(x.id).localeCompare(String(y.id)));
  for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; }
  return a.slice(0, n);
};

const used = new Set();
const goldFiles = [
  ...readdirSync(join(SHARED, 'eval/dev')).map((f) => join(SHARED, 'eval/dev', f)),
  ...readdirSync('eval/heldout').filter((f) => f.endsWith('.jsonl')).map((f) => join('eval/heldout', f)),
];
for (const f of goldFiles) for (const l of readFileSync(f, 'utf8').split('\n')) if (l.trim()) { const g = JSON.parse(l); used.add(`${g.corpus}|${g.id}`); }

const load = (corpus) => gunzipSync(readFileSync(join(SHARED, 'corpus', corpus))).toString('utf8').split('\n').filter((l) => l.trim())
  .map((l) => JSON.parse(l)).map((r) => ({ ...r, id: String(r.id ?? r.newid), corpus })).filter((r) => !used.has(`${corpus}|${r.id}`));

const AI = 'news/everyday-ai-2022-2024/items.jsonl.gz';
const BBC = 'news/bbc-fulltext/bbc-news-2004-2005.jsonl.gz';
const REU = 'news/reuters-21578-subset/reuters21578-subset.jsonl.gz';
const EFE = 'news/efe-2000-es-from-conll2002/efe-2000-05-articles.jsonl.gz';
const ai = load(AI), bbc = load(BBC), reu = load(REU), efe = load(EFE);

const EN_KW = /\b(jobs?|staff|workers|hire[sd]?|hiring|recruit\w*|chief executive|resign\w*|appoint\w*|plant|factory|lay-?offs?|redundanc\w+)\b/i;
const ES_KW = /\b(despid\w+|empleos?|plantilla|contratará|contratación|nombramiento|nombrado|consejero delegado|planta|fábrica|expansión|filial)\b/i;
const text = (r) => `${r.title ?? ''}\n${r.text ?? r.body ?? ''}`;

const picks = [];
const take = (stratum, rows, n) => { for (const r of sample(rows, n)) { picks.push({ corpus: r.corpus, id: r.id, lang: r.lang, stratum, title: r.title ?? null }); used.add(`${r.corpus}|${r.id}`); } };
const free = (rows) => rows.filter((r) => !used.has(`${r.corpus}|${r.id}`));

// Random strata first, then keyword strata over what is left.
take('random:ai', ai, 6);
take('random:bbc-business', bbc.filter((r) => r.category === 'business'), 5);
take('random:bbc-tech', bbc.filter((r) => r.category === 'tech'), 3);
take('random:bbc-politics', bbc.filter((r) => r.category === 'politics'), 2);
take('random:bbc-entertainment', bbc.filter((r) => r.category === 'entertainment'), 2);
take('random:reuters-unbiased', reu.filter((r) => r.selected_because.includes('first-2000-sample')), 5);
take('keyword:reuters-labour', free(reu).filter((r) => r.selected_because.includes('keyword')), 4);
take('keyword:bbc-business', free(bbc).filter((r) => r.category === 'business' && EN_KW.test(text(r))), 4);
take('random:efecom', efe.filter((r) => r.agency === 'EFECOM'), 9);
take('random:efe', free(efe), 8);
take('keyword:efe', free(efe).filter((r) => ES_KW.test(text(r))), 8);

for (const p of picks) console.log(JSON.stringify(p));
