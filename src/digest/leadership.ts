// Whether a leadership change is an appointment or a departure, read from its evidence with the same departure cues
// the extractor uses (config/lexicons/events/<lang>.yaml `departure`: "resign*", "step* down", "ousted" ...).
import { loadEventLexicon, type EventLexicon } from '../extract/events/lexicon.ts';
import { foldText } from '../extract/events/patterns.ts';

export type LeadershipKind = 'appointment' | 'departure';

const lexicons = new Map<string, EventLexicon>();

function lexiconFor(configDir: string): EventLexicon {
  let lexicon = lexicons.get(configDir);
  if (!lexicon) {
    lexicon = loadEventLexicon(configDir);
    lexicons.set(configDir, lexicon);
  }
  return lexicon;
}

/** "departure" when the evidence has a departure cue in its language (English as the fallback), else "appointment". */
export function leadershipKind(evidence: string, language: string | null, configDir: string): LeadershipKind {
  const lexicon = lexiconFor(configDir);
  const folded = foldText(evidence);
  const own = lexicon.get(language ?? 'en');
  if (own.departure.test(folded)) return 'departure';
  return language && language !== 'en' && lexicon.get('en').departure.test(folded) ? 'departure' : 'appointment';
}
