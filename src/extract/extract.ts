// The extract stage: one clean article in, entities + export-control mentions + hiring-signal events out. Loads the
// knowledge base, lexicons and decision model once, then runs the component pipeline (pipeline.ts) over a Doc per
// article; pure per article once loaded, so `createExtractor` is called once per process.
import type { CleanArticle } from '../clean/types.ts';
import { applyAnalystOverrides, type AnalystOverrides } from './analyst-overrides.ts';
import type { DecidableGroup } from './components/event-groups.ts';
import { newDoc } from './doc.ts';
import { loadDecisionModel, type DecisionContext, type DecisionModel } from './events/decision.ts';
import { loadEventLexicon } from './events/lexicon.ts';
import { loadExportControls } from './export-controls.ts';
import { loadKnowledgeBase } from './kb.ts';
import { extractPipeline, runPipeline } from './pipeline.ts';
import type { Extraction } from './types.ts';

export interface Extractor {
  /** Extracts entities, export-control mentions and events from one clean article; offsets point into `article.text`. */
  extract(article: CleanArticle): Extraction;
}

/** An extractor that also shows the event groups before the decision model, for training it (scripts/train-events.ts). */
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
  const extracting = extractPipeline({ kb, lexicon, configDir, decision });
  // Training reads every group, broad candidates included, whatever model is loaded.
  const grouping = extractPipeline({ kb, lexicon, configDir, decision: null }, { broad: true });
  const docOf = (a: CleanArticle) => newDoc({ text: a.text, lang: a.language, title: a.title, sentences: a.sentences });
  return {
    extract(article) {
      const doc = runPipeline(docOf(article), extracting);
      return { entities: doc.entities, exportControls: doc.exportControls, events: doc.events };
    },
    eventGroups(article) {
      const doc = runPipeline(docOf(article), grouping, 'event-groups');
      return { groups: doc.groups, decision: doc.decision };
    },
  };
}
