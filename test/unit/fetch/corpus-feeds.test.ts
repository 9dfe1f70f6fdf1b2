// Every feed under ../shared/corpus/feeds: none may crash the parser (failures must be SkipErrors the cycle records),
// real-world feeds yield items, and legacy-encoded titles decode to the right script without replacement characters.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SkipError } from '../../../src/errors.ts';
import { decodeFeedBytes } from '../../../src/fetch/feed-decode.ts';
import { parseFeed } from '../../../src/fetch/parse-feed.ts';
import { CORPUS_DIR, HAS_SHARED } from '../../helpers/shared.ts';

const FEEDS_DIR = join(CORPUS_DIR, 'feeds');

function listFeeds(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFeeds(path));
    else if (!/^(LICENSE|INDEX)/.test(name)) out.push(path);
  }
  return out.sort();
}

async function parseFile(path: string) {
  const decoded = decodeFeedBytes(readFileSync(path), null, path);
  return { decoded, feed: await parseFeed(decoded.text, 'https://feeds.example.org/dir/feed.xml') };
}

/** Scripts each legacy-encoding folder's titles must be written in. */
const SCRIPT: Record<string, RegExp> = {
  Big5: /\p{Script=Han}/u,
  GB2312: /\p{Script=Han}/u,
  'EUC-JP': /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u,
  SHIFT_JIS: /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u,
  'EUC-KR': /\p{Script=Hangul}/u,
  'KOI8-R': /\p{Script=Cyrillic}/u,
  'windows-1251-russian': /\p{Script=Cyrillic}/u,
  'windows-1255-hebrew': /\p{Script=Hebrew}/u,
  'iso-8859-7-greek': /\p{Script=Greek}/u,
};

describe.skipIf(!HAS_SHARED)('corpus feeds', () => {
  const files = HAS_SHARED ? listFeeds(FEEDS_DIR) : [];

  it('parses every corpus feed or fails it with a SkipError, never a crash', async () => {
    expect(files.length).toBeGreaterThan(100);
    let items = 0;
    let parsed = 0;
    const failures: string[] = [];
    for (const file of files) {
      try {
        const { feed } = await parseFile(file);
        parsed++;
        items += feed.items.length;
        for (const item of feed.items) if (item.link) expect(item.link).toMatch(/^https?:\/\//);
      } catch (err) {
        expect(err, relative(FEEDS_DIR, file)).toBeInstanceOf(SkipError);
        failures.push(relative(FEEDS_DIR, file));
      }
    }
    console.info(`[corpus feeds] ${files.length} files: ${parsed} parsed, ${items} items, ${failures.length} refused (${failures.slice(0, 8).join(', ')}...)`);
    // Refusals are only the documents that are not feeds at all (HTML pages, a <note> document, an empty file).
    expect(failures.filter((f) => !/\.html$|not-a-feed|xml__iso88591|empty_document/.test(f))).toEqual([]);
    expect(items).toBeGreaterThan(1500);
  });

  it('gets items from every real-world feed that is not marked broken', async () => {
    const index = readFileSync(join(FEEDS_DIR, 'INDEX.tsv'), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t'));
    for (const [file, , , , , , description] of index) {
      if (!file?.startsWith('real-world/') || /BROKEN|invalid/i.test(`${description} ${file}`) || /incomplete-fields/.test(file)) continue;
      const { feed } = await parseFile(join(FEEDS_DIR, file));
      expect(feed.items.length, file).toBeGreaterThan(0);
      expect(feed.items.some((i) => i.link || i.guid), file).toBe(true);
    }
  });

  it('decodes legacy-encoded feed titles to the right script', async () => {
    for (const [folder, script] of Object.entries(SCRIPT)) {
      for (const name of readdirSync(join(FEEDS_DIR, 'legacy-encodings-chardet', folder))) {
        const { feed } = await parseFile(join(FEEDS_DIR, 'legacy-encodings-chardet', folder, name));
        const titles = [feed.title ?? '', ...feed.items.map((i) => i.title ?? '')].join(' ');
        expect(titles, `${folder}/${name}`).not.toContain('\uFFFD');
        // A few blogs title every post in English; their summaries carry the script.
        expect(`${titles} ${feed.items.map((i) => i.summary ?? '').join(' ')}`, `${folder}/${name}`).toMatch(script);
      }
    }
  });

  it('decodes the named legacy feeds to known words', async () => {
    const title = async (file: string) => (await parseFile(join(FEEDS_DIR, file))).feed.items.map((i) => i.title).join(' | ');
    expect(await title('real-world/miniflux__ibash-windows-1251.xml')).toMatch(/[а-яё]{3}/i);
    expect(await title('real-world/rss-parser__jn-encoding-iso-8859-1.rss')).toMatch(/[çãõáéíóú]/);
    expect(await title('real-world/miniflux__golem-de-iso-8859-1.xml')).toMatch(/[äöüß]/);
    expect(await title('real-world/rss-parser__qq-news-gb2312.xml')).toMatch(/\p{Script=Han}{2}/u);
    expect(await title('edge-cases/feedparser/encoding/utf-16le-autodetect.xml').catch(() => '')).not.toContain('\u0000');
  });

  it('resolves relative links and xml:base', async () => {
    const links = async (file: string) => (await parseFile(join(FEEDS_DIR, file))).feed.items.map((i) => i.link);
    for (const file of ['real-world/feed-rs__relative-urls-1.xml', 'real-world/feed-rs__relative-urls-2.xml', 'real-world/node-feedparser__bbc-relative-urls.xml', 'real-world/feed-rs__atom-relative-urls.xml']) {
      for (const link of await links(file)) expect(link, file).toMatch(/^https?:\/\/[^/]+\//);
    }
  });
});
