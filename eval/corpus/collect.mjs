#!/usr/bin/env node
// Gathers finished annotation batches into the corpus's gold files, one per split and language:
// eval/corpus/gold/<split>/<lang>.jsonl. Only batches that check-gold.mjs passes are taken; the split of each
// article is the one fixed before annotation (split.mjs). The gold files already there are kept and a batch's
// articles added to them (a re-annotated article replaces its old line), so each round's batches can be gathered
// on their own. Usage: node eval/corpus/collect.mjs OUT_DIR
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitOf } from './split.mjs';

const src = process.argv[2];
if (!src) { console.error('usage: collect.mjs OUT_DIR'); process.exit(2); }
const CHECK = '../shared/eval/check-gold.mjs';
const GOLD = 'eval/corpus/gold';
const rows = new Map();
for (const split of existsSync(GOLD) ? readdirSync(GOLD) : [])
  for (const f of readdirSync(join(GOLD, split)).filter((x) => x.endsWith('.jsonl')))
    for (const l of readFileSync(join(GOLD, split, f), 'utf8').split('\n'))
      if (l.trim()) { const g = JSON.parse(l); rows.set(`${g.corpus}#${g.id}`, g); }
const before = rows.size;
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
  mkdirSync(join(GOLD, split), { recursive: true });
  writeFileSync(join(GOLD, split, `${lang}.jsonl`), list.map((g) => JSON.stringify(g)).join('\n') + '\n');
  counts.push(`${key}: ${list.length} articles, ${list.reduce((n, g) => n + g.events.length, 0)} events`);
}
console.log(counts.join('\n'));
console.log(`${rows.size - before} articles added to the ${before} already gathered`);
if (rejected) console.log(`${rejected} batch(es) not taken`);
