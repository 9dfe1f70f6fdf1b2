#!/usr/bin/env node
// Picks the articles of the test split that a second annotator labels independently (10%, seeded), for the
// agreement figure. Usage: node eval/corpus/second-sample.mjs PICKS.jsonl BATCH_DIR OUT.jsonl
// PICKS.jsonl is select.mjs's output; the batch files give the text the second annotator reads.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [picksPath, batchDir, outPath] = process.argv.slice(2);
if (!outPath) { console.error('usage: second-sample.mjs PICKS.jsonl BATCH_DIR OUT.jsonl'); process.exit(2); }
const key = (r) => `${r.corpus}#${r.id}`;
const rank = (r) => createHash('sha256').update(`second#${key(r)}`).digest('hex');
const test = readFileSync(picksPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((r) => r.split === 'test');
const chosen = new Set(test.sort((a, b) => rank(a).localeCompare(rank(b))).slice(0, Math.ceil(test.length / 10)).map(key));
const rows = readdirSync(batchDir).sort().flatMap((f) => readFileSync(join(batchDir, f), 'utf8').trim().split('\n').map((l) => JSON.parse(l))).filter((r) => chosen.has(key(r)));
writeFileSync(outPath, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
console.error(`${rows.length} of ${test.length} test articles`);
