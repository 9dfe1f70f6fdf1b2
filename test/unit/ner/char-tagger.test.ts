// The zh/ja character-level firm tagger: the shipped models, the file format and training on a tiny slice.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPORA, buildCjkData, heldOutIds } from '../../../scripts/ner/cjk-data.ts';
import { SHARED } from '../../../scripts/events/dataset.ts';
import { cjkFirmRefs, cjkFormFirmRefs } from '../../../src/extract/events/cjk-firms.ts';
import { loadKnowledgeBase } from '../../../src/extract/kb.ts';
import { getCharTagger, orgSpans, parseCharTagger, segments } from '../../../src/ner/char-tagger.ts';
import { type CharExample, scoreSpans, trainCharTagger } from '../../../src/ner/char-train.ts';
import { projectPath } from '../../../src/paths.ts';

const found = (lang: string, text: string) => getCharTagger(lang)!.spans(text).map((s) => text.slice(s.start, s.end));

describe('shipped firm taggers', () => {
  const kb = loadKnowledgeBase(projectPath('config'));

  it('load once per language, and not for other languages', () => {
    expect(getCharTagger('zh')).not.toBeNull();
    expect(getCharTagger('zh')).toBe(getCharTagger('zh'));
    expect(getCharTagger('ja')).not.toBeNull();
    expect(getCharTagger('en')).toBeNull();
  });

  it('find made-up firm names that are no knowledge-base alias', () => {
    // Sentences written for this test; neither name is in config/kb.
    const zh = '星澜股价大涨，公司宣布扩招。';
    const ja = '米ゼントリクス社と提携した。';
    expect(kb.lookup('星澜')).toEqual([]);
    expect(kb.lookup('ゼントリクス')).toEqual([]);
    expect(found('zh', zh)).toContain('星澜');
    expect(found('ja', ja)).toContain('ゼントリクス');
    // The form rules miss the Chinese name; cjkFirmRefs now returns it.
    expect(cjkFormFirmRefs(zh, 'zh', []).map((f) => f.name)).not.toContain('星澜');
    expect(cjkFirmRefs(zh, 'zh', []).map((f) => f.name)).toContain('星澜');
  });

  it('never returns a name over a firm already found', () => {
    const zh = '星澜股价大涨，公司宣布扩招。';
    const known = [{ key: 'x', name: '星澜', start: 0, end: 2, fromKb: true }];
    expect(cjkFirmRefs(zh, 'zh', known).some((f) => f.start < 2)).toBe(false);
  });
});

describe('segments and spans', () => {
  it('cuts after sentence ends and line breaks, and drops blank pieces', () => {
    const text = '甲公司裁员。乙公司招聘！\n丙';
    expect(segments(text).map((s) => text.slice(s.start, s.end))).toEqual(['甲公司裁员。', '乙公司招聘！', '丙']);
  });
  it('reads ORG spans from tag indexes', () => {
    expect(orgSpans([0, 3, 4, 0, 3, 0, 4], 10)).toEqual([{ start: 11, end: 13 }, { start: 14, end: 15 }, { start: 16, end: 17 }]);
  });
});

describe('trainCharTagger on a tiny slice', () => {
  // Made-up segments: a firm before a verb of hiring or cutting jobs.
  const names = ['蓝鲸微动', '青禾数科', '星澜动力', '极光云途', '芯岚科技', '澜途汽车'];
  const verbs = ['宣布裁员', '计划招聘工程师', '任命新总裁', '关闭工厂'];
  const examples: CharExample[] = names.flatMap((n, i) => verbs.map((v, j) => {
    const text = `${j % 2 ? '据悉，' : ''}${n}${v}。`;
    const start = j % 2 ? 3 : 0;
    return { text, spans: [{ start, end: start + n.length }] };
  }).slice(0, i % 2 ? 4 : 3));
  const opts = { lang: 'zh', bits: 16, epochs: 8, seed: 1, minFeatureCount: 1 };

  it('learns its training segments, deterministically', () => {
    const a = trainCharTagger(examples, opts);
    expect(scoreSpans(a, examples).f1).toBe(1);
    expect(trainCharTagger(examples, opts).toGzip().equals(a.toGzip())).toBe(true);
  });

  it('round-trips through its file format with the same spans', () => {
    const a = trainCharTagger(examples, opts);
    a.meta.orgBias = 0;
    const b = parseCharTagger(a.toGzip(), 'test');
    for (const ex of examples) expect(b.spans(ex.text)).toEqual(a.spans(ex.text));
    expect(() => parseCharTagger(Buffer.from('not gzip'), 'bad.json.gz')).toThrow(/bad\.json\.gz/);
  });
});

describe.skipIf(!existsSync(join(SHARED, 'corpus', CORPORA.zh[0]!)))('the training script path on a 20-article slice', () => {
  it('builds distant-supervision segments without gold dev/test articles and trains on them', () => {
    const data = buildCjkData('zh', { holdout: 0.2, negatives: 0.05, limit: 20 });
    expect(data.stats.articles).toBeGreaterThan(0);
    expect(data.stats.excluded).toBeGreaterThan(0);
    expect(data.train.some((e) => e.spans.length > 0)).toBe(true);
    const held = heldOutIds('zh');
    expect(held.size).toBeGreaterThan(0);
    const tagger = trainCharTagger(data.train, { lang: 'zh', bits: 16, epochs: 1, seed: 1, minFeatureCount: 1 });
    expect(parseCharTagger(tagger.toGzip(), 'slice').lang).toBe('zh');
  });
});
