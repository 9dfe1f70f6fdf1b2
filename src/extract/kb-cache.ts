// A compiled copy of the knowledge base on disk, so a one-shot command (`radar extract FILE`) skips parsing and
// validating config/kb/*.yaml and expanding every country's names (about half a second). The key covers each KB file's
// path, size and mtime, the loader's own source files and the i18n-iso-countries version, so any edit rebuilds it.
// The cache is only an accelerator: unreadable, stale or corrupt entries are ignored and the files are read as usual.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
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

/** The cache file for a config folder in its current state. */
function cachePath(configDir: string): string {
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
  const key = createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 24);
  const dir = process.env.RADAR_KB_CACHE_DIR ?? join(tmpdir(), 'hiring-radar-kb');
  return join(dir, `${key}.json`);
}

/** The cached parts for `configDir`, or null when there is no valid entry (or RADAR_KB_CACHE=0). */
export function readKbCache(configDir: string): KbParts | null {
  if (process.env.RADAR_KB_CACHE === '0') return null;
  try {
    const s = JSON.parse(readFileSync(cachePath(configDir), 'utf8')) as Stored;
    if (!Array.isArray(s.entities) || !Array.isArray(s.aliases)) return null;
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

/** Stores the parts for `configDir`; failures (read-only disk, races) are ignored, the cache being optional. */
export function writeKbCache(configDir: string, parts: KbParts): void {
  if (process.env.RADAR_KB_CACHE === '0') return;
  try {
    const path = cachePath(configDir);
    const stored: Stored = {
      entities: parts.entities,
      aliases: parts.aliases,
      never: [...parts.names.never].map(([lang, words]) => [lang, [...words]]),
      givenNames: [...parts.names.givenNames],
      familyNames: [...parts.names.familyNames],
      notFirms: [...(parts.names.notFirms ?? [])],
      demonyms: [...(parts.names.demonyms ?? [])],
    };
    mkdirSync(join(path, '..'), { recursive: true });
    // Write then rename, so a concurrent reader never sees half a file.
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(stored));
    renameSync(tmp, path);
  } catch {
    // An unwritable cache only costs speed.
  }
}
