#!/usr/bin/env node
// Inter-annotator agreement as event F1 between two annotations of the same articles: one is taken as gold and
// the other as prediction, and an event matches when the type is equal and the two firm lists share a name after the
// scorer's normalisation (../shared/eval/lib.mjs normName); a firmless export_control matches one of the same type.
// Prints totals only. Usage: node eval/corpus/agreement.mjs A.jsonl B.jsonl   (articles present in both are compared)
import { readFileSync } from 'node:fs';
import { normName } from '../../../shared/eval/lib.mjs';

const read = (p) => new Map(readFileSync(p, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)).map((g) => [`${g.corpus}#${g.id}`, g]));
const [pa, pb] = process.argv.slice(2);
if (!pb) { console.error('usage: agreement.mjs A.jsonl B.jsonl'); process.exit(2); }
const A = read(pa), B = read(pb);
const same = (x, y) => x.type === y.type && ((!x.firm.length && !y.firm.length) || x.firm.some((f) => y.firm.some((g) => normName(f) === normName(g) && normName(f) !== '')));
let articles = 0, na = 0, nb = 0, tp = 0, bothEmpty = 0;
for (const [k, a] of A) {
  const b = B.get(k);
  if (!b) continue;
  articles++;
  if (!a.events.length && !b.events.length) bothEmpty++;
  na += a.events.length; nb += b.events.length;
  const used = new Set();
  for (const e of a.events) { const j = b.events.findIndex((f, i) => !used.has(i) && same(e, f)); if (j >= 0) { used.add(j); tp++; } }
}
const p = nb ? tp / nb : 0, r = na ? tp / na : 0, f = p + r ? (2 * p * r) / (p + r) : 0;
console.log(JSON.stringify({ articles, articlesBothWithoutEvents: bothEmpty, eventsA: na, eventsB: nb, matched: tp, f1: Math.round(1000 * f) / 10 }));
