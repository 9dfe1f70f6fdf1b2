// Knowledge-base matching and name recognition speed, on English article text: the Zyte benchmark's true article
// bodies joined into one 5,000-word article (clean text, as the stages see it after the clean stage).
import { newDoc } from '../../src/extract/doc.ts';
import { loadDecisionModel } from '../../src/extract/events/decision.ts';
import { loadEventLexicon } from '../../src/extract/events/lexicon.ts';
import { createExtractor } from '../../src/extract/extract.ts';
import { loadKnowledgeBase } from '../../src/extract/kb.ts';
import { extractPipeline } from '../../src/extract/pipeline.ts';
import { recognizeNames } from '../../src/ner/recognize.ts';
import type { BenchPage } from './corpus.ts';
import { round } from './stats.ts';

export interface NlpResult {
  words: number;
  /** Gazetteer (knowledge-base) matching over the 5,000-word article. */
  kbMsPer5000Words: number;
  kbWordsPerSec: number;
  /** The statistical NER tagger (recognizeNames). */
  nerMsPer5000Words: number;
  nerWordsPerSec: number;
  /** The whole extract stage (entities + export controls + events) on the same text. */
  extractMsPer5000Words: number;
  extractWordsPerSec: number;
  /** Each component of the extract pipeline (src/extract/pipeline.ts), ms per 5,000 words, in pipeline order. */
  componentMsPer5000Words: Record<string, number>;
}

const countWords = (s: string) => s.match(/\S+/g)?.length ?? 0;

/** A ~`target`-word English text from the pages' true bodies (pages that look English by stop words). */
export function englishText(pages: BenchPage[], target = 5000): string {
  const english = pages.flatMap((p) => (p.truth && (p.truth.match(/\b(the|and|of|to|in)\b/g)?.length ?? 0) >= countWords(p.truth) * 0.08 ? [p.truth] : []));
  if (!english.length) return '';
  const parts: string[] = [];
  let words = 0;
  // With few pages (--pages N) the bodies are repeated to reach the target length.
  for (let i = 0; words < target; i++) {
    const take = english[i % english.length]!.split(/\s+/).slice(0, target - words).join(' ');
    parts.push(take);
    words += countWords(take);
  }
  return parts.join('\n\n');
}

/** Median milliseconds of `fn` over `rounds` runs after one warm-up. */
function timeMs(rounds: number, fn: () => unknown): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

/** Times gazetteer matching, NER and the whole extract stage on one 5,000-word English article. */
export async function benchNlp(pages: BenchPage[], configDir: string, rounds: number): Promise<NlpResult> {
  const text = englishText(pages);
  const words = countWords(text);
  const kb = loadKnowledgeBase(configDir);
  const extractor = await createExtractor(configDir);
  const kbMs = timeMs(rounds * 4, () => kb.gazetteer.match(text, 'en'));
  const nerMs = timeMs(rounds, () => recognizeNames(text, 'en'));
  const article = { source: 'bench', title: null, byline: null, siteName: null, canonicalUrl: null, language: 'en', declaredLanguage: null, publishedAt: null, dateCandidates: [], text, sentences: [], path: 'text' as const };
  const extractMs = timeMs(Math.max(1, Math.ceil(rounds / 2)), () => extractor.extract(article));
  const per5000 = (ms: number) => round((ms * 5000) / words, 1);
  // The same article through the pipeline's components one at a time: where the extract stage's time goes.
  const components = extractPipeline({ kb, lexicon: loadEventLexicon(configDir), configDir, decision: loadDecisionModel() });
  const componentMs = new Map(components.map((c) => [c.name, [] as number[]]));
  for (let r = 0; r <= rounds; r++) {
    const doc = newDoc({ text, lang: 'en', title: null });
    for (const c of components) {
      const t = performance.now();
      c.run(doc);
      if (r > 0) componentMs.get(c.name)!.push(performance.now() - t); // the first round warms up
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return {
    words,
    kbMsPer5000Words: per5000(kbMs), kbWordsPerSec: Math.round(words / (kbMs / 1000)),
    nerMsPer5000Words: per5000(nerMs), nerWordsPerSec: Math.round(words / (nerMs / 1000)),
    extractMsPer5000Words: per5000(extractMs), extractWordsPerSec: Math.round(words / (extractMs / 1000)),
    componentMsPer5000Words: Object.fromEntries([...componentMs].map(([name, ms]) => [name, per5000(median(ms))])),
  };
}
