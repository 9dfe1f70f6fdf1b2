import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldTags, readConllFile } from '../../../src/ner/conll.ts';
import { getModel } from '../../../src/ner/registry.ts';
import { evaluate } from '../../../src/ner/train.ts';
import { CORPUS_DIR, HAS_SHARED } from '../../helpers/shared.ts';

// A 300-sentence slice of each test file keeps this quick; the full-file figures are in README.md.
function slice(path: string, sentences = 300) {
  const docs = readConllFile(path).documents.map((d) => ({ sentences: d.sentences.map((s) => ({ tokens: s.tokens, tags: goldTags(s) })) }));
  const out = [];
  let n = 0;
  for (const d of docs) {
    if (n >= sentences) break;
    out.push(d);
    n += d.sentences.length;
  }
  return out;
}

describe.skipIf(!HAS_SHARED)('committed NER models on the test splits (slices)', () => {
  it('Spanish: CoNLL-2002 esp.testb F1 above 72', () => {
    const s = evaluate(getModel('es')!, slice(resolve(CORPUS_DIR, 'ner/conll2002-es/esp.testb.gz')));
    expect(s.f1).toBeGreaterThan(0.72);
  });

  it('English: CoNLL-2003 eng.testb F1 above 80', () => {
    const s = evaluate(getModel('en')!, slice(resolve(CORPUS_DIR, 'ner/conll2003-en/eng.testb.gz')));
    expect(s.f1).toBeGreaterThan(0.8);
  });
});
