// Event lexicons (config/lexicons/events/*.yaml): triggers per language and event type, cues, role titles.
import { z } from 'zod';
import { loadConfigFile } from '../../config/load.ts';

export const EventLexiconSchema = z.object({});
export type EventLexicon = z.output<typeof EventLexiconSchema>;

/** Loads and compiles the event lexicons from `configDir`. */
export function loadEventLexicon(configDir: string): EventLexicon {
  void loadConfigFile;
  void configDir;
  return {};
}
