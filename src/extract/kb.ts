// The knowledge base: firms, agencies, places (every country from i18n-iso-countries plus config/kb/places.yaml) and
// people, with aliases across languages and scripts, loaded once per config folder and validated with zod.
// `lookup` resolves a free string to entities (review UI merges, event slots); `withExtraAliases` adds analyst merges
// from the database without touching the files.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import countries from 'i18n-iso-countries';
import { ConfigError } from '../errors.ts';
import { loadConfigFile } from '../config/load.ts';
import { foldString } from './fold.ts';
import { Gazetteer, type AliasEntry } from './gazetteer.ts';
import { readKbCache, writeKbCache } from './kb-cache.ts';
import { agenciesFileSchema, firmsFileSchema, peopleFileSchema, placesFileSchema, stoplistFileSchema } from './kb-schema.ts';
import type { EntityType } from './types.ts';

/** One canonical entity of the knowledge base. */
export interface KbEntity {
  id: string;
  type: EntityType;
  name: string;
  country: string | null;
  aliases: string[];
  /** Places: country, region, state, province, city, district, hub. */
  kind?: string;
  ticker?: string;
  wikidata?: string;
  commonWord?: boolean;
  /** A news agency: bylines and quote credits naming it are dropped (resolve.ts). */
  newsAgency?: boolean;
  /** A product of the firm with this id (ChatGPT -> firm:openai): never a firm itself (resolve.ts). */
  productOf?: string;
}

/** An alias added at runtime, e.g. from an analyst's merge in the review UI: give the entity id, or a name + type. */
export type ExtraAlias = { alias: string; entityId: string } | { alias: string; name: string; type: EntityType };

/** Stop words and name lists used by the recogniser for names the knowledge base does not know. */
export interface NameLists {
  never: Map<string, Set<string>>;
  givenNames: Set<string>;
  familyNames: Set<string>;
  /** Folded names of organisations that are never firms (stoplist.yaml `notFirms`). */
  notFirms?: Set<string>;
  /** Folded nationality adjectives and demonyms (stoplist.yaml `demonyms`). */
  demonyms?: Set<string>;
}

/** Lower-case, accent-free slug used in ids ("new:firm:moonshot-ai"). */
export function slugify(s: string): string {
  const f = foldString(s).replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
  return f || 'x';
}

// Legal suffixes dropped when a free string is looked up ("Alibaba Group Holding Ltd" -> "alibaba").
const LEGAL = /\b(inc|corp|corporation|co|ltd|limited|llc|plc|sa|s\.a|ag|gmbh|group|holdings?|nv|bv|se|kk|srl|spa|ab|asa|oyj)\b\.?/gu;

function lookupKey(s: string): string {
  const f = foldString(s).replace(/[.,'’"()]/g, ' ');
  const stripped = f.replace(LEGAL, ' ').replace(/\s+/g, ' ').trim();
  return stripped || f.replace(/\s+/g, ' ').trim();
}

/** The loaded knowledge base; immutable, with a lazily built gazetteer. */
export class KnowledgeBase {
  private readonly byId = new Map<string, KbEntity>();
  private readonly byKey = new Map<string, string[]>();
  private gaz: Gazetteer | null = null;

  constructor(entities: KbEntity[], readonly aliasEntries: AliasEntry[], readonly names: NameLists) {
    for (const e of entities) this.byId.set(e.id, e);
    for (const a of aliasEntries) {
      const k = lookupKey(a.alias);
      const ids = this.byKey.get(k) ?? [];
      if (!ids.includes(a.entityId)) ids.push(a.entityId);
      this.byKey.set(k, ids);
    }
  }

  /** The alias matcher, built on first use (about 30k aliases, tens of milliseconds). */
  get gazetteer(): Gazetteer {
    return (this.gaz ??= new Gazetteer(this.aliasEntries));
  }

  get entities(): IterableIterator<KbEntity> {
    return this.byId.values();
  }

  /** The entity with this id, if any. */
  entity(id: string): KbEntity | undefined {
    return this.byId.get(id);
  }

  /** Every entity one of whose aliases equals `name` (case, accents, punctuation and legal suffixes ignored). */
  lookup(name: string, type?: EntityType): KbEntity[] {
    const ids = this.byKey.get(lookupKey(name)) ?? [];
    return ids.map((id) => this.byId.get(id)!).filter((e) => e && (!type || e.type === type));
  }

  /** The best single entity for `name`, or null: the first listed when several share the alias. */
  resolveName(name: string, type?: EntityType): KbEntity | null {
    return this.lookup(name, type)[0] ?? null;
  }

  private surnames: Map<string, KbEntity> | null = null;

  /** The knowledge-base person whose name ends with `surname` ("Altman" -> Sam Altman), when exactly one does. */
  personBySurname(surname: string): KbEntity | null {
    if (!this.surnames) {
      const map = new Map<string, KbEntity | null>();
      for (const e of this.byId.values()) {
        if (e.type !== 'person') continue;
        const k = foldString(e.name.split(/\s+/u).pop() ?? '');
        map.set(k, map.has(k) ? null : e);
      }
      this.surnames = new Map([...map].filter((x): x is [string, KbEntity] => x[1] !== null));
    }
    return this.surnames.get(foldString(surname)) ?? null;
  }

  /** True when `text` must never be an entity in language `lang`. */
  isStopword(text: string, lang: string): boolean {
    const k = foldString(text);
    return Boolean(this.names.never.get(lang)?.has(k) || this.names.never.get('all')?.has(k));
  }

  /** True when `name` is an organisation known not to be a firm (a party, a union, an armed group). */
  isNotFirm(name: string): boolean {
    return Boolean(this.names.notFirms?.has(foldString(name)));
  }

  /** True when every word of `name` is a nationality adjective or a compass word before one ("German", "West German"). */
  isDemonym(name: string): boolean {
    const words = name.split(/[\s\u00A0-]+/u).filter(Boolean);
    const d = this.names.demonyms;
    if (!d || !words.length || !d.has(foldString(words[words.length - 1]!))) return false;
    return words.slice(0, -1).every((w) => d.has(foldString(w)) || /^(?:West|East|North|South|Northern|Southern|Western|Eastern|Central)$/u.test(w));
  }

  /** A new knowledge base with extra aliases; rows naming an unknown entity by name + type create it. */
  withExtraAliases(rows: Iterable<ExtraAlias>): KnowledgeBase {
    const entities = [...this.byId.values()];
    const known = new Map(entities.map((e) => [e.id, e]));
    const extra: AliasEntry[] = [];
    for (const row of rows) {
      let id: string;
      if ('entityId' in row) id = row.entityId;
      else {
        const found = this.resolveName(row.name, row.type);
        id = found?.id ?? `${row.type === 'location' ? 'loc' : row.type}:${slugify(row.name)}`;
        if (!known.has(id)) {
          const e: KbEntity = { id, type: row.type, name: row.name, country: null, aliases: [] };
          known.set(id, e);
          entities.push(e);
          extra.push({ alias: row.name, entityId: id });
        }
      }
      if (!known.has(id)) throw new ConfigError(`extra alias "${row.alias}": unknown entity id "${id}"`);
      extra.push({ alias: row.alias, entityId: id });
    }
    return new KnowledgeBase(entities, [...this.aliasEntries, ...extra], this.names);
  }

  /**
   * A new knowledge base after analyst changes: entries for which `remove` is true are dropped (judged on the entity
   * they were written for), the rest re-pointed through `redirect` (merged entity id -> surviving id), then `add`ed;
   * `entities` not yet known (e.g. "new:" names an analyst curated) are created first.
   */
  withAliasChanges(changes: AliasChanges): KnowledgeBase {
    const entities = [...this.byId.values()];
    const known = new Set(entities.map((e) => e.id));
    for (const e of changes.entities ?? []) {
      if (known.has(e.id)) continue;
      known.add(e.id);
      entities.push(e);
    }
    const redirect = changes.redirect ?? new Map<string, string>();
    const kept: AliasEntry[] = [];
    for (const a of this.aliasEntries) {
      if (changes.remove?.(a)) continue;
      const to = redirect.get(a.entityId);
      kept.push(to ? { ...a, entityId: to } : a);
    }
    for (const a of changes.add ?? []) {
      if (!known.has(a.entityId)) throw new ConfigError(`analyst alias "${a.alias}": unknown entity id "${a.entityId}"`);
      kept.push(a);
    }
    return new KnowledgeBase(entities, kept, this.names);
  }
}

/** What `withAliasChanges` applies: see there. */
export interface AliasChanges {
  entities?: KbEntity[];
  remove?: (entry: AliasEntry) => boolean;
  redirect?: ReadonlyMap<string, string>;
  add?: AliasEntry[];
}

const require = createRequire(import.meta.url);
const NON_LATIN = /[^\p{Script=Latin}\p{N}\p{P}\p{Zs}]/u;

function loadCountries(placesFile: ReturnType<typeof loadPlaces>, entities: KbEntity[], aliases: AliasEntry[]): void {
  const { locales, names, aliases: extra, drop } = placesFile.countries;
  const dropped = new Set(drop.map(foldString));
  for (const loc of locales) {
    try {
      countries.registerLocale(require(`i18n-iso-countries/langs/${loc}.json`));
    } catch (err) {
      throw new ConfigError(`config/kb/places.yaml: key "countries.locales": no i18n-iso-countries locale "${loc}"`, { cause: err });
    }
  }
  const en = countries.getNames('en', { select: 'all' });
  const byLocale = new Map(locales.map((loc) => [loc, countries.getNames(loc, { select: 'all' })]));
  for (const [code, enNames] of Object.entries(en)) {
    const name = names[code] ?? enNames.find((n) => !n.includes(',')) ?? enNames[0]!;
    const id = `loc:${slugify(name)}`;
    if (entities.some((e) => e.id === id)) {
      throw new ConfigError(`config/kb/places.yaml: place id "${id}" clashes with the country ${code}; give the place an explicit id`);
    }
    const all = new Set<string>();
    const add = (alias: string, langs: string[] | null): void => {
      if (alias.includes(',') || alias.includes('(') || dropped.has(foldString(alias))) return;
      aliases.push({ alias, entityId: id, langs });
      all.add(alias);
    };
    add(name, null);
    for (const loc of locales) {
      const list = byLocale.get(loc)?.[code] ?? [];
      // Latin-script names of other languages stay in their language: German "Island" is Iceland only in German.
      for (const n of list) add(n, loc === 'en' || NON_LATIN.test(n) ? null : [loc]);
    }
    for (const n of extra[code] ?? []) add(n, null);
    entities.push({ id, type: 'location', name, country: code, aliases: [...all], kind: 'country' });
  }
}

function loadPlaces(dir: string) {
  return loadConfigFile(dir, 'kb/places.yaml', placesFileSchema);
}

interface BaseEntry {
  name: string; id?: string | undefined; aliases: string[]; country?: string | null | undefined;
  wikidata?: string | undefined; langAliases?: Record<string, string[]> | undefined; units?: string[]; products?: string[];
}

function addEntries(prefix: string, type: EntityType, list: Array<BaseEntry & Partial<KbEntity> & { langs?: string[] | undefined }>,
  entities: KbEntity[], aliases: AliasEntry[], file: string): void {
  const seen = new Set(entities.map((e) => e.id));
  list.forEach((e, i) => {
    const id = e.id ?? `${prefix}:${slugify(e.name)}`;
    if (seen.has(id)) throw new ConfigError(`config/${file}: key "${i}.name": duplicate entity id "${id}" (${e.name}); give one an explicit id`);
    seen.add(id);
    const own = [e.name, ...e.aliases, ...(e.units ?? [])];
    for (const a of own) aliases.push({ alias: a, entityId: id, langs: e.langs ?? null });
    for (const [lang, list2] of Object.entries(e.langAliases ?? {})) for (const a of list2) aliases.push({ alias: a, entityId: id, langs: [lang] });
    const ent: KbEntity = { id, type, name: e.name, country: e.country ?? null, aliases: own.slice(1) };
    if (e.kind) ent.kind = e.kind;
    if (e.ticker) ent.ticker = e.ticker;
    if (e.wikidata) ent.wikidata = e.wikidata;
    if (e.commonWord) ent.commonWord = true;
    if (e.newsAgency) ent.newsAgency = true;
    entities.push(ent);
    // Products are entities of their own pointing at the owner, so a product name is claimed but never a firm.
    for (const p of e.products ?? []) {
      const pid = `product:${slugify(p)}`;
      if (seen.has(pid)) continue;
      seen.add(pid);
      aliases.push({ alias: p, entityId: pid, langs: null });
      entities.push({ id: pid, type, name: p, country: ent.country, aliases: [], productOf: id });
    }
  });
}

/** Reads and validates every file of config/kb/ into a KnowledgeBase (no caching). */
export function buildKnowledgeBase(configDir: string): KnowledgeBase {
  const entities: KbEntity[] = [];
  const aliases: AliasEntry[] = [];
  const firms = loadConfigFile(configDir, 'kb/firms.yaml', firmsFileSchema);
  const agencies = loadConfigFile(configDir, 'kb/agencies.yaml', agenciesFileSchema);
  const people = loadConfigFile(configDir, 'kb/people.yaml', peopleFileSchema);
  const places = loadPlaces(configDir);
  const stop = loadConfigFile(configDir, 'kb/stoplist.yaml', stoplistFileSchema);
  addEntries('firm', 'firm', firms.firms, entities, aliases, 'kb/firms.yaml');
  addEntries('agency', 'agency', agencies.agencies, entities, aliases, 'kb/agencies.yaml');
  addEntries('person', 'person', people.people, entities, aliases, 'kb/people.yaml');
  addEntries('loc', 'location', places.places, entities, aliases, 'kb/places.yaml');
  loadCountries(places, entities, aliases);
  const never = new Map<string, Set<string>>();
  for (const [lang, words] of Object.entries(stop.never)) never.set(lang, new Set(words.map(foldString)));
  const names: NameLists = { never, givenNames: new Set(stop.givenNames.map(foldString)), familyNames: new Set(stop.familyNames.map(foldString)),
    notFirms: new Set(stop.notFirms.map(foldString)), demonyms: new Set(stop.demonyms.map(foldString)) };
  return new KnowledgeBase(entities, aliases, names);
}

const cache = new Map<string, KnowledgeBase>();

/**
 * Loads config/kb/ from `configDir` once per folder (and from a compiled on-disk copy when the files are unchanged, see
 * kb-cache.ts); a bad file throws ConfigError naming the file, key and line.
 */
export function loadKnowledgeBase(configDir: string): KnowledgeBase {
  const dir = resolve(configDir);
  let kb = cache.get(dir);
  if (kb) return kb;
  const stored = readKbCache(dir);
  if (stored) kb = new KnowledgeBase(stored.entities, stored.aliases, stored.names);
  else {
    kb = buildKnowledgeBase(dir);
    writeKbCache(dir, { entities: [...kb.entities], aliases: kb.aliasEntries, names: kb.names });
  }
  cache.set(dir, kb);
  return kb;
}
