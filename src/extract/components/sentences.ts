// Sentences: the clean stage's when it found them, else the splitter's (ICU segmentation, line by line).
import { splitSentences } from '../../clean/sentences.ts';
import type { Component } from '../pipeline.ts';

export const sentences: Component = {
  name: 'sentences',
  run(doc) {
    if (!doc.sentences.length) doc.sentences = splitSentences(doc.text, doc.lang);
  },
};
