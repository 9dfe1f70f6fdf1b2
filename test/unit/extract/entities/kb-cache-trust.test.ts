// The knowledge-base cache is trusted input, so it lives in a per-user folder (mode 0700), never the shared temp
// folder, and what is read is checked: a planted, tampered or world-writable entry is refused and the KB rebuilt.
import { chmodSync, chownSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_DIR } from '../../../../src/config/load.ts';
import { buildKnowledgeBase, loadKnowledgeBase } from '../../../../src/extract/kb.ts';
import { kbCacheDir, readKbCache, writeKbCache } from '../../../../src/extract/kb-cache.ts';

const work = mkdtempSync(join(tmpdir(), 'kb-trust-'));
const saved = { dir: process.env.RADAR_KB_CACHE_DIR, xdg: process.env.XDG_CACHE_HOME, off: process.env.RADAR_KB_CACHE };
const xdg = join(work, 'xdg');
const config = join(work, 'config');
const cacheDir = join(xdg, 'hiring-radar', 'kb');

beforeAll(() => {
  delete process.env.RADAR_KB_CACHE_DIR;
  delete process.env.RADAR_KB_CACHE;
  process.env.XDG_CACHE_HOME = xdg;
  cpSync(join(DEFAULT_CONFIG_DIR, 'kb'), join(config, 'kb'), { recursive: true });
});
afterAll(() => {
  for (const [k, v] of [['RADAR_KB_CACHE_DIR', saved.dir], ['XDG_CACHE_HOME', saved.xdg], ['RADAR_KB_CACHE', saved.off]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(work, { recursive: true, force: true });
});

const entryFile = () => join(cacheDir, readdirSync(cacheDir).find((f) => f.endsWith('.json'))!);
const store = () => {
  const kb = buildKnowledgeBase(config);
  writeKbCache(config, { entities: [...kb.entities], aliases: kb.aliasEntries, names: kb.names });
};

describe('where the KB cache lives', () => {
  it('defaults to the per-user cache folder, not the shared temp folder', () => {
    expect(kbCacheDir()).toBe(cacheDir);
    delete process.env.XDG_CACHE_HOME;
    expect(kbCacheDir()).toBe(join(homedir(), '.cache', 'hiring-radar', 'kb'));
    process.env.XDG_CACHE_HOME = xdg;
  });

  it('is written into a folder of mode 0700 with a file of mode 0600', () => {
    const before = existsSync(join(tmpdir(), 'hiring-radar-kb')) ? readdirSync(join(tmpdir(), 'hiring-radar-kb')).length : 0;
    store();
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
    expect(statSync(entryFile()).mode & 0o077).toBe(0);
    expect(existsSync(join(tmpdir(), 'hiring-radar-kb')) ? readdirSync(join(tmpdir(), 'hiring-radar-kb')).length : 0).toBe(before);
    expect(readKbCache(config)?.entities.some((e) => e.id === 'firm:alibaba')).toBe(true);
  });
});

describe('what is read from it', () => {
  it('refuses an entry whose records are malformed, and a rebuild replaces it', () => {
    store();
    const good = JSON.parse(readFileSync(entryFile(), 'utf8'));
    // A planted firm with no name and an alias pointing at an entity that does not exist.
    writeFileSync(entryFile(), JSON.stringify({ ...good, entities: [...good.entities, { id: 'firm:evil', type: 'firm' }] }));
    expect(readKbCache(config)).toBeNull();
    writeFileSync(entryFile(), JSON.stringify({ ...good, aliases: [...good.aliases, { alias: 'Acme', entityId: 'firm:nobody' }] }));
    expect(readKbCache(config)).toBeNull();
    writeFileSync(entryFile(), JSON.stringify({ ...good, key: 'something-else' }));
    expect(readKbCache(config)).toBeNull();
    writeFileSync(entryFile(), '{"entities": [], "aliases": []');
    expect(readKbCache(config)).toBeNull();
    // loadKnowledgeBase falls back to the YAML files and writes a good entry over the bad one.
    expect([...loadKnowledgeBase(config).entities].some((e) => e.id === 'firm:alibaba')).toBe(true);
    expect(readKbCache(config)).not.toBeNull();
  });

  it('refuses a well-formed entry that others can write, or one in a folder others can write', () => {
    store();
    expect(readKbCache(config)).not.toBeNull();
    chmodSync(entryFile(), 0o666);
    expect(readKbCache(config)).toBeNull();
    chmodSync(entryFile(), 0o600);
    chmodSync(cacheDir, 0o777);
    expect(readKbCache(config)).toBeNull();
    chmodSync(cacheDir, 0o700);
    // Another user's file (only root can hand a file to someone else, so only checked as root).
    if (process.getuid?.() === 0) {
      chownSync(entryFile(), 4321, 4321);
      expect(readKbCache(config)).toBeNull();
      chownSync(entryFile(), 0, 0);
    }
    chmodSync(cacheDir, 0o777);
    // Writing tightens a folder of ours back to 0700.
    store();
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
    expect(readKbCache(config)).not.toBeNull();
  });
});
