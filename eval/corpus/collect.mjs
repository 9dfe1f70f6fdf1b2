#!/usr/bin/env node
// Gathers finished annotation batches into the corpus's gold files, one per split and language:
// eval/corpus/gold/<split>/<lang>.jsonl. Only batches that check-gold.mjs passes are taken; the split of each
// article is the one fixed before annotation (split.mjs). Usage: node eval/corpus/collect.mjs OUT_DIR
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitOf } from './split.mjs';

const src = process.argv[2];
if (!src) { console.error('usage: collect.mjs OUT_DIR'); process.exit(2); }
const CHECK = '../shared/eval/check-gold.mjs';
const rows = new Map();
let rejected = 0;
for (const f of readdirSync(src).filter((x) => x.endsWith('.jsonl')).sort()) {
  const path = join(src, f);
  try { execFileSync('node', [CHECK, path], { stdio: 'pipe' }); } catch (e) {
    rejected++;
    console.error(`${f}: not taken, check-gold found problems:\n${String(e.stdout).trim().split('\n').slice(0, 5).join('\n')}`);
    continue;
  }
  for (const l of readFileSync(path, 'utf8').split('\n')) {
    if (!l.trim()) continue;
    const g = JSON.parse(l);
    rows.set(`${g.corpus}#${g.id}`, { corpus: g.corpus, id: g.id, lang: g.lang, events: g.events });
  }
}
const out = new Map();
for (const g of [...rows.values()].sort((a, b) => `${a.corpus}#${a.id}`.localeCompare(`${b.corpus}#${b.id}`))) {
  const key = `${splitOf(g.corpus, g.id)}/${g.lang}`;
  if (!out.has(key)) out.set(key, []);
  out.get(key).push(g);
}
const counts = [];
for (const [key, list] of [...out.entries()].sort()) {
  const [split, lang] = key.split('/');
  mkdirSync(join('eval/corpus/gold', split), { recursive: true });
  writeFileSync(join('eval/corpus/gold', split, `${lang}.jsonl`), list.map((g) => JSON.stringify(g)).join('\n') + '\n');
  counts.push(`${key}: ${list.length} articles, ${list.reduce((n, g) => n + g.events.length, 0)} events`);
}
console.log(counts.join('\n'));
if (rejected) console.log(`${rejected} batch(es) not taken`);
