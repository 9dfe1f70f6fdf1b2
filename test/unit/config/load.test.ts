import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfigFile, loadYamlFile, parseYamlText } from '../../../src/config/load.ts';
import { ConfigError } from '../../../src/errors.ts';

const Feeds = z.object({
  feeds: z.array(z.object({ url: z.string().url(), intervalMinutes: z.number().int().positive().default(60) })),
});

describe('YAML config loader', () => {
  it('returns validated data with defaults applied and comments ignored', () => {
    const out = parseYamlText('feeds.yaml', '# analysts edit this\nfeeds:\n  - url: https://example.com/rss # main\n', Feeds);
    expect(out.feeds).toEqual([{ url: 'https://example.com/rss', intervalMinutes: 60 }]);
  });

  it('names the file, the line and the key of an invalid value', () => {
    const text = 'feeds:\n  - url: https://example.com/rss\n  - url: https://example.org/rss\n    intervalMinutes: often\n';
    expect(() => parseYamlText('config/feeds.yaml', text, Feeds)).toThrowError(ConfigError);
    expect(() => parseYamlText('config/feeds.yaml', text, Feeds)).toThrowError(/config\/feeds\.yaml:4: key "feeds\.1\.intervalMinutes"/);
  });

  it('names the line and column of a YAML syntax error', () => {
    expect(() => parseYamlText('x.yaml', 'feeds:\n  - url: [unclosed\n', Feeds)).toThrowError(/^x\.yaml:\d+:\d+: invalid YAML/);
  });

  it('reports a missing file with its path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'radar-cfg-'));
    expect(() => loadConfigFile(dir, 'feeds.yaml', Feeds)).toThrowError(new RegExp(`${dir}/feeds\\.yaml: cannot read: ENOENT`));
  });

  it('reads a file from disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'radar-cfg-'));
    writeFileSync(join(dir, 'feeds.yaml'), 'feeds: []\n');
    expect(loadYamlFile(join(dir, 'feeds.yaml'), Feeds)).toEqual({ feeds: [] });
  });
});
