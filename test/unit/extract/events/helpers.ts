// Builds event inputs from a text and a hand-written entity list, so the event rules are tested without the entity stage.
import { resolve } from 'node:path';
import { splitSentences } from '../../../../src/clean/sentences.ts';
import { extractEvents } from '../../../../src/extract/events/extract-events.ts';
import { loadEventLexicon } from '../../../../src/extract/events/lexicon.ts';
import type { EntityType, ExtractedEvent, Mention } from '../../../../src/extract/types.ts';

export const CONFIG_DIR = resolve(import.meta.dirname, '..', '..', '..', '..', 'config');
export const lexicon = loadEventLexicon(CONFIG_DIR);

/** [surface, type, canonical name, place kind?] */
export type Ent = [string, EntityType, string, string?];

/** Every occurrence of every surface form, as mentions. */
export function mentionsOf(text: string, ents: Ent[]): Mention[] {
  const out: Mention[] = [];
  for (const [surface, type, name] of ents) {
    for (let i = text.indexOf(surface); i >= 0; i = text.indexOf(surface, i + surface.length)) {
      out.push({ text: surface, start: i, end: i + surface.length, type, name, entityId: `${type}:${name}`, origin: 'kb', confidence: 1 });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Runs the event rules over `text` in `lang` with the given entities. */
export function eventsOf(text: string, lang: string, ents: Ent[] = []): ExtractedEvent[] {
  const kinds = new Map(ents.filter((e) => e[3]).map((e) => [`location:${e[2]}`, e[3]!]));
  return extractEvents(
    { text, lang, title: null, sentences: splitSentences(text, lang), mentions: mentionsOf(text, ents), exportControls: [], placeKind: (id) => kinds.get(id) },
    lexicon,
  );
}
