// Measures NER tagging speed per language on its test split: tokens/s for tagging pre-tokenised documents (what
// `radar ner` does) and for recognizeNames over the same text joined into raw sentences (tokenising included).
// Usage: npx tsx scripts/ner/speed.ts [--lang es]
import { parseArgs } from 'node:util';
import { recognizeNames } from '../../src/ner/recognize.ts';
import { getModel } from '../../src/ner/registry.ts';
import { NER_LANGS, loadSplit } from './datasets.ts';

const { values } = parseArgs({ options: { lang: { type: 'string' } } });
for (const lang of values.lang ? [values.lang] : NER_LANGS) {
  const docs = loadSplit(lang, 'test');
  const tokens = docs.reduce((n, d) => n + d.sentences.reduce((m, s) => m + s.tokens.length, 0), 0);
  let t = performance.now();
  const model = getModel(lang);
  if (!model) continue;
  const loadMs = performance.now() - t;
  for (const d of docs.slice(0, 20)) model.tagDocument(d.sentences.map((s) => s.tokens)); // warm-up
  t = performance.now();
  for (const d of docs) model.tagDocument(d.sentences.map((s) => s.tokens));
  const tagS = (performance.now() - t) / 1000;
  const texts = docs.map((d) => d.sentences.map((s) => s.tokens.join(' ')).join('\n'));
  t = performance.now();
  let names = 0;
  for (const text of texts) names += recognizeNames(text, lang).length;
  const recS = (performance.now() - t) / 1000;
  console.log(
    `${lang}: model load ${loadMs.toFixed(0)} ms; tagDocument ${Math.round(tokens / tagS)} tokens/s; recognizeNames ${Math.round(tokens / recS)} tokens/s (${tokens} tokens, ${names} names)`,
  );
}
