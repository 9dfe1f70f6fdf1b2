// Trains the event decision model (src/extract/events/decision.ts) on the train split of the annotated corpus,
// chooses its settings and calibrates it on dev, then scores train, dev and test once, as totals only.
// Usage: npx tsx scripts/train-events.ts [--no-write [--try-model FILE] [--train-fraction F]] [--limit N] [--report FILE] [--plot FILE] [--quiet]
//   writes models/events/decision.json.gz, its README, eval/corpus/REPORT.json and eval/corpus/pr-curve.png. With
//   --no-write (for trying settings) it prints train and dev figures only: the test split is read once, by the run
//   that ships the model.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { createExtractor } from '../src/extract/extract.ts';
import { loadEventLexicon } from '../src/extract/events/lexicon.ts';
import { DECISION_FORMAT, DECISION_MODEL_PATH, articleSentenceFeatures, sentenceFeatures, topicFeatures, treesMargin, type DecisionMode, type DecisionModelFile } from '../src/extract/events/decision.ts';
import { EVENT_TYPES } from '../src/extract/types.ts';
import { articleText, buildExamples, readExtraGold, readGold, seedCases, seedText, SHARED, type Example, type SeedCase, SPLITS, type ArticleExamples, type Split } from './events/dataset.ts';
import { cleanDocument } from '../src/clean/clean-document.ts';
import { sentenceTokens, tokenScorer, topicRank, topicScorer, type TopicModel, type TopicScores } from '../src/extract/events/topic.ts';
import { trainTopic } from './events/topic.ts';
import { sentenceTypes, trainSentenceModel } from './events/sentence.ts';
import { DEFAULT_BOOST, trainBoosted } from './events/boosting.ts';
import { auc, DEFAULT_TRAIN, ece, fitPlatt, margin, prf, toRows, trainLogistic, type Counts, type TrainOptions } from './events/logistic.ts';
import { writePrPlot } from './events/plot.ts';
import { trainFirmChoice, type FirmChoiceDoc } from './events/firm-choice.ts';
import { firmChoiceReader, firmChoiceScorer, firmChoiceTokens, mentionContext, refsIn, spanHits, type FirmChoiceModel, type MentionContext } from '../src/extract/events/firm-choice.ts';
import { foldText } from '../src/extract/events/patterns.ts';
import { hashString } from '../src/ner/hash.ts';
import { modelReadme } from './events/report-md.ts';

const ROOT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    'no-write': { type: 'boolean', default: false },
    limit: { type: 'string' },
    report: { type: 'string', default: resolve(ROOT, 'eval/corpus/REPORT.json') },
    plot: { type: 'string', default: resolve(ROOT, 'eval/corpus/pr-curve.png') },
    model: { type: 'string', default: DECISION_MODEL_PATH },
    quiet: { type: 'boolean', default: false },
    // Reuses the examples of an earlier run (features included): for trying training settings, not after a change to
    // the rules, the lexicons or the features.
    cache: { type: 'string' },
    // Feature families (the part before ':') left out, comma-separated: how the feature set was chosen on dev.
    drop: { type: 'string', default: '' },
    // With --no-write: writes only the model file, here, for trying it (the seed scorer, `radar extract`); no test figures.
    'try-model': { type: 'string' },
    // Also train on the older gold sets (dataset.ts EXTRA_TRAIN_DIRS); never scored as train, dev or test.
    'no-extra': { type: 'boolean', default: false },
    // Features seen in fewer training articles than this are left out: rare words are what a model memorises.
    'min-articles': { type: 'string', default: '1' },
    // A word of firm names (`fw`) is a feature only when it is part of at least this many different firms' names in
    // training ("bank", "group", "科技"): the name of one firm would be learnt as that firm's record, not a kind of firm.
    'fw-min-firms': { type: 'string', default: '3' },
    // Leaves out the article model (scripts/events/topic.ts) and its features.
    'no-topic': { type: 'boolean', default: false },
    // Leaves out the sentence model (scripts/events/sentence.ts) and its features.
    'no-sentence': { type: 'boolean', default: false },
    // The article model reads words only, not the lexicon's trigger counts.
    'no-topic-lex': { type: 'boolean', default: false },
    // Leaves out the firm-choice model (scripts/events/firm-choice.ts) and its features.
    'no-firm-choice': { type: 'boolean', default: false },
    // Leaves out the sentence model's verdicts over the article's other sentences (`articleSentenceFeatures`).
    'no-article-sentences': { type: 'boolean', default: false },
    // With --no-write: trains on this share of the training articles (a seeded subset; the older gold sets whole), to
    // measure the learning curve, i.e. what more annotation would buy.
    'train-fraction': { type: 'string' },
    // With --no-write: "k/K" pools the train and dev splits and makes their k-th of K seeded folds the dev split, so
    // that a comparison of settings can be read over all K folds (dev alone, 197 events, moves a few points by chance).
    'cv-fold': { type: 'string' },
    // Writes every dev group the chosen model scores (type, firm, evidence, probability, label) as JSON lines, and the
    // dev gold events no group reached, for reading errors: dev only, never test.
    'dump-dev': { type: 'string' },
  },
});
const say = (s: string) => { if (!values.quiet) console.error(s); };
const limit = values.limit ? Number(values.limit) : Infinity;
const trainFraction = values['train-fraction'] ? Number(values['train-fraction']) : 1;
// A model trained on part of the data must never ship, nor its test figure be printed.
if (values['train-fraction'] && (!values['no-write'] || !(trainFraction > 0 && trainFraction <= 1))) {
  console.error(`train-events: --train-fraction ${values['train-fraction']}: needs --no-write and a share in (0, 1]`);
  process.exit(2);
}

let data = {} as Record<Split | 'extra', ArticleExamples[]> & { seeds?: SeedCase[] };
if (values.cache && existsSync(values.cache)) data = JSON.parse(readFileSync(values.cache, 'utf8'));
else {
  const extractor = await createExtractor(resolve(ROOT, 'config'), { decision: null });
  for (const split of SPLITS) {
    const gold = readGold(split).slice(0, limit);
    const t0 = Date.now();
    data[split] = buildExamples(gold, extractor);
    say(`${split}: ${gold.length} articles, ${gold.reduce((n, g) => n + g.events.length, 0)} gold events, ${data[split].reduce((n, a) => n + a.examples.length, 0)} rule groups (${Date.now() - t0} ms)`);
  }
  const extra = readExtraGold().slice(0, limit);
  data.extra = buildExamples(extra, extractor);
  data.seeds = seedCases(extractor);
  say(`extra training: ${extra.length} articles, ${extra.reduce((n, g) => n + g.events.length, 0)} gold events (older gold sets)`);
  if (values.cache) writeFileSync(values.cache, JSON.stringify(data));
}
const seeds = data.seeds ?? [];
if (values['cv-fold']) {
  const [k, folds] = values['cv-fold'].split('/').map(Number);
  if (!values['no-write'] || !(folds! >= 2 && k! >= 0 && k! < folds!)) {
    console.error(`train-events: --cv-fold ${values['cv-fold']}: needs --no-write and k/K with 0 <= k < K, K >= 2`);
    process.exit(2);
  }
  const pooled = [...data.train, ...data.dev];
  const inFold = (a: ArticleExamples) => hashString(`cv:${a.article.corpus}|${a.article.id}`) % folds! === k;
  data.train = pooled.filter((a) => !inFold(a));
  data.dev = pooled.filter(inFold);
  say(`fold ${k} of ${folds}: ${data.train.length} training and ${data.dev.length} dev articles (${data.dev.reduce((n, a) => n + a.article.events.length, 0)} gold events)`);
}
if (trainFraction < 1) {
  data.train = data.train.filter((a) => hashString(`fraction:${a.article.corpus}|${a.article.id}`) % 1000 < trainFraction * 1000);
  say(`training on ${data.train.length} of the train split's articles (${data.train.reduce((n, a) => n + a.article.events.length, 0)} gold events)`);
}
if (!data.train.length || !data.dev.length) throw new Error('train-events: the train and dev splits need gold articles (eval/corpus/gold/)');

const flat = (split: Split) => data[split].flatMap((a) => a.examples);
const key = (a: ArticleExamples) => `${a.article.corpus}|${a.article.id}`;
const cleaned = new Map<string, ReturnType<typeof cleanDocument>>();
const cleanOf = (a: ArticleExamples) => {
  let c = cleaned.get(key(a));
  if (!c) cleaned.set(key(a), (c = cleanDocument({ body: articleText(a.article.corpus, a.article.id), source: `${a.article.id}.txt` })));
  return c;
};
const text = (a: ArticleExamples) => cleanOf(a).text;
// Both models read the lexicon's cues: what a trigger means is shared by every language.
const lexicon = loadEventLexicon(resolve(ROOT, 'config'));
// Unless --no-topic-lex, the article model also reads how many triggers of each type the article holds (`topicTokens`).
const topicLx = (lang: string) => (values['no-topic-lex'] ? undefined : lexicon.get(lang));
const trainSide = [...data.train, ...(values['no-extra'] ? [] : data.extra ?? [])];

// The article model: trained on the training articles, its verdicts are features of every group. Training articles
// get the verdict of the folds that did not see them; dev, test and the seed get the shipped model's.
let topic: TopicModel | undefined;
if (!values['no-topic']) {
  const t0 = Date.now();
  const trained = trainTopic(trainSide.map((a) => ({ key: key(a), lang: a.article.lang, text: a.article.corpus ? text(a) : '', types: new Set(a.article.events.map((e) => e.type)), lx: topicLx(a.article.lang) })));
  topic = trained.model;
  const scorer = topicScorer(topic);
  // Each group also learns where its article stands among its language's training articles (topic.ts `topicRank`).
  const withTopic = (examples: Example[], lang: string, scores: TopicScores | undefined) => {
    const rank = scores && topicRank(topic!, lang, scores);
    for (const e of examples) e.features.push(...topicFeatures(e.event.type, scores, rank));
  };
  for (const a of trainSide) withTopic(a.examples, a.article.lang, trained.crossFitted.get(key(a)));
  const devScores = data.dev.map((a) => scorer(text(a), topicLx(a.article.lang)));
  data.dev.forEach((a, i) => withTopic(a.examples, a.article.lang, devScores[i]));
  for (const a of data.test) withTopic(a.examples, a.article.lang, scorer(text(a), topicLx(a.article.lang)));
  for (const c of seeds) withTopic(c.examples, c.lang, scorer(seedText(c.file), topicLx(c.lang)));
  const devAucs = EVENT_TYPES.map((t) => `${t} ${auc(data.dev.map((a, i) => [devScores[i]![t] ?? 0, a.article.events.some((e) => e.type === t) ? 1 : 0] as const)).toFixed(2)}`);
  say(`article model: ${trainSide.length} training articles (${Date.now() - t0} ms); dev AUC per type: ${devAucs.join(', ')}; seed: ${seeds.map((c) => JSON.stringify(scorer(seedText(c.file), topicLx(c.lang)), (_, v) => (typeof v === 'number' ? Number(v.toFixed(2)) : v))).join(' ')}`);
}

// The sentence model: trained on every sentence of the training articles, its verdict on a group's evidence sentence
// is a feature of the group; training articles' groups get the verdict of the folds that did not see their article.
let sentence: TopicModel | undefined;
if (!values['no-sentence']) {
  const t0 = Date.now();
  const withText = trainSide.filter((a) => a.article.corpus);
  const sentencesOf = (c: ReturnType<typeof cleanDocument>) => c.sentences.map((s) => c.text.slice(s.start, s.end));
  const evidenceOf = (a: ArticleExamples) => a.article.events.flatMap((e) => (e.evidence ? [{ type: e.type, text: e.evidence }] : []));
  const trained = trainSentenceModel(withText.map((a) => ({ key: key(a), lx: lexicon.get(a.article.lang), sentences: sentencesOf(cleanOf(a)), evidence: evidenceOf(a) })));
  sentence = trained.model;
  const shipped = tokenScorer(sentence);
  // Each group reads the verdict on its evidence sentence and, unless --no-article-sentences, the verdicts over its
  // article's sentences (`articleSentenceFeatures`); training articles' from the folds that did not see them.
  const withVerdicts = (examples: Example[], sentences: string[], scoreOf: (s: string) => TopicScores) => {
    const scored = sentences.map((s) => ({ lower: s.toLowerCase(), scores: scoreOf(s) }));
    for (const e of examples) {
      e.features.push(...sentenceFeatures(e.event.type, scoreOf(e.event.evidence.text)));
      if (!values['no-article-sentences']) e.features.push(...articleSentenceFeatures(e.event.type, e.event.firm, scored));
    }
    return scored;
  };
  for (const a of withText) withVerdicts(a.examples, sentencesOf(cleanOf(a)), (s) => trained.crossScore(key(a), s, lexicon.get(a.article.lang)));
  const shippedOf = (lang: string) => (s: string) => shipped(sentenceTokens(s, lexicon.get(lang)));
  const devSentences = data.dev.flatMap((a) => {
    const sentences = sentencesOf(cleanOf(a)), evidence = evidenceOf(a);
    return withVerdicts(a.examples, sentences, shippedOf(a.article.lang)).map((v, i) => ({ scores: v.scores, types: sentenceTypes(sentences[i]!, evidence) }));
  });
  for (const a of data.test) withVerdicts(a.examples, sentencesOf(cleanOf(a)), shippedOf(a.article.lang));
  for (const c of seeds) withVerdicts(c.examples, sentencesOf(cleanDocument({ body: readFileSync(join(SHARED, 'seed', c.file), 'utf8'), source: c.file })), shippedOf(c.lang));
  const devAucs = EVENT_TYPES.map((t) => `${t} ${auc(devSentences.map((r) => [r.scores[t] ?? 0, r.types.has(t) ? 1 : 0] as const)).toFixed(2)}`);
  say(`sentence model: dev AUC per type over ${devSentences.length} dev sentences: ${devAucs.join(', ')}`);
  say(`sentence model: ${withText.reduce((n, a) => n + cleanOf(a).sentences.length, 0)} training sentences, ${trained.positives} holding a gold event's evidence, of ${withText.reduce((n, a) => n + a.article.events.length, 0)} events (${Date.now() - t0} ms)`);
}

// The firm-choice model: trained on the firm mentions of the training groups that match a gold event, its verdicts
// on the firms of each group's evidence span are features of the group (src/extract/events/firm-choice.ts).
let firmChoice: FirmChoiceModel | undefined;
if (!values['no-firm-choice']) {
  const t0 = Date.now();
  const ctxOf = (text: string, refs: ArticleExamples['refs'], lang: string) => mentionContext(text, foldText(text), refs ?? [], lexicon.get(lang));
  const docOf = (a: ArticleExamples): FirmChoiceDoc => ({ key: key(a), ctx: ctxOf(text(a), a.refs, a.article.lang), events: a.examples.filter((e) => e.label === 1).map((e) => ({ type: e.event.type, firmKey: e.firmKey, start: e.event.evidence.start, end: e.event.evidence.end })) });
  const trainDocs = trainSide.filter((a) => a.article.corpus).map(docOf);
  const trained = trainFirmChoice(trainDocs);
  firmChoice = trained.model;
  const withChoice = (examples: Example[], ctx: MentionContext, model: FirmChoiceModel) => {
    const read = firmChoiceReader(ctx, firmChoiceScorer(model));
    for (const e of examples) e.features.push(...read(e.event.type, e.firmKey, e.event.evidence));
  };
  const byKey = new Map(trainSide.map((a) => [key(a), a]));
  for (const d of trainDocs) withChoice(byKey.get(d.key)!.examples, d.ctx, trained.foldModel(d.key));
  const devDocs = data.dev.map(docOf);
  data.dev.forEach((a, i) => withChoice(a.examples, devDocs[i]!.ctx, firmChoice!));
  for (const a of data.test) withChoice(a.examples, ctxOf(text(a), a.refs, a.article.lang), firmChoice);
  for (const c of seeds) withChoice(c.examples, ctxOf(seedText(c.file), c.refs, c.lang), firmChoice);
  // How often the model's first choice among a matched dev span's firms is the matched firm, against the span's first firm.
  const score = firmChoiceScorer(firmChoice);
  let spans = 0, right = 0, firstRight = 0;
  for (const d of devDocs) for (const ev of d.events) {
    const inSpan = refsIn(d.ctx, ev);
    if (!inSpan.some((r) => r.key === ev.firmKey) || new Set(inSpan.map((r) => r.key)).size < 2) continue;
    const hits = spanHits(d.ctx, ev, ev.type);
    const scores = inSpan.map((_, i) => score(firmChoiceTokens(d.ctx, ev, inSpan, i, ev.type, hits)));
    spans++;
    if (inSpan[scores.indexOf(Math.max(...scores))]!.key === ev.firmKey) right++;
    if (inSpan[0]!.key === ev.firmKey) firstRight++;
  }
  say(`firm-choice model: ${trained.rows} training mentions, ${trained.positives} the event's firm; on ${spans} dev spans with two firms or more its first choice is right ${(100 * right / Math.max(1, spans)).toFixed(1)}%, the span's first firm ${(100 * firstRight / Math.max(1, spans)).toFixed(1)}% (${Date.now() - t0} ms)`);
}

// Every example the features are read from, the seed's included, so that a feature left out is left out everywhere.
const everyExample = () => [...[...SPLITS, 'extra' as const].flatMap((s) => (data[s] ?? []).flatMap((a) => a.examples)), ...seeds.flatMap((c) => c.examples)];
const dropped = new Set(values.drop!.split(',').filter(Boolean));
if (dropped.size) for (const e of everyExample()) e.features = e.features.filter((f) => !dropped.has(f.slice(0, f.indexOf(':'))));
const minArticles = Number(values['min-articles']);
if (minArticles > 1) {
  const seen = new Map<string, number>();
  for (const a of [...data.train, ...(values['no-extra'] ? [] : data.extra ?? [])]) for (const f of new Set(a.examples.flatMap((e) => e.features))) seen.set(f, (seen.get(f) ?? 0) + 1);
  for (const e of everyExample()) e.features = e.features.filter((f) => (seen.get(f) ?? 0) >= minArticles);
}
const fwMinFirms = Number(values['fw-min-firms']);
if (fwMinFirms > 1) {
  const firms = new Map<string, Set<string>>();
  for (const a of [...data.train, ...(values['no-extra'] ? [] : data.extra ?? [])]) for (const e of a.examples) for (const f of e.features) if (f.startsWith('fw:')) (firms.get(f) ?? firms.set(f, new Set()).get(f)!).add(e.event.firm ?? '');
  for (const e of everyExample()) e.features = e.features.filter((f) => !f.startsWith('fw:') || (firms.get(f)?.size ?? 0) >= fwMinFirms);
}

type Scored = { lang: string; golds: string[]; preds: Array<{ type: string; p: number; label: 0 | 1; always?: boolean }> };

/** Event-level counts at a threshold, overall, per language and per type; gold events no group reached are misses. */
function evaluate(scored: Scored[], threshold: number) {
  const all: Counts = { gold: 0, pred: 0, tp: 0 };
  const by: Record<string, Counts> = {};
  const add = (k: string, f: keyof Counts) => { (by[k] ??= { gold: 0, pred: 0, tp: 0 })[f]++; };
  for (const a of scored) {
    for (const t of a.golds) { all.gold++; add(`lang:${a.lang}`, 'gold'); add(`type:${t}`, 'gold'); }
    for (const p of a.preds) {
      if (p.p < threshold && !p.always) continue;
      all.pred++; add(`lang:${a.lang}`, 'pred'); add(`type:${p.type}`, 'pred');
      if (p.label) { all.tp++; add(`lang:${a.lang}`, 'tp'); add(`type:${p.type}`, 'tp'); }
    }
  }
  return { all: prf(all), by: Object.fromEntries(Object.entries(by).sort().map(([k, c]) => [k, prf(c)])) };
}
const scoredBy = (split: Split, prob: (f: string[]) => number): Scored[] => data[split].map((a) => ({
  lang: a.article.lang,
  golds: a.article.events.map((e) => e.type),
  preds: a.examples.map((e) => ({ type: e.event.type, p: prob(e.features), label: e.label })),
}));

// The rules alone, as shipped before this model: a group is an event when its rule confidence reaches 0.5.
const rules = Object.fromEntries(SPLITS.map((s) => [s, evaluate(data[s].map((a) => ({
  lang: a.article.lang, golds: a.article.events.map((e) => e.type),
  preds: a.examples.filter((e) => e.ruleEvent).map((e) => ({ type: e.event.type, p: 1, label: e.label })),
})), 0.5)]));
say(`rules alone: ${(values['no-write'] ? ['train', 'dev'] as const : SPLITS).map((s) => `${s} F1 ${(100 * rules[s]!.all.f1).toFixed(1)}`).join(', ')}`);

// The model form and its settings are chosen by the dev F1 of what ships (below); the grid is small because the data is.
type Fit = { form: 'logistic' | 'trees'; settings: Record<string, number>; margin: (features: string[]) => number; file: Pick<DecisionModelFile, 'bits' | 'weights' | 'trees' | 'base'> };
const grid: Array<() => Fit> = [];
const trainExamples = [...flat('train'), ...(values['no-extra'] ? [] : (data.extra ?? []).flatMap((a) => a.examples))];
const trainRows = toRows(trainExamples, DEFAULT_TRAIN.bits);
for (const l2 of [1e-3, 1e-2, 3e-2, 1e-1]) for (const epochs of [3, 8]) grid.push(() => {
  const opts = { ...DEFAULT_TRAIN, l2, epochs };
  const w = trainLogistic(trainRows, opts);
  const weights: Record<string, number> = {};
  w.forEach((v, i) => { if (Math.abs(v) >= 1e-4) weights[i] = Math.round(v * 1e4) / 1e4; });
  return { form: 'logistic', settings: { l2, epochs }, margin: (features) => margin(w, toRows([{ features, label: 0 }], opts.bits)[0]!.x), file: { bits: opts.bits, weights } };
});
const boostArticles = [...data.train, ...(values['no-extra'] ? [] : data.extra ?? [])].map((a) => a.examples);
for (const trees of [100, 300]) for (const depth of [2, 4]) grid.push(() => {
  const model = trainBoosted(boostArticles, { ...DEFAULT_BOOST, trees, depth });
  return { form: 'trees', settings: { trees, depth }, margin: (features) => treesMargin(model.trees, model.base, features), file: { bits: 0, weights: {}, ...model } };
});
const thresholds = [0.01, 0.02, 0.03, 0.04, ...Array.from({ length: 19 }, (_, i) => 0.05 * (i + 1))];
type Prob = (features: string[]) => number;
// Three ways to ship (decision.ts): 'decide' (the model alone), 'augment' (the rules' events plus the groups the
// model accepts) and 'calibrate' (the rules' events, their confidence Platt-scaled). Only the last two keep every
// event the rules find, which the seed acceptance test needs; 'decide' is measured and reported all the same.
const devRule = data.dev.flatMap((a) => a.examples.filter((e) => e.ruleEvent));
const rulesPlatt = fitPlatt(devRule.map((e) => e.event.confidence), devRule.map((e) => e.label));
const sig = (z: number) => 1 / (1 + Math.exp(-z));
// A rule event kept by the floor though the model's probability is under the threshold gets, as its confidence,
// the dev precision of such events (`forced.p`, once the floor and threshold are chosen).
// The floor holds in `langs` (null: every language), a subset of the languages with under 100 training events: where
// the model has learnt from hundreds of events its probability judges the rules' events too; where it has seen a
// handful it may not. Which of those languages it holds in is chosen on dev with the floor, each subset tried.
type Floor = { floor: number; minP: number; langs: ReadonlySet<string> | null };
const trainEventsByLang = new Map<string, number>();
for (const a of trainSide) trainEventsByLang.set(a.article.lang, (trainEventsByLang.get(a.article.lang) ?? 0) + a.article.events.length);
const floorHolds = (lang: string, langs: Floor['langs']) => !langs || langs.has(lang);
const thinLanguages = [...trainEventsByLang].filter(([, n]) => n < 100).map(([l]) => l).sort();
say(`training events per language: ${[...trainEventsByLang].sort((a, b) => a[1] - b[1]).map(([l, n]) => `${l} ${n}`).join(', ')}`);
type Forced = { p: number; below: number };
const shippedAs = (m: DecisionMode, split: Split, prob: Prob, { floor, minP, langs }: Floor = { floor: 0, minP: 0, langs: null }, forced?: Forced): Scored[] => data[split].map((a) => ({
  lang: a.article.lang,
  golds: a.article.events.map((e) => e.type),
  preds: m === 'calibrate'
    ? a.examples.filter((e) => e.ruleEvent).map((e) => ({ type: e.event.type, p: sig(rulesPlatt.a * e.event.confidence + rulesPlatt.b), label: e.label, always: true }))
    : a.examples.map((e) => {
      const p = prob(e.features);
      const kept = m === 'augment' && e.ruleEvent && e.ruleConfidence >= floor && p >= minP && floorHolds(a.article.lang, langs);
      return { type: e.event.type, p: kept && forced && p < forced.below ? Math.max(p, forced.p) : p, label: e.label, always: kept };
    }),
}));
const bestThreshold = (scored: Scored[]) => {
  let bt = 0.5, bf = -1;
  for (const t of thresholds) { const f = evaluate(scored, t).all.f1; if (f > bf + 1e-9) { bf = f; bt = t; } }
  return { threshold: bt, f1: bf };
};
// 'augment' keeps the rules' events of at least a rule confidence ("floor") unless the model's probability is under
// `minP`; both are chosen on dev with the threshold: floor 0.5 and minP 0 keep every rule event, floor above 1 none.
// Every non-empty subset of the thin-data languages, and every language: the narrower the set, the fewer of the
// floor's mostly false events in the languages where the model knows better.
const LANGUAGE_SETS: Array<ReadonlySet<string> | null> = [null, ...Array.from({ length: (1 << thinLanguages.length) - 1 }, (_, m) => new Set(thinLanguages.filter((_, i) => ((m + 1) >> i) & 1)))];
const FLOORS: Floor[] = [0.5, 0.6, 0.7, 0.8, 0.9, 1.01].flatMap((floor) => [0, 0.01, 0.03].flatMap((minP) => (floor > 1 ? [null] : LANGUAGE_SETS).map((langs) => ({ floor, minP, langs }))));
// The seed article is the project's acceptance test: every event its analyst expects must still be reported. Settings
// that drop one are not chosen (they are still listed, with their dev F1), whatever dev says.
const seedKept = (prob: Prob, { floor, minP, langs }: Floor, t: number) => seeds.every((c) => c.expected.every((e) => e.matches.some((i) => {
  const x = c.examples[i]!;
  const p = prob(x.features);
  return p >= t || (x.ruleEvent && x.ruleConfidence >= floor && p >= minP && floorHolds(c.lang, langs));
})));
/** Dev F1 of 'augment' under every floor setting, and the best setting that keeps the seed's events. */
function augmentFloors(prob: Prob) {
  const floors = FLOORS.map((setting) => {
    const scored = shippedAs('augment', 'dev', prob, setting);
    const all = thresholds.map((t) => ({ threshold: t, f1: evaluate(scored, t).all.f1, seed: seedKept(prob, setting, t) }));
    const pick = (xs: typeof all) => xs.reduce<(typeof all)[number] | null>((a, b) => (!a || b.f1 > a.f1 + 1e-9 ? b : a), null);
    const best = pick(all)!, kept = pick(all.filter((x) => x.seed));
    return { ...setting, threshold: (kept ?? best).threshold, f1: kept?.f1 ?? -1, unconstrained: best };
  });
  return { floors, shipped: floors.reduce((a, b) => (b.f1 > a.f1 + 1e-9 ? b : a)) };
}
// Each example's probability is read many times (every floor setting, the seed check, every split's figures): once.
const probabilityOf = (fit: Fit, platt: { a: number; b: number }): Prob => {
  const seen = new WeakMap<string[], number>();
  return (features) => {
    let p = seen.get(features);
    if (p === undefined) seen.set(features, (p = sig(platt.a * fit.margin(features) + platt.b)));
    return p;
  };
};

// Among the fits, the one whose shipped form ('augment', seed kept) scores best on dev; on a tie, the model alone.
type Chosen = Fit & { platt: { a: number; b: number }; threshold: number; devF1: number; prob: Prob } & ReturnType<typeof augmentFloors>;
let best: Chosen | null = null;
const tried: Array<{ form: string; devF1: number; threshold: number; augmentF1: number } & Record<string, number | string>> = [];
for (const make of grid) {
  const fit = make();
  const devMargins = data.dev.map((a) => a.examples.map((e) => fit.margin(e.features)));
  const platt = fitPlatt(devMargins.flat(), flat('dev').map((e) => e.label));
  const prob = probabilityOf(fit, platt);
  const { threshold, f1 } = bestThreshold(scoredBy('dev', prob));
  const augment = augmentFloors(prob);
  tried.push({ form: fit.form, ...fit.settings, devF1: f1, threshold, augmentF1: augment.shipped.f1 });
  say(`  ${fit.form} ${Object.entries(fit.settings).map(([k, v]) => `${k} ${v}`).join(' ')}: dev F1 ${(100 * f1).toFixed(1)} at ${threshold.toFixed(2)}; augment ${(100 * augment.shipped.f1).toFixed(1)}`);
  const better = !best || augment.shipped.f1 > best.shipped.f1 + 1e-9 || (augment.shipped.f1 > best.shipped.f1 - 1e-9 && f1 > best.devF1 + 1e-9);
  if (better) best = { ...fit, platt, threshold, devF1: f1, prob, ...augment };
}
const chosen = best!;
const modelProb = chosen.prob;
const { floors, shipped: augmentDev } = chosen;
for (const f of floors) say(`  augment, rule floor ${f.floor}, min p ${f.minP}${f.langs ? `, in ${[...f.langs].join(' ')}` : ''}: dev F1 ${(100 * f.unconstrained.f1).toFixed(1)} at ${f.unconstrained.threshold.toFixed(2)}${f.unconstrained.seed ? '' : `; keeping the seed's events: ${f.f1 < 0 ? 'never' : `${(100 * f.f1).toFixed(1)} at ${f.threshold.toFixed(2)}`}`}`);
say(`  the seed's expected events, best model probability of each: ${seeds.flatMap((c) => c.expected.map((e) => `${e.type} ${Math.max(0, ...e.matches.map((i) => modelProb(c.examples[i]!.features))).toFixed(2)}`)).join(', ')}`);
if (values['dump-dev']) {
  const lines = data.dev.flatMap((a) => [
    ...a.examples.map((e) => ({ id: `${a.article.corpus}|${a.article.id}`, lang: a.article.lang, type: e.event.type, firm: e.event.firm, evidence: e.event.evidence.text, p: Math.round(modelProb(e.features) * 1e3) / 1e3, label: e.label, rule: e.ruleEvent ? e.ruleConfidence : null })),
    ...a.article.events.filter((_, j) => !a.examples.some((e) => e.gold === j)).map((g) => ({ id: `${a.article.corpus}|${a.article.id}`, lang: a.article.lang, unreached: g })),
  ]);
  writeFileSync(values['dump-dev'], lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
}
const ruleFloor = augmentDev.floor, floorMinP = augmentDev.minP;
// The languages the floor holds in (absent from the model file when it holds in all).
const floorLanguages = augmentDev.langs ? [...augmentDev.langs].sort() : undefined;
// The dev precision of the rule events kept by the floor alone: their confidence.
const forced: Forced = (() => {
  const kept = data.dev.filter((a) => floorHolds(a.article.lang, augmentDev.langs)).flatMap((a) => a.examples).filter((e) => { const p = modelProb(e.features); return e.ruleEvent && e.ruleConfidence >= ruleFloor && p >= floorMinP && p < augmentDev.threshold; });
  const p = (kept.reduce((n, e) => n + e.label, 0) + 1) / (kept.length + 2);
  say(`  ${kept.length} dev rule events kept by the floor alone; their confidence: ${p.toFixed(2)}`);
  return { p, below: augmentDev.threshold };
})();
const modes = { decide: chosen.devF1, augment: augmentDev.f1, calibrate: rules.dev!.all.f1 };
// On equal dev F1, 'augment' wins when its confidence ranks the shipped events better (dev AUC): the queue's
// confidence filter is then worth using.
const aucOf = (scored: Scored[]) => auc(scored.flatMap((a) => a.preds.filter((p) => p.always || p.p >= augmentDev.threshold).map((p) => [p.p, p.label] as const)));
const devAuc = { augment: aucOf(shippedAs('augment', 'dev', modelProb, augmentDev, forced)), calibrate: aucOf(shippedAs('calibrate', 'dev', modelProb)) };
const mode: DecisionMode = augmentDev.f1 > rules.dev!.all.f1 + 1e-9 || (augmentDev.f1 >= rules.dev!.all.f1 - 1e-9 && devAuc.augment > devAuc.calibrate) ? 'augment' : 'calibrate';
say(`dev AUC of the shipped confidence: augment ${devAuc.augment.toFixed(2)}, calibrate ${devAuc.calibrate.toFixed(2)}`);
say(`dev F1 by mode: decide ${(100 * modes.decide).toFixed(1)}, augment ${(100 * modes.augment).toFixed(1)} at ${augmentDev.threshold}, rule floor ${ruleFloor} (min p ${floorMinP}${floorLanguages ? `; in ${floorLanguages.join(', ')}` : ''}), calibrate ${(100 * modes.calibrate).toFixed(1)} -> ${mode}`);
const shippedBy = (split: Split): Scored[] => shippedAs(mode, split, modelProb, augmentDev, forced);
const threshold = mode === 'augment' ? augmentDev.threshold : 0;
// The review queue's default minimum confidence: where dev F1 of what is shipped, filtered by confidence, is best.
const reviewDefault = bestThreshold(shippedBy('dev').map((a) => ({ ...a, preds: a.preds.filter((p) => p.always || p.p >= threshold).map((p) => ({ ...p, always: false })) })));

const model = Object.fromEntries(SPLITS.map((s) => [s, evaluate(scoredBy(s, modelProb), chosen.threshold)]));
const shipped = Object.fromEntries(SPLITS.map((s) => [s, evaluate(shippedBy(s), threshold)]));
const testScored = shippedBy('test');
const shown = (scored: Scored[]): Scored[] => scored.map((a) => ({ ...a, preds: a.preds.filter((p) => p.always || p.p >= threshold) }));
const calibration = (scored: Scored[]) => {
  const ps = scored.flatMap((a) => a.preds.map((p) => p.p)), ys = scored.flatMap((a) => a.preds.map((p) => p.label));
  return { ece: ece(ps, ys), auc: auc(ps.map((p, i) => [p, ys[i]!] as const)), groups: ps.length, meanProbability: ps.reduce((x, y) => x + y, 0) / (ps.length || 1), precision: ys.reduce<number>((x, y) => x + y, 0) / (ys.length || 1) };
};
const langs = [...new Set(data.test.map((a) => a.article.lang))].sort();
const atThresholds = Object.fromEntries([0.5, 0.7, 0.9].map((t) => {
  const r = evaluate(testScored.map((a) => ({ ...a, preds: a.preds.filter((p) => p.always || p.p >= threshold).map((p) => ({ ...p, always: false })) })), t);
  return [t, Object.fromEntries([['all', r.all], ...langs.map((l) => [l, r.by[`lang:${l}`] ?? prf({ gold: 0, pred: 0, tp: 0 })])])];
}));
const curve = (scored: Scored[]) => Object.fromEntries(['all', ...langs].map((l) => [l, Array.from({ length: 50 }, (_, i) => {
  const t = i / 50;
  const shown = scored.map((a) => ({ ...a, preds: a.preds.filter((p) => p.always || p.p >= threshold).map((p) => ({ ...p, always: false })) }));
  const r = evaluate(l === 'all' ? shown : shown.filter((a) => a.lang === l), t).all;
  return { threshold: t, precision: r.precision, recall: r.recall };
})]));

const report = {
  generated: new Date().toISOString().slice(0, 10),
  data: Object.fromEntries(SPLITS.map((s) => [s, { articles: data[s].length, goldEvents: data[s].reduce((n, a) => n + a.article.events.length, 0), ruleGroups: data[s].reduce((n, a) => n + a.examples.length, 0) }])),
  mode,
  shipped,
  model: { form: chosen.form === 'trees' ? 'gradient-boosted trees over binary features, log loss, Platt-scaled on dev' : 'logistic regression over rule and broad candidates, hashed features, AdaGrad, Platt-scaled on dev', ...chosen.settings, threshold: chosen.threshold, platt: chosen.platt, dropped: [...dropped], minArticles, tried },
  rulesAlone: rules,
  decisionModel: model,
  rulesPlatt,
  modes,
  ruleFloor: mode === 'augment' ? ruleFloor : null,
  floorLanguages: mode === 'augment' ? (floorLanguages ?? null) : null,
  floorMinProbability: mode === 'augment' ? floorMinP : null,
  floors: floors.map((f) => ({ ...f, langs: f.langs ? [...f.langs].sort() : null })),
  devAuc,
  reviewDefault,
  calibration: { dev: calibration(shown(shippedBy('dev'))), test: calibration(shown(testScored)) },
  testAtThresholds: atThresholds,
  testCurve: curve(testScored),
};
const pc = (x: number) => (100 * x).toFixed(1);
// Test figures are printed only by the run that writes the model: experiments (--no-write) see train and dev only.
const shownSplits = values['no-write'] ? (['train', 'dev'] as const) : SPLITS;
for (const s of shownSplits) say(`${s}: rules F1 ${pc(rules[s]!.all.f1)}, decision model P ${pc(model[s]!.all.precision)} R ${pc(model[s]!.all.recall)} F1 ${pc(model[s]!.all.f1)}; shipped (${mode}) P ${pc(shipped[s]!.all.precision)} R ${pc(shipped[s]!.all.recall)} F1 ${pc(shipped[s]!.all.f1)}`);
say(`shipped: dev ECE ${report.calibration.dev.ece.toFixed(3)}, threshold ${threshold.toFixed(2)}`);
if (!values['no-write']) {
  say(`shipped: test ECE ${report.calibration.test.ece.toFixed(3)}`);
  for (const t of EVENT_TYPES) { const r = shipped.test!.by[`type:${t}`]; if (r) say(`  test ${t}: P ${pc(r.precision)} R ${pc(r.recall)} F1 ${pc(r.f1)} (gold ${r.gold})`); }
}

if (!values['no-write'] || values['try-model']) {
  const file: DecisionModelFile = {
    format: DECISION_FORMAT, mode, ...(mode === 'calibrate' ? { bits: 0, weights: {} } : { ...chosen.file, ...(topic ? { topic } : {}), ...(sentence ? { sentence, ...(values['no-article-sentences'] ? {} : { articleSentences: true }) } : {}), ...(firmChoice ? { firmChoice } : {}) }), platt: mode === 'calibrate' ? rulesPlatt : chosen.platt, threshold, ruleFloor: mode === 'augment' ? ruleFloor : 0, floorMinProbability: mode === 'augment' ? floorMinP : 0, floorConfidence: forced.p, ...(mode === 'augment' && floorLanguages ? { floorLanguages } : {}),
    meta: { trained: report.generated, data: report.data, devF1: modes[mode], form: chosen.form, ...chosen.settings, reviewDefault: reviewDefault.threshold },
  };
  const modelPath = values['no-write'] ? values['try-model']! : values.model!;
  mkdirSync(dirname(modelPath), { recursive: true });
  writeFileSync(modelPath, gzipSync(JSON.stringify(file)));
  if (values['no-write']) { say(`wrote ${modelPath} (to try; nothing else written)`); process.exit(0); }
  mkdirSync(dirname(values.report!), { recursive: true });
  writeFileSync(values.report!, JSON.stringify(report, null, 1) + '\n');
  writeFileSync(resolve(dirname(values.model!), 'README.md'), modelReadme(report));
  const plotted = await writePrPlot(report.testCurve, values.plot!);
  say(`wrote ${values.model}, ${values.report}${plotted ? `, ${values.plot}` : ' (no PNG: Chromium not found)'}`);
}
