// Trains the statistical NER model of one language and writes models/ner/<lang>.json.gz.
// Usage: npx tsx scripts/train-ner.ts --lang es [--epochs1 N --epochs2 N --folds K --bits B] [--dev] [--test] [--no-write]
// --dev prints dev F1 after every epoch (how the epoch counts were chosen); --test prints test F1 once at the end.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type NerTrainOptions, evaluate, trainNer } from '../src/ner/train.ts';
import { buildGazetteer } from '../src/ner/gazetteer.ts';
import { spansFromTags } from '../src/ner/tags.ts';
import { NER_LANGS, datasetName, externalSources, loadSplit } from './ner/datasets.ts';

/** Per-language defaults, picked on the dev split (see README, NER section). */
export const DEFAULTS: Record<string, Partial<NerTrainOptions>> = {
  en: { epochs1: 7, epochs2: 5 },
  es: { epochs1: 10, epochs2: 4 },
  fr: { epochs1: 8, epochs2: 4 },
  de: { epochs1: 10, epochs2: 5 },
  pt: { epochs1: 10, epochs2: 8 },
};

const { values } = parseArgs({
  options: {
    lang: { type: 'string' },
    epochs1: { type: 'string' },
    epochs2: { type: 'string' },
    folds: { type: 'string' },
    bits: { type: 'string' },
    seed: { type: 'string' },
    'min-count': { type: 'string' },
    dev: { type: 'boolean', default: false },
    test: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    'no-external': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const lang = values.lang ?? '';
if (!NER_LANGS.includes(lang)) {
  console.error(`train-ner: --lang must be one of ${NER_LANGS.join(', ')}`);
  process.exit(2);
}
const num = (v: string | undefined, d: number): number => (v === undefined ? d : Number(v));
const d = DEFAULTS[lang] ?? {};
const t0 = performance.now();
const train = loadSplit(lang, 'train');
const dev = values.dev ? loadSplit(lang, 'dev') : [];
const fmt = (s: { precision: number; recall: number; f1: number }) =>
  `P ${(100 * s.precision).toFixed(2)} R ${(100 * s.recall).toFixed(2)} F1 ${(100 * s.f1).toFixed(2)}`;
const opts: NerTrainOptions = {
  lang,
  bits: num(values.bits, 21),
  epochs1: num(values.epochs1, d.epochs1 ?? 8),
  epochs2: num(values.epochs2, d.epochs2 ?? 8),
  folds: num(values.folds, 4),
  seed: num(values.seed, 1),
  minFeatureCount: num(values['min-count'], 2),
  lexiconMinCount: 2,
  log: (m) => console.error(`[${lang} ${((performance.now() - t0) / 1000).toFixed(1)}s] ${m}`),
  onEpoch: values.dev ? (pass, epoch, model) => console.error(`[${lang}] dev pass ${pass} epoch ${epoch}: ${fmt(evaluate(model, dev))}`) : undefined,
};
const sources = values['no-external'] ? [] : externalSources(lang);
if (sources.length > 0) {
  opts.external = buildGazetteer(
    sources.flatMap((src) => src.docs().flatMap((doc) => doc.sentences.map((s) => ({ tokens: s.tokens, spans: spansFromTags(s.tags) })))),
  );
  opts.log!(`external name list: ${opts.external.size} names from ${sources.map((s) => s.name).join(', ')}`);
}
const tokens = train.reduce((n, doc) => n + doc.sentences.reduce((m, s) => m + s.tokens.length, 0), 0);
opts.log!(`training on ${datasetName(lang)} train: ${train.length} documents, ${tokens} tokens`);
const model = trainNer(train, opts);
const seconds = (performance.now() - t0) / 1000;
(model.meta as Record<string, unknown>).training = {
  data: `${datasetName(lang)} train split`,
  epochs1: opts.epochs1,
  epochs2: opts.epochs2,
  folds: opts.folds,
  external: sources.map((s) => s.name),
  bits: opts.bits,
  seed: opts.seed,
  minFeatureCount: opts.minFeatureCount,
  tokens,
};
const gz = model.toGzip();
console.error(`[${lang}] trained in ${seconds.toFixed(1)} s; model ${(gz.length / 1e6).toFixed(2)} MB gzipped`);
if (!values['no-write']) {
  const out = values.out ?? resolve(import.meta.dirname, '..', 'models', 'ner', `${lang}.json.gz`);
  mkdirSync(resolve(out, '..'), { recursive: true });
  writeFileSync(out, gz);
  console.error(`[${lang}] wrote ${out}`);
}
if (values.test) console.error(`[${lang}] test: ${fmt(evaluate(model, loadSplit(lang, 'test')))}`);
