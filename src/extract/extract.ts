// The extract stage: one clean article in, entities + export-control mentions + hiring-signal events out.
// Composes the entity recogniser (knowledge base + NER), the export-control finder and the event rules; pure per
// article once the knowledge base and lexicons are loaded, so `createExtractor` is called once per process.
import type { CleanArticle } from '../clean/types.ts';
import { loadKnowledgeBase } from './kb.ts';
import { applyAnalystOverrides, type AnalystOverrides } from './analyst-overrides.ts';
import { recognizeEntities } from './entities.ts';
import { findExportControls, loadExportControls } from './export-controls.ts';
import { eventGroups, extractEvents, triggerSentences, type DecidableGroup, type EventInput } from './events/extract-events.ts';
import { loadDecisionModel, type DecisionContext, type DecisionModel } from './events/decision.ts';
import { foldText } from './events/patterns.ts';
import { loadEventLexicon } from './events/lexicon.ts';
import { splitSentences } from '../clean/sentences.ts';
import type { Extraction } from './types.ts';

export interface Extractor {
  /** Extracts entities, export-control mentions and events from one clean article; offsets point into `article.text`. */
  extract(article: CleanArticle): Extraction;
}

/** An extractor that also shows the rules' event groups before the decision model, for training it (scripts/train-events.ts). */
export interface TrainableExtractor extends Extractor {
  eventGroups(article: CleanArticle): { groups: DecidableGroup[]; decision: DecisionContext };
}

export interface ExtractorOptions {
  /** Analysts' alias and merge decisions from the database (src/db/queries/analyst-overrides.ts); none by default. */
  overrides?: AnalystOverrides | null;
  /** The event decision model; default: the shipped models/events/decision.json.gz (null: the rules decide alone). */
  decision?: DecisionModel | null;
}

/** Loads the knowledge base and event lexicons from `configDir` once and returns a reusable extractor. */
export async function createExtractor(configDir: string, opts: ExtractorOptions = {}): Promise<TrainableExtractor> {
  const base = await loadKnowledgeBase(configDir);
  // A derived knowledge base: the cached one for the folder stays as config/kb says.
  const kb = opts.overrides ? applyAnalystOverrides(base, opts.overrides) : base;
  const lexicon = loadEventLexicon(configDir);
  const decision = opts.decision === undefined ? loadDecisionModel() : opts.decision;
  // Every file comes from the chosen config folder and is validated here, before the first article.
  loadExportControls(configDir);
  const prepare = (article: CleanArticle): { input: EventInput; entities: Extraction['entities']; exportControls: Extraction['exportControls'] } => {
    const { text, language } = article;
    const sentences = article.sentences.length ? article.sentences : splitSentences(text, language);
    const folded = foldText(text);
    // compromise, a second opinion on English names beside the statistical tagger, reads only the sentences that
    // can carry an event: over whole articles it cost 40% of the stage and added more wrong names than right ones.
    const compromiseRanges = language === 'en' ? triggerSentences(folded, sentences, lexicon.get(language)) : [];
    const { mentions, entities } = recognizeEntities(text, language, kb, { compromiseRanges });
    const exportControls = findExportControls(text, language, configDir);
    const placeKind = (id: string) => kb.entity(id)?.kind;
    return { input: { text, folded, lang: language, title: article.title, sentences, mentions, exportControls, placeKind }, entities, exportControls };
  };
  return {
    extract(article: CleanArticle): Extraction {
      const { input, entities, exportControls } = prepare(article);
      return { entities, exportControls, events: extractEvents(input, lexicon, decision) };
    },
    eventGroups(article: CleanArticle) {
      return eventGroups(prepare(article).input, lexicon);
    },
  };
}
