// A trained NER model: resources (name list, lexicon), one or two linear passes, and its gzipped JSON file format.
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { InputError } from '../errors.ts';
import { buildDocContext, firstPassFeatures, sentenceFeatures, type FeatureResources } from './features.ts';
import { Gazetteer, type GazetteerData } from './gazetteer.ts';
import { SparseScorer, type Transitions, emissions, viterbi } from './linear.ts';
import type { TrainedWeights } from './perceptron.ts';
import { N_TAGS, TAGS } from './tags.ts';

export const MODEL_FORMAT = 'radar-ner/1';

interface PassFile {
  bucketsDelta: string; // base64 of Uint32 deltas between sorted bucket numbers
  rows: string; // base64 of Int16 weights, N_TAGS per bucket, multiplied by 1/scale
  scale: number;
  trans: number[];
}

export interface ModelFile {
  format: typeof MODEL_FORMAT;
  lang: string;
  bits: number;
  meta: Record<string, unknown>;
  gazetteer: GazetteerData;
  external?: GazetteerData;
  lexicon: string[];
  passes: PassFile[];
}

interface Pass {
  scorer: SparseScorer;
  trans: Transitions;
}

/** A loaded tagger: tags whole documents (lists of tokenised sentences) in one or two passes. */
export class NerModel {
  readonly resources: FeatureResources;
  private readonly passes: Pass[];

  /** Wraps trained weights and resources; passes[1], when present, reads passes[0]'s output as features. */
  constructor(
    readonly lang: string,
    resources: FeatureResources,
    private readonly weights: TrainedWeights[],
    readonly meta: Record<string, unknown> = {},
  ) {
    this.resources = resources;
    this.passes = weights.map((w) => ({ scorer: new SparseScorer(w.mask, w.buckets, w.rows), trans: w.trans }));
  }

  get passCount(): number {
    return this.passes.length;
  }

  /** Tags every sentence of one document and returns IOB2 tag strings; `passes` limits how many passes run. */
  tagDocument(sentences: ReadonlyArray<readonly string[]>, passes = this.passes.length): string[][] {
    const doc = buildDocContext(sentences);
    const base = sentences.map((toks) => sentenceFeatures(toks, this.resources, doc));
    const first = this.passes[0]!;
    const tags = base.map((f) => decode(first, emissions(first.scorer, f)));
    const second = this.passes[1];
    if (passes < 2 || !second) return tags;
    // The second pass sees the first pass's features plus its own, so only the new ones are computed here.
    const doc2 = buildDocContext(sentences, tags);
    return sentences.map((toks, i) => {
      const emis = emissions(second.scorer, base[i]!);
      const extra = emissions(second.scorer, firstPassFeatures(toks, doc2, tags[i]!));
      for (let k = 0; k < emis.length; k++) emis[k]! += extra[k]!;
      return decode(second, emis);
    });
  }

  /** Serialises to gzipped JSON, weights quantised to 16 bits per pass. */
  toGzip(): Buffer {
    const file: ModelFile = {
      format: MODEL_FORMAT,
      lang: this.lang,
      bits: Math.round(Math.log2((this.weights[0]?.mask ?? 0) + 1)),
      meta: this.meta,
      gazetteer: this.resources.gazetteer.toJSON(),
      ...(this.resources.external ? { external: this.resources.external.toJSON() } : {}),
      lexicon: [...this.resources.lexicon].sort(),
      passes: this.weights.map(encodePass),
    };
    return gzipSync(JSON.stringify(file), { level: 9 });
  }
}

function decode(pass: Pass, emis: Float64Array): string[] {
  return Array.from(viterbi(emis, pass.trans, emis.length / N_TAGS), (t) => TAGS[t]!);
}

function encodePass(w: TrainedWeights): PassFile {
  const deltas = new Uint32Array(w.buckets.length);
  let prev = 0;
  w.buckets.forEach((b, i) => {
    deltas[i] = b - prev;
    prev = b;
  });
  let max = 0;
  for (const v of w.rows) max = Math.max(max, Math.abs(v));
  const scale = max / 32767 || 1;
  const q = Int16Array.from(w.rows, (v) => Math.round(v / scale));
  return {
    bucketsDelta: Buffer.from(deltas.buffer).toString('base64'),
    rows: Buffer.from(q.buffer).toString('base64'),
    scale,
    trans: Array.from(w.trans, (v) => Math.round(v * 1000) / 1000),
  };
}

function decodePass(p: PassFile, mask: number): TrainedWeights {
  const db = Buffer.from(p.bucketsDelta, 'base64');
  const deltas = new Uint32Array(db.buffer.slice(db.byteOffset, db.byteOffset + db.byteLength));
  // Plain loops: typed-array from()/forEach() with a callback made loading a model several times slower, and each
  // worker thread loads every model it meets.
  const buckets = new Uint32Array(deltas.length);
  let acc = 0;
  for (let i = 0; i < deltas.length; i++) buckets[i] = acc += deltas[i]!;
  const rb = Buffer.from(p.rows, 'base64');
  const q = new Int16Array(rb.buffer.slice(rb.byteOffset, rb.byteOffset + rb.byteLength));
  const rows = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) rows[i] = q[i]! * p.scale;
  if (rows.length !== buckets.length * N_TAGS || p.trans.length !== (N_TAGS + 1) * N_TAGS) throw new Error('weight arrays have the wrong length');
  return { mask, buckets, rows, trans: Float64Array.from(p.trans) };
}

/** Parses a gzipped model file's bytes; `source` names the file in errors. */
export function parseModel(gz: Buffer, source: string): NerModel {
  let file: ModelFile;
  try {
    file = JSON.parse(gunzipSync(gz).toString('utf8')) as ModelFile;
    if (file.format !== MODEL_FORMAT) throw new Error(`format is ${String(file.format)}, expected ${MODEL_FORMAT}`);
    const mask = 2 ** file.bits - 1;
    const weights = file.passes.map((p) => decodePass(p, mask));
    const resources = { gazetteer: new Gazetteer(file.gazetteer), external: file.external ? new Gazetteer(file.external) : null, lexicon: new Set(file.lexicon) };
    return new NerModel(file.lang, resources, weights, file.meta);
  } catch (err) {
    throw new InputError(`NER model ${source} is unreadable: ${(err as Error).message}`, { cause: err });
  }
}

/** Loads a gzipped model file from disk. */
export function loadModel(path: string): NerModel {
  let gz: Buffer;
  try {
    gz = readFileSync(path);
  } catch (err) {
    throw new InputError(`NER model ${path} cannot be read: ${(err as Error).message}`, { cause: err });
  }
  return parseModel(gz, path);
}
