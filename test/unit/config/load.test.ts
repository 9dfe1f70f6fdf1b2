import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfigFile, loadYamlFile, parseYamlText } from '../../../src/config/load.ts';
import { ConfigError } from '../../../src/errors.ts';
import { fetchConfigSchema } from '../../../src/fetch/fetch-config.ts';

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

  it('points at an unknown key\'s own line and suggests the nearest known key (issue 13 item 17)', () => {
    const text = '# fetch settings\n\nuserAgent: "Radar/1 (mailto:a@example.org)"\nlimits:\n  maxPageBytes: 1000\n  maxPageByte: 5\n';
    expect(() => parseYamlText('fetch.yaml', text, fetchConfigSchema)).toThrowError(/^fetch\.yaml:6: unknown key "limits\.maxPageByte" \(did you mean "maxPageBytes"\?\)$/);
    const top = '# fetch settings\n\n\n\nuserAgent: "Radar/1 (mailto:a@example.org)"\n\ntimouts:\n  connectMs: 5\n';
    expect(() => parseYamlText('fetch.yaml', top, fetchConfigSchema)).toThrowError(/^fetch\.yaml:7: unknown key "timouts" \(did you mean "timeouts"\?\)$/);
  });

  it('names an unknown key with no near match without a suggestion', () => {
    const text = 'userAgent: "Radar/1 (mailto:a@example.org)"\nzzzzzzzz: 1\n';
    expect(() => parseYamlText('fetch.yaml', text, fetchConfigSchema)).toThrowError(/^fetch\.yaml:2: unknown key "zzzzzzzz"$/);
  });
});
