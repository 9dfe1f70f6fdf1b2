// Where each language's NER training, dev and test data come from under ../shared/corpus/ner/, and how the
// WikiNEuRal files (published as test splits only) are cut: by sentence index, first 80% train, next 10% dev,
// last 10% test, contiguous so that sentences of one Wikipedia article rarely land on both sides.
import { resolve } from 'node:path';
import { type ConllDocument, PSEUDO_DOC_SENTENCES, goldTags, readConllFile } from '../../src/ner/conll.ts';
import type { TaggedDocument } from '../../src/ner/train.ts';

export type Split = 'train' | 'dev' | 'test';

export const NER_CORPUS_DIR = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'ner');

const CONLL: Record<string, { dir: string; prefix: string }> = {
  en: { dir: 'conll2003-en', prefix: 'eng' },
  es: { dir: 'conll2002-es', prefix: 'esp' },
};
const CONLL_SPLIT: Record<Split, string> = { train: 'train', dev: 'testa', test: 'testb' };
export const WIKINEURAL_LANGS = ['fr', 'de', 'pt', 'en', 'es'];
export const SPLIT_FRACTIONS = { train: 0.8, dev: 0.1 };

export const NER_LANGS = ['en', 'es', 'fr', 'de', 'pt'];

/** The source a language's model trains on: CoNLL for en/es, WikiNEuRal otherwise. */
export function datasetName(lang: string): string {
  const c = CONLL[lang];
  return c ? `${c.dir}/${c.prefix}` : `wikineural/${lang}`;
}

function toTagged(docs: readonly ConllDocument[]): TaggedDocument[] {
  return docs.map((d) => ({ sentences: d.sentences.map((s) => ({ tokens: s.tokens, tags: goldTags(s) })) }));
}

/** Loads one split of a language's data as tagged documents. */
export function loadSplit(lang: string, split: Split): TaggedDocument[] {
  const c = CONLL[lang];
  if (c) return toTagged(readConllFile(resolve(NER_CORPUS_DIR, c.dir, `${c.prefix}.${CONLL_SPLIT[split]}.gz`)).documents);
  return wikineuralSplit(lang, split);
}

/** Sentence index range [from, to) of a WikiNEuRal split. */
export function wikineuralRange(total: number, split: Split): [number, number] {
  const a = Math.floor(total * SPLIT_FRACTIONS.train);
  const b = Math.floor(total * (SPLIT_FRACTIONS.train + SPLIT_FRACTIONS.dev));
  return split === 'train' ? [0, a] : split === 'dev' ? [a, b] : [b, total];
}

/** A WikiNEuRal split: its sentences in blocks of PSEUDO_DOC_SENTENCES, as `radar ner` groups a file without markers. */
export function wikineuralSplit(lang: string, split: Split): TaggedDocument[] {
  const file = readConllFile(resolve(NER_CORPUS_DIR, 'wikineural', `${lang}.test.conllu.gz`));
  const all = file.documents.flatMap((d) => d.sentences);
  const [from, to] = wikineuralRange(all.length, split);
  const docs: TaggedDocument[] = [];
  for (let i = from; i < to; i += PSEUDO_DOC_SENTENCES) {
    docs.push({ sentences: all.slice(i, Math.min(to, i + PSEUDO_DOC_SENTENCES)).map((s) => ({ tokens: s.tokens, tags: goldTags(s) })) });
  }
  return docs;
}

/** The raw lines of a WikiNEuRal split, to write a file that `radar ner` and conlleval can score. */
export function wikineuralSplitText(lang: string, split: Split): string {
  const file = readConllFile(resolve(NER_CORPUS_DIR, 'wikineural', `${lang}.test.conllu.gz`));
  const all = file.documents.flatMap((d) => d.sentences);
  const [from, to] = wikineuralRange(all.length, split);
  return all.slice(from, to).map((s) => s.lines.map((l) => l.text).join('\n') + '\n').join('\n');
}

/**
 * Names for the fixed "external" name list of a language's model: every other annotated source under ner/ (the other
 * CoNLL training set, the WikiNEuRal files of other languages, and the whole WikiNEuRal file of a CoNLL language),
 * never the dev or test split the model is scored on.
 */
export function externalSources(lang: string): Array<{ name: string; docs: () => TaggedDocument[] }> {
  const out: Array<{ name: string; docs: () => TaggedDocument[] }> = [];
  for (const other of Object.keys(CONLL)) if (other !== lang) out.push({ name: `${datasetName(other)} train`, docs: () => loadSplit(other, 'train') });
  for (const w of WIKINEURAL_LANGS) {
    if (w === lang && !CONLL[lang]) continue; // own train split is already the model's training data
    out.push({ name: `wikineural/${w} (all)`, docs: () => toTagged(readConllFile(resolve(NER_CORPUS_DIR, 'wikineural', `${w}.test.conllu.gz`)).documents) });
  }
  return out;
}
