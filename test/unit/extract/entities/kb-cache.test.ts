// The compiled knowledge-base cache: a second load reads it, an edited KB file invalidates it.
import { cpSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_DIR } from '../../../../src/config/load.ts';
import { buildKnowledgeBase } from '../../../../src/extract/kb.ts';
import { readKbCache, writeKbCache } from '../../../../src/extract/kb-cache.ts';

const work = mkdtempSync(join(tmpdir(), 'kb-cache-test-'));
const old = process.env.RADAR_KB_CACHE_DIR;
process.env.RADAR_KB_CACHE_DIR = join(work, 'cache');
afterAll(() => {
  if (old === undefined) delete process.env.RADAR_KB_CACHE_DIR;
  else process.env.RADAR_KB_CACHE_DIR = old;
  rmSync(work, { recursive: true, force: true });
});

describe('knowledge-base cache', () => {
  const config = join(work, 'config');
  cpSync(join(DEFAULT_CONFIG_DIR, 'kb'), join(config, 'kb'), { recursive: true });

  it('returns what was stored, with the same aliases, entities and name lists', () => {
    expect(readKbCache(config)).toBeNull();
    const kb = buildKnowledgeBase(config);
    writeKbCache(config, { entities: [...kb.entities], aliases: kb.aliasEntries, names: kb.names });
    const got = readKbCache(config);
    expect(got).not.toBeNull();
    expect(got!.aliases.length).toBe(kb.aliasEntries.length);
    expect(got!.entities.find((e) => e.id === 'firm:alibaba')?.name).toBe('Alibaba');
    expect(got!.names.never.get('en')?.has('however')).toBe(true);
    expect(got!.names.notFirms?.has('psoe')).toBe(true);
  });

  it('misses after a KB file changes', () => {
    const later = new Date(Date.now() + 5000);
    utimesSync(join(config, 'kb', 'firms.yaml'), later, later);
    expect(readKbCache(config)).toBeNull();
    expect(readdirSync(join(work, 'cache')).length).toBe(1);
  });
});
