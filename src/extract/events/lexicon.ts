// Event lexicons: config/lexicons/events/<lang>.yaml (triggers and cues) and config/lexicons/roles.yaml (role
// titles -> English). Validated with zod at load so an analyst's typo fails at start with the file and key.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadConfigFile } from '../../config/load.ts';
import { EVENT_TYPES, type EventType } from '../types.ts';
import { compilePattern, foldText, PatternSet } from './patterns.ts';

const patternList = z
  .array(z.string().min(1))
  .default([])
  .superRefine((list, ctx) => {
    list.forEach((p, i) => {
      // Only a raw `re:` pattern can be invalid: the phrase syntax is compiled from escaped words and fixed pieces.
      // (Compiling every pattern here cost about a second of each start; PatternSet compiles them on first need.)
      if (!p.startsWith('re:')) return;
      try {
        compilePattern(p);
      } catch (err) {
        ctx.addIssue({ code: 'custom', path: [i], message: `bad pattern "${p}": ${(err as Error).message}` });
      }
    });
  });

export const LanguageLexiconSchema = z
  .object({
    triggers: z.object(Object.fromEntries(EVENT_TYPES.map((t) => [t, patternList])) as Record<EventType, typeof patternList>).strict(),
    // Broader wording that only proposes candidates to the learned event decision (src/extract/events/decision.ts):
    // with no model, or below its threshold, a candidate from here is never an event.
    candidates: z.object(Object.fromEntries(EVENT_TYPES.map((t) => [t, patternList.optional()])) as Record<EventType, z.ZodOptional<typeof patternList>>).strict().default({}),
    negation: patternList,
    speculation: patternList,
    hedge: patternList,
    planned: patternList,
    anaphora: patternList,
    agentless: patternList,
    owners: patternList,
    jobNouns: patternList,
    leaderTitles: patternList,
    departure: patternList,
    sourceCues: patternList,
    numbers: z.record(z.string(), z.number().positive()).default({}),
  })
  .strict();

export const RolesSchema = z.record(z.string().regex(/^[a-z]{2}$/, 'a two-letter language code'), z.record(z.string().min(1), z.string().min(1)));

/** One language's compiled patterns. */
export interface LanguageLexicon {
  lang: string;
  triggers: Record<EventType, PatternSet>;
  /** Candidate-only wording for the learned decision (empty sets when the file has none). */
  candidates: Record<EventType, PatternSet>;
  negation: PatternSet;
  speculation: PatternSet;
  hedge: PatternSet;
  planned: PatternSet;
  anaphora: PatternSet;
  /** Constructions with no subject ("200 jobs are to be created", "la apertura de oficinas"): the firm is the one the text is about. */
  agentless: PatternSet;
  /** Cues before a firm that make it an owner, not the actor ("participada por", "a unit of"). */
  owners: PatternSet;
  jobNouns: PatternSet;
  leaderTitles: PatternSet;
  /** Leadership triggers that mean leaving a post (the firm is where talent comes from). */
  departure: PatternSet;
  sourceCues: PatternSet;
  /** Folded number word -> value. */
  numbers: Map<string, number>;
  /** Role titles: compiled pattern (plural-tolerant) -> English title, longest first. */
  roles: Array<{ re: RegExp; english: string }>;
}

/** Every language the config folder has a file for; `get` falls back to English. */
export interface EventLexicon {
  languages: Map<string, LanguageLexicon>;
  get(lang: string): LanguageLexicon;
}

function rolePattern(phrase: string): RegExp {
  // Each word may take a plural ending, so "científico aplicado" also matches "científicos aplicados".
  const words = foldText(phrase.trim()).split(/\s+/).map((w) => `${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:s|es|en|n|e)?`);
  if (/[\u3400-\u9fff]/.test(phrase)) return new RegExp(foldText(phrase.trim()), 'gu');
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[\\s\\-]+')}(?![\\p{L}\\p{N}])`, 'gu');
}

function compileLanguage(lang: string, raw: z.output<typeof LanguageLexiconSchema>, roles: Record<string, string>): LanguageLexicon {
  const triggers = Object.fromEntries(EVENT_TYPES.map((t) => [t, new PatternSet(raw.triggers[t] ?? [])])) as Record<EventType, PatternSet>;
  const candidates = Object.fromEntries(EVENT_TYPES.map((t) => [t, new PatternSet(raw.candidates?.[t] ?? [])])) as Record<EventType, PatternSet>;
  return {
    lang,
    triggers,
    candidates,
    negation: new PatternSet(raw.negation),
    speculation: new PatternSet(raw.speculation),
    hedge: new PatternSet(raw.hedge),
    planned: new PatternSet(raw.planned),
    anaphora: new PatternSet(raw.anaphora),
    agentless: new PatternSet(raw.agentless),
    owners: new PatternSet(raw.owners),
    jobNouns: new PatternSet(raw.jobNouns),
    leaderTitles: new PatternSet(raw.leaderTitles),
    departure: new PatternSet(raw.departure),
    sourceCues: new PatternSet(raw.sourceCues),
    numbers: new Map(Object.entries(raw.numbers).map(([k, v]) => [foldText(k), v])),
    roles: Object.entries(roles)
      .sort((a, b) => b[0].length - a[0].length)
      .map(([phrase, english]) => ({ re: rolePattern(phrase), english })),
  };
}

/** Loads and compiles every `config/lexicons/events/<lang>.yaml` plus `config/lexicons/roles.yaml` from `configDir`. */
export function loadEventLexicon(configDir: string): EventLexicon {
  const dir = join(configDir, 'lexicons', 'events');
  const roles = existsSync(join(configDir, 'lexicons', 'roles.yaml')) ? loadConfigFile(join(configDir, 'lexicons'), 'roles.yaml', RolesSchema) : {};
  const languages = new Map<string, LanguageLexicon>();
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /^[a-z]{2}\.ya?ml$/.test(f)).sort() : [];
  for (const file of files) {
    const lang = file.slice(0, 2);
    languages.set(lang, compileLanguage(lang, loadConfigFile(dir, file, LanguageLexiconSchema), roles[lang] ?? {}));
  }
  return lexiconFrom(languages);
}

/** Wraps compiled languages in the lookup the extractor uses (English is the fallback). */
export function lexiconFrom(languages: Map<string, LanguageLexicon>): EventLexicon {
  const empty = compileLanguage('xx', LanguageLexiconSchema.parse({ triggers: {} }), {});
  return {
    languages,
    get(lang: string): LanguageLexicon {
      return languages.get(lang) ?? languages.get('en') ?? empty;
    },
  };
}

/** The sentences in which some event trigger of the language occurs: the only ones that can yield an event. */
export function triggerSentences<S extends { start: number; end: number }>(folded: string, sentences: readonly S[], lx: LanguageLexicon): S[] {
  return sentences.filter((s) => EVENT_TYPES.some((t) => lx.triggers[t].test(folded, s.start, s.end)));
}
