// zod schemas for the knowledge-base files under config/kb/ (firms, agencies, places, people, stoplist).
// Kept apart from kb.ts so the loader stays short; the YAML files document every field for analysts.
import { z } from 'zod';

const name = z.string().trim().min(1, 'must be a non-empty name');
const aliases = z.array(name).default([]);
const country = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as US or CN').nullable().optional();
const langs = z.array(z.string().regex(/^[a-z]{2}$/, 'must be ISO 639-1 codes such as es')).optional();

/** Fields every entry shares: canonical English name, aliases in any language or script, an optional fixed id. */
const base = {
  name,
  id: z.string().regex(/^[a-z-]+:[a-z0-9-]+$/, 'must look like firm:some-slug').optional(),
  aliases,
  country,
  wikidata: z.string().regex(/^Q\d+$/, 'must be a Wikidata id such as Q1234').optional(),
  /** Aliases valid only in articles of these languages (others everywhere). */
  langAliases: z.record(z.string().regex(/^[a-z]{2}$/), z.array(name)).optional(),
};

export const firmsFileSchema = z.object({
  firms: z.array(z.object({
    ...base,
    ticker: z.string().optional(),
    /** Names of units, labs or brands that should resolve to this firm (Google Brain -> Google). */
    units: aliases,
    /** Products the firm makes (ChatGPT -> OpenAI): never a firm; "the ChatGPT company", "maker of ChatGPT" name the owner. */
    products: aliases,
    /** The name is also an everyday word (Apple, Meta, Cruise): needs capitalisation plus company context at a sentence start. */
    commonWord: z.boolean().default(false),
    /** A news agency (EFE, AP, Reuters): its byline or quote credit in an article is no mention of it. */
    newsAgency: z.boolean().default(false),
  }).strict()),
}).strict();

export const agenciesFileSchema = z.object({
  agencies: z.array(z.object({ ...base, units: aliases }).strict()),
}).strict();

export const PLACE_KINDS = ['region', 'state', 'province', 'city', 'district', 'hub'] as const;

export const placesFileSchema = z.object({
  countries: z.object({
    /** i18n-iso-countries locales whose names are loaded; Latin-script names of a locale other than en apply to that language only. */
    locales: z.array(z.string().regex(/^[a-z]{2}$/)).min(1),
    /** Canonical English name per ISO code when the package's first English name is long or formal. */
    names: z.record(z.string().regex(/^[A-Z]{2}$/), name).default({}),
    /** Extra aliases per ISO code: abbreviations and names the package lacks. */
    aliases: z.record(z.string().regex(/^[A-Z]{2}$/), z.array(name)).default({}),
    /** Package names never used as aliases (common words or person names: Jordan, Chad). */
    drop: z.array(name).default([]),
  }).strict(),
  places: z.array(z.object({ ...base, kind: z.enum(PLACE_KINDS), langs }).strict()),
}).strict();

export const peopleFileSchema = z.object({
  people: z.array(z.object({ ...base, role: z.string().optional() }).strict()),
}).strict();

export const stoplistFileSchema = z.object({
  /** Words or phrases that are never an entity, whatever their case (sentence starters, function words). */
  never: z.record(z.string().regex(/^([a-z]{2}|all)$/), z.array(name)),
  /** Given names used to type an unknown capitalised pair as a person. */
  givenNames: z.array(name).default([]),
  /** Pinyin and other East Asian family names: "Wu Yuxin" is a person. */
  familyNames: z.array(name).default([]),
  /** Organisations that are not firms (parties, unions, armed groups): a tagged ORG with these names is no employer. */
  notFirms: z.array(name).default([]),
  /** Nationality adjectives and demonyms (German, West German, alemán): never a firm on their own. */
  demonyms: z.array(name).default([]),
}).strict();

export type FirmsFile = z.output<typeof firmsFileSchema>;
export type AgenciesFile = z.output<typeof agenciesFileSchema>;
export type PlacesFile = z.output<typeof placesFileSchema>;
export type PeopleFile = z.output<typeof peopleFileSchema>;
export type StoplistFile = z.output<typeof stoplistFileSchema>;
