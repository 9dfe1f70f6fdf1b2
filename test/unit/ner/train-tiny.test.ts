import { describe, expect, it } from 'vitest';
import { parseModel } from '../../../src/ner/model.ts';
import { type TaggedDocument, evaluate, trainNer } from '../../../src/ner/train.ts';

// Sentences written for this test: tokens with IOB2 tags.
const raw = [
  'Maria/B-PER Lopez/I-PER works/O for/O Acme/B-ORG Corp/I-ORG in/O Berlin/B-LOC ./O',
  'John/B-PER Smith/I-PER visited/O Paris/B-LOC with/O Maria/B-PER ./O',
  'Acme/B-ORG Corp/I-ORG opened/O an/O office/O in/O Paris/B-LOC ./O',
  'The/O Olympic/B-MISC Games/I-MISC were/O held/O in/O Berlin/B-LOC ./O',
  'Globex/B-ORG hired/O John/B-PER Smith/I-PER in/O Madrid/B-LOC ./O',
  'Peter/B-PER Chen/I-PER left/O Globex/B-ORG for/O Acme/B-ORG ./O',
  'Anna/B-PER moved/O from/O Madrid/B-LOC to/O Rome/B-LOC ./O',
  'Initech/B-ORG works/O with/O Globex/B-ORG in/O Rome/B-LOC ./O',
];
const sentence = (s: string) => {
  const pairs = s.split(' ').map((p) => p.split('/'));
  return { tokens: pairs.map((p) => p[0]!), tags: pairs.map((p) => p[1]!) };
};
const docs: TaggedDocument[] = raw.map((s) => ({ sentences: [sentence(s)] }));
const opts = { lang: 'xx', bits: 16, epochs1: 10, epochs2: 3, folds: 2, seed: 1, minFeatureCount: 1, lexiconMinCount: 1 };

describe('trainNer on a handful of sentences', () => {
  const model = trainNer(docs, opts);

  it('learns to tag its training sentences', () => {
    expect(evaluate(model, docs).f1).toBe(1);
  });

  it('tags a new sentence made of known names', () => {
    const [tags] = model.tagDocument([['Peter', 'Chen', 'visited', 'Berlin', 'with', 'Maria', '.']]);
    expect(tags).toEqual(['B-PER', 'I-PER', 'O', 'B-LOC', 'O', 'B-PER', 'O']);
  });

  it('is deterministic and survives a save/load round trip', () => {
    const again = trainNer(docs, opts);
    const loaded = parseModel(model.toGzip(), 'memory');
    const probe = [['John', 'Smith', 'left', 'Initech', 'in', 'Rome', '.']];
    expect(again.tagDocument(probe)).toEqual(model.tagDocument(probe));
    expect(loaded.tagDocument(probe)).toEqual(model.tagDocument(probe));
    expect(loaded.passCount).toBe(2);
  });
});
