// Trains the Chinese and Japanese firm taggers and writes models/ner/<lang>-firms.json.gz (see models/ner/README.md).
// Usage: npx tsx scripts/train-cjk-firms.ts [--lang zh|ja] [--epochs N --bits B --seed S --holdout F --negatives F]
//        [--limit N] [--eval] [--no-write] [--out-dir DIR]
// --eval prints firm recall on the gold train and dev splits (never test) and held-out-alias span scores per epoch.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { scoreSpans, trainCharTagger } from '../src/ner/char-train.ts';
import { type CjkLang, buildCjkData } from './ner/cjk-data.ts';
import { firmRecall, formatRecall } from './ner/cjk-eval.ts';

const { values } = parseArgs({
  options: {
    lang: { type: 'string' },
    epochs: { type: 'string' },
    bits: { type: 'string' },
    seed: { type: 'string' },
    holdout: { type: 'string' },
    negatives: { type: 'string' },
    'min-count': { type: 'string' },
    limit: { type: 'string' },
    eval: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    'out-dir': { type: 'string' },
  },
});
const langs: CjkLang[] = values.lang === undefined ? ['zh', 'ja'] : [values.lang as CjkLang];
if (!langs.every((l) => l === 'zh' || l === 'ja')) {
  console.error('train-cjk-firms: --lang must be zh or ja');
  process.exit(2);
}
const num = (v: string | undefined, d: number): number => (v === undefined ? d : Number(v));
const t0 = performance.now();
const log = (lang: string, m: string) => console.error(`[${lang} ${((performance.now() - t0) / 1000).toFixed(1)}s] ${m}`);
const BIASES = [0, 15, 30, 45, 60, 80, 100];
/** Epochs per language, picked on the held-out aliases' F1 (ja memorises its names after the first epochs). */
const EPOCHS: Record<CjkLang, number> = { zh: 8, ja: 2 };
const pct = (x: number) => (100 * x).toFixed(1);

for (const lang of langs) {
  const opts = { holdout: num(values.holdout, 0.2), negatives: num(values.negatives, 0.05), ...(values.limit ? { limit: Number(values.limit) } : {}) };
  const data = buildCjkData(lang, opts);
  const chars = data.train.reduce((n, e) => n + e.text.length, 0);
  log(lang, `data: ${JSON.stringify(data.stats)}; ${data.train.length} training segments, ${chars} characters; ${data.heldOutAliases.size} aliases held out`);
  const train = { lang, bits: num(values.bits, 20), epochs: num(values.epochs, EPOCHS[lang]), seed: num(values.seed, 1), minFeatureCount: num(values['min-count'], 2) };
  const tagger = trainCharTagger(data.train, {
    ...train,
    onEpoch: (e, t, errors) => {
      const held = values.eval ? `; held-out aliases: ${fmtSpans(scoreSpans(t, data.heldOut))}` : '';
      log(lang, `epoch ${e}: ${errors} segments wrong${held}`);
    },
  });
  // The B-ORG bias with the best F1 on the held-out aliases' segments (names the tagger never saw as labels).
  let best = { bias: 0, f1: -1 };
  for (const bias of BIASES) {
    tagger.meta.orgBias = bias;
    const s = scoreSpans(tagger, data.heldOut);
    log(lang, `B-ORG bias ${bias}: held-out aliases ${fmtSpans(s)}`);
    if (s.f1 > best.f1) best = { bias, f1: s.f1 };
  }
  tagger.meta.orgBias = best.bias;
  Object.assign(tagger.meta, {
    data: { corpora: 'finrss-zh, xwlb, duee1 (zh); livedoor (ja); gold dev/test and reserved articles excluded', ...opts, ...data.stats, characters: chars },
    heldOut: fmtSpans(scoreSpans(tagger, data.heldOut)),
  });
  const gz = tagger.toGzip();
  log(lang, `model ${(gz.length / 1e6).toFixed(2)} MB gzipped; held-out aliases: ${String(tagger.meta.heldOut)}`);
  if (!values['no-write']) {
    const dir = values['out-dir'] ?? resolve(import.meta.dirname, '..', 'models', 'ner');
    mkdirSync(dir, { recursive: true });
    const out = resolve(dir, `${lang}-firms.json.gz`);
    writeFileSync(out, gz);
    log(lang, `wrote ${out}`);
  }
  if (values.eval) {
    for (const split of ['train', 'dev'] as const) {
      const r = firmRecall(lang, split, tagger);
      log(lang, `${split} firm recall: ${formatRecall(r)}`);
      log(lang, `${split} found only by the tagger: ${r.newlyFound.join(', ')}`);
    }
  }
}

function fmtSpans(s: { precision: number; recall: number; f1: number; gold: number }): string {
  return `P ${pct(s.precision)} R ${pct(s.recall)} F1 ${pct(s.f1)} (${s.gold} spans)`;
}
