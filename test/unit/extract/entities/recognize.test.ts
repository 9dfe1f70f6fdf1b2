import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG_DIR } from '../../../../src/config/load.ts';
import { loadKnowledgeBase } from '../../../../src/extract/kb.ts';
import { recognizeEntities } from '../../../../src/extract/entities.ts';
import { HAS_SHARED, SHARED_DIR } from '../../../helpers/shared.ts';

const kb = loadKnowledgeBase(DEFAULT_CONFIG_DIR);
const run = (text: string, lang: string) => recognizeEntities(text, lang, kb);
const names = (text: string, lang: string) => run(text, lang).entities.map((e) => `${e.type}:${e.name}`);

describe('recognizeEntities', () => {
  it('maps Pekín, 北京 and Beijing to one canonical place', () => {
    expect(names('Abrió una oficina en Pekín.', 'es')).toContain('location:Beijing');
    expect(names('字节跳动在北京扩大团队。', 'zh')).toEqual(['firm:ByteDance', 'location:Beijing']);
    expect(names('The lab moved to Beijing.', 'en')).toContain('location:Beijing');
  });

  it('does not take the Spanish IA for anything, nor lower-case meta for the firm', () => {
    const r = run('La IA es la meta de la compañía; Meta contrata ingenieros de IA.', 'es');
    expect(r.mentions.map((m) => m.text)).toEqual(['Meta']);
  });

  it('keeps US (upper case) apart from the pronoun us', () => {
    const r = run('Nvidia told us that US rules hurt sales.', 'en');
    expect(r.mentions.filter((m) => m.type === 'location').map((m) => m.text)).toEqual(['US']);
  });

  it('resolves possessives to the firm without the ending', () => {
    const r = run("Nvidia's most advanced chips are banned, and AMD’s too.", 'en');
    expect(r.mentions.filter((m) => m.type === 'firm').map((m) => m.text)).toEqual(['Nvidia', 'AMD']);
  });

  it('decides Washington from context: the place after "en", the government otherwise', () => {
    const a = run('Washington endureció las reglas. La empresa abrió una oficina en Washington.', 'es');
    const ws = a.mentions.filter((m) => m.text === 'Washington').map((m) => m.type);
    expect(ws).toEqual(['agency', 'location']);
  });

  it('needs company context for an everyday-word firm name opening a sentence', () => {
    expect(names('Cruise ships are popular this summer.', 'en')).not.toContain('firm:Cruise');
    expect(names('She worked at Meta, Cruise and Google.', 'en')).toContain('firm:Cruise');
  });

  it('finds people no list knows, and joins a later lone family name to the full name', () => {
    const r = run('Según la empresa, Liu Weiqiang dirigirá el equipo. Liu dijo que contratará a 50 ingenieros.', 'es');
    const liu = r.entities.find((e) => e.name === 'Liu Weiqiang');
    expect(liu?.type).toBe('person');
    expect(liu?.id).toBe('new:person:liu-weiqiang');
    expect(liu?.mentions.map((m) => m.text)).toEqual(['Liu Weiqiang', 'Liu']);
  });

  it('makes an unknown organisation a firm only when the text calls it a company', () => {
    const e = run('La startup Quantix Robotics abrirá una oficina en Madrid.', 'es').entities;
    expect(e.find((x) => x.name === 'Quantix Robotics')?.type).toBe('firm');
  });

  it('keeps sentence starters out', () => {
    const all = run('Sin embargo, Alibaba contrata. Por otro lado, Actualmente no hay reglas. Fuente: VOA', 'es').mentions.map((m) => m.text);
    for (const bad of ['Sin embargo', 'Por otro lado', 'Actualmente', 'Fuente']) expect(all).not.toContain(bad);
  });

  it('reads Japanese and Korean names in their scripts', () => {
    expect(names('エヌビディアの半導体は東京でも人気だ。', 'ja')).toEqual(['firm:Nvidia', 'location:Tokyo']);
    expect(names('삼성전자가 서울에서 채용한다.', 'ko')).toEqual(['firm:Samsung Electronics', 'location:Seoul']);
  });

  it('offsets point at the mention text', () => {
    const text = '🚀 ByteDance (字节跳动) expands in the Bay Area; Wu Yuxin joins.';
    for (const m of run(text, 'en').mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  });
});

describe.skipIf(!HAS_SHARED)('seed article', () => {
  it('finds every expected entity and none of the forbidden strings', () => {
    const dir = join(SHARED_DIR, 'seed');
    const expected = JSON.parse(readFileSync(join(dir, '000_391127e837ae428b.expected.json'), 'utf8'));
    const text = readFileSync(join(dir, expected.file), 'utf8');
    const { entities } = run(text, 'es');
    for (const [type, groups] of Object.entries(expected.entities as Record<string, string[][]>)) {
      for (const accepted of groups) {
        expect(entities.some((e) => e.type === type && accepted.includes(e.name)), `${type} ${accepted[0]}`).toBe(true);
      }
    }
    const surfaces = entities.flatMap((e) => [e.name, ...e.mentions.map((m) => m.text)]).map((s) => s.toLowerCase());
    for (const bad of expected.mustNotBeEntities as string[]) expect(surfaces, bad).not.toContain(bad.toLowerCase());
  });
});
