// Finds, loads and caches the committed NER model of each language (models/ner/<lang>.json.gz), loaded on first use.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectPath } from '../paths.ts';
import { type NerModel, loadModel } from './model.ts';

export const MODELS_DIR = projectPath('models', 'ner');
/** Languages with a committed model. */
export const NER_LANGUAGES = ['en', 'es', 'fr', 'de', 'pt'] as const;

const cache = new Map<string, NerModel | null>();

/** Path of a language's model file. */
export function modelPath(lang: string): string {
  return resolve(MODELS_DIR, `${lang}.json.gz`);
}

/** The model for `lang` (ISO 639-1), loaded once and cached; null when the language has no model. */
export function getModel(lang: string): NerModel | null {
  const key = lang.toLowerCase().slice(0, 2);
  if (cache.has(key)) return cache.get(key)!;
  const path = modelPath(key);
  const model = (NER_LANGUAGES as readonly string[]).includes(key) && existsSync(path) ? loadModel(path) : null;
  cache.set(key, model);
  return model;
}
