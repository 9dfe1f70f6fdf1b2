// Named-entity recognition over raw text for the entity stage: tokenise with offsets, split sentences, tag the whole
// text as one document with the language's statistical model, return spans with UTF-16 offsets into `text`.
import { getModel } from './registry.ts';
import { type EntityType, spansFromTags } from './tags.ts';
import { splitSentences, tokenize } from './tokenize.ts';

export interface RecognizedName {
  start: number;
  end: number;
  type: EntityType;
  text: string;
  score?: number;
}

/**
 * Finds person, organisation, location and other (MISC) names in `text` written in `lang` (ISO 639-1: en, es, fr,
 * de, pt). Languages without a model give an empty array; the model is loaded on first use and cached.
 */
export function recognizeNames(text: string, lang: string): RecognizedName[] {
  const model = getModel(lang);
  if (!model || text.length === 0) return [];
  const code = lang.toLowerCase().slice(0, 2);
  const sentences = splitSentences(text, tokenize(text, code));
  const tags = model.tagDocument(sentences.map((s) => s.map((t) => t.text)));
  const out: RecognizedName[] = [];
  sentences.forEach((s, i) => {
    for (const span of spansFromTags(tags[i]!)) {
      const start = s[span.start]!.start;
      const end = s[span.end - 1]!.end;
      out.push({ start, end, type: span.type, text: text.slice(start, end) });
    }
  });
  return out;
}
