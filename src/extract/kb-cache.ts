// A compiled copy of the knowledge base on disk, so a one-shot command (`radar extract FILE`) skips parsing and
// validating config/kb/*.yaml and expanding every country's names (about half a second). The key covers each KB file's
// path, size and mtime, the loader's own source files and the i18n-iso-countries version, so any edit rebuilds it.
// The cache is only an accelerator: unreadable, stale or corrupt entries are ignored and the files are read as usual.
//
// It is code-like input (it decides which names are firms), so it lives where only this user can write: a per-user
// cache folder (RADAR_KB_CACHE_DIR, else $XDG_CACHE_HOME or ~/.cache, then hiring-radar/kb) created with mode 0700,
// never the shared temp folder. A folder or file another user owns or can write is not used, and every entry read is
// checked (its key, the shape of every record, aliases pointing at known entities); a failed check means a rebuild.
import { createHash } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { siblingModule } from '../paths.ts';
import type { AliasEntry } from './gazetteer.ts';
import type { KbEntity, NameLists } from './kb.ts';

/** What a knowledge base is made of, as stored in the cache. */
export interface KbParts {
  entities: KbEntity[];
  aliases: AliasEntry[];
  names: NameLists;
}

interface Stored {
  /** The cache key the entry was written under; a file copied or renamed to another key is refused. */
  key: string;
  entities: KbEntity[];
  aliases: AliasEntry[];
  never: Array<[string, string[]]>;
  givenNames: string[];
  familyNames: string[];
  notFirms: string[];
  demonyms?: string[];
}

const KB_FILES = ['firms.yaml', 'agencies.yaml', 'people.yaml', 'places.yaml', 'stoplist.yaml'];
const require = createRequire(import.meta.url);

function stamp(path: string): string {
  try {
    const s = statSync(path);
    return `${path}:${s.size}:${s.mtimeMs}`;
  } catch {
    return `${path}:missing`;
  }
}

/** The per-user folder for the cache: RADAR_KB_CACHE_DIR, else $XDG_CACHE_HOME/hiring-radar/kb or ~/.cache/hiring-radar/kb. */
export function kbCacheDir(): string | null {
  if (process.env.RADAR_KB_CACHE_DIR) return process.env.RADAR_KB_CACHE_DIR;
  let base = process.env.XDG_CACHE_HOME;
  if (!base) {
    try {
      base = join(homedir(), '.cache');
    } catch {
      return null; // no home folder (a system user): no cache rather than a shared one
    }
  }
  return join(base, 'hiring-radar', 'kb');
}

const uid = typeof process.getuid === 'function' ? process.getuid() : null;

/** True when `s` belongs to this user and nobody else can write it (always true where there are no uids). */
function privateTo(s: Stats): boolean {
  return uid === null || (s.uid === uid && (s.mode & 0o022) === 0);
}

/** Creates `dir` with mode 0700 (or tightens a folder of ours); false when it is not safe to use. */
function ensurePrivateDir(dir: string): boolean {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const s = lstatSync(dir);
  if (!s.isDirectory() || (uid !== null && s.uid !== uid)) return false;
  if ((s.mode & 0o077) !== 0) chmodSync(dir, 0o700);
  return true;
}

/** The cache key for a config folder in its current state. */
function cacheKey(configDir: string): string {
  let countriesVersion = '?';
  try {
    countriesVersion = (require('i18n-iso-countries/package.json') as { version: string }).version;
  } catch {
    // Without the version the key still changes with the files; a package upgrade then needs a KB file touch.
  }
  const parts = [
    ...KB_FILES.map((f) => stamp(join(configDir, 'kb', f))),
    // The loader's own files as they run: kb.ts from the sources, kb.js in the compiled copy (dist/).
    ...['kb', 'kb-schema', 'kb-cache', 'fold'].map((f) => stamp(fileURLToPath(siblingModule(`./${f}`, import.meta.url)))),
    countriesVersion,
  ];
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 24);
}

const ENTITY_TYPES = new Set(['firm', 'person', 'location', 'agency']);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isStrArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isStr);
const optional = (v: unknown, check: (x: unknown) => boolean) => v === undefined || check(v);

function validEntity(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const x = e as Record<string, unknown>;
  return isStr(x.id) && x.id !== '' && isStr(x.type) && ENTITY_TYPES.has(x.type) && isStr(x.name) && x.name !== ''
    && (x.country === null || isStr(x.country)) && isStrArray(x.aliases)
    && optional(x.kind, isStr) && optional(x.ticker, isStr) && optional(x.wikidata, isStr) && optional(x.productOf, isStr)
    && optional(x.commonWord, (v) => typeof v === 'boolean') && optional(x.newsAgency, (v) => typeof v === 'boolean');
}

/** Why a parsed entry cannot be used, or null when every record has the shape the knowledge base expects. */
export function invalidKbEntry(s: unknown, key: string): string | null {
  if (!s || typeof s !== 'object') return 'not an object';
  const x = s as Record<string, unknown>;
  if (x.key !== key) return 'written under another key';
  if (!Array.isArray(x.entities) || !x.entities.length || !x.entities.every(validEntity)) return 'a malformed entity';
  const ids = new Set((x.entities as KbEntity[]).map((e) => e.id));
  const aliasOk = (a: unknown) => {
    const r = a as Record<string, unknown> | null;
    return !!r && isStr(r.alias) && r.alias !== '' && isStr(r.entityId) && ids.has(r.entityId) && (r.langs == null || isStrArray(r.langs));
  };
  if (!Array.isArray(x.aliases) || !x.aliases.every(aliasOk)) return 'a malformed alias or one naming an unknown entity';
  if (!Array.isArray(x.never) || !x.never.every((p) => Array.isArray(p) && p.length === 2 && isStr(p[0]) && isStrArray(p[1]))) return 'a malformed stop list';
  for (const list of ['givenNames', 'familyNames', 'notFirms'] as const) if (!isStrArray(x[list])) return `a malformed ${list} list`;
  if (!optional(x.demonyms, isStrArray)) return 'a malformed demonyms list';
  return null;
}

/** The cached parts for `configDir`, or null when there is no valid entry (or RADAR_KB_CACHE=0). */
export function readKbCache(configDir: string): KbParts | null {
  if (process.env.RADAR_KB_CACHE === '0') return null;
  const dir = kbCacheDir();
  if (!dir) return null;
  try {
    const key = cacheKey(configDir);
    const path = join(dir, `${key}.json`);
    // Neither the folder nor the file may be another user's or writable by others; a symlink is not followed.
    const folder = lstatSync(dir);
    const file = lstatSync(path);
    if (!folder.isDirectory() || !privateTo(folder) || !file.isFile() || !privateTo(file)) return null;
    const s = JSON.parse(readFileSync(path, 'utf8')) as Stored;
    if (invalidKbEntry(s, key) !== null) return null;
    const never = new Map(s.never.map(([lang, words]) => [lang, new Set(words)]));
    return {
      entities: s.entities,
      aliases: s.aliases,
      names: { never, givenNames: new Set(s.givenNames), familyNames: new Set(s.familyNames), notFirms: new Set(s.notFirms), demonyms: new Set(s.demonyms ?? []) },
    };
  } catch {
    return null;
  }
}

/** Stores the parts for `configDir` (file mode 0600 in a 0700 folder); failures (read-only disk, races) are ignored. */
export function writeKbCache(configDir: string, parts: KbParts): void {
  if (process.env.RADAR_KB_CACHE === '0') return;
  const dir = kbCacheDir();
  if (!dir) return;
  try {
    if (!ensurePrivateDir(dir)) return;
    const key = cacheKey(configDir);
    const path = join(dir, `${key}.json`);
    const stored: Stored = {
      key,
      entities: parts.entities,
      aliases: parts.aliases,
      never: [...parts.names.never].map(([lang, words]) => [lang, [...words]]),
      givenNames: [...parts.names.givenNames],
      familyNames: [...parts.names.familyNames],
      notFirms: [...(parts.names.notFirms ?? [])],
      demonyms: [...(parts.names.demonyms ?? [])],
    };
    // Write then rename, so a concurrent reader never sees half a file; the rename also replaces an entry that failed
    // its checks (rename replaces the name, whoever owned the old file, in a folder that is ours).
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(stored), { mode: 0o600 });
    renameSync(tmp, path);
  } catch {
    // An unwritable cache only costs speed.
  }
}
