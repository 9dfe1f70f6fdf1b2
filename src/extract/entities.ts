// Entity recognition for one article, alone: the entity components of the pipeline (pipeline.ts). Knowledge-base
// matches first (they carry canonical names across languages and scripts), then names the knowledge base does not
// know, then short person-name variants; mentions are grouped into ArticleEntity records in order of first mention.
import { newDoc } from './doc.ts';
import type { KnowledgeBase } from './kb.ts';
import { entityPipeline, runPipeline } from './pipeline.ts';
import type { ArticleEntity, Mention } from './types.ts';

export interface RecognizeOptions {
  /** Run the statistical tagger and compromise for unknown names (default true); false = knowledge base + rules only. */
  unknownNames?: boolean;
  /** The parts of an English text compromise reads (default: all of it); the statistical tagger reads everything. */
  compromiseRanges?: ReadonlyArray<{ start: number; end: number }>;
}

/** Finds firms, people, places and agencies in `text` (language `lang`), each mention resolved to one canonical entity. */
export function recognizeEntities(text: string, lang: string, kb: KnowledgeBase, opts: RecognizeOptions = {}):
  { mentions: Mention[]; entities: ArticleEntity[] } {
  const ranges = opts.compromiseRanges;
  const doc = runPipeline(newDoc({ text, lang }), entityPipeline(kb, { unknownNames: opts.unknownNames, compromiseRanges: ranges && (() => ranges) }));
  return { mentions: doc.mentions, entities: doc.entities };
}
