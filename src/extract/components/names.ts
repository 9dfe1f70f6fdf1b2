// Names the knowledge base may not know, as plain typed spans: the statistical tagger (src/ner and models/ner/),
// compromise for English, and the person rule (name-spans.ts). What each one is, `mentions` decides.
import type { Doc } from '../doc.ts';
import type { KnowledgeBase } from '../kb.ts';
import { candidateNames } from '../name-spans.ts';
import type { Component } from '../pipeline.ts';
import { langCode } from './kb-mentions.ts';

export interface NameOptions {
  /** Run the statistical tagger and compromise (default true); false = the person rule only. */
  unknownNames?: boolean;
  /** The parts of an English text compromise reads (default: all of it); the statistical tagger reads everything. */
  compromiseRanges?: (doc: Doc) => ReadonlyArray<{ start: number; end: number }> | undefined;
}

export function names(kb: KnowledgeBase, opts: NameOptions = {}): Component {
  return {
    name: 'names',
    run(doc) {
      doc.names = candidateNames(doc.text, langCode(doc.lang), kb, opts.unknownNames !== false, opts.compromiseRanges?.(doc));
    },
  };
}
