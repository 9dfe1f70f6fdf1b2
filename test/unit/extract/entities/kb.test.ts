import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { DEFAULT_CONFIG_DIR } from '../../../../src/config/load.ts';
import { ConfigError } from '../../../../src/errors.ts';
import { buildKnowledgeBase, loadKnowledgeBase } from '../../../../src/extract/kb.ts';

const kb = loadKnowledgeBase(DEFAULT_CONFIG_DIR);

describe('knowledge base', () => {
  it('holds at least 500 firms and every country', () => {
    const all = [...kb.entities];
    expect(all.filter((e) => e.type === 'firm').length).toBeGreaterThanOrEqual(500);
    expect(all.filter((e) => e.kind === 'country').length).toBeGreaterThanOrEqual(249);
  });

  it('resolves names across languages and scripts to one entity', () => {
    for (const n of ['Beijing', 'Pekín', 'Pequim', '北京', 'Pékin']) expect(kb.resolveName(n)?.id, n).toBe('loc:beijing');
    for (const n of ['ByteDance', '字节跳动', 'Bytedance Ltd']) expect(kb.resolveName(n)?.id, n).toBe('firm:bytedance');
    for (const n of ['Alibaba Group Holding Ltd', '阿里巴巴', '阿里']) expect(kb.resolveName(n)?.id, n).toBe('firm:alibaba');
    for (const n of ['EE. UU.', 'EEUU', 'EUA', 'U.S.', '美国', 'Estados Unidos', 'Vereinigte Staaten']) {
      expect(kb.resolveName(n)?.name, n).toBe('United States');
    }
    expect(kb.resolveName('Departamento de Comercio')?.name).toBe('US Department of Commerce');
    expect(kb.resolveName('商务部')?.name).toBe('Ministry of Commerce of China');
    expect(kb.resolveName('美国商务部')?.name).toBe('US Department of Commerce');
  });

  it('does not know IA as any entity', () => {
    expect(kb.lookup('IA')).toEqual([]);
  });

  it('adds aliases at runtime without touching the files', () => {
    const more = kb.withExtraAliases([
      { alias: 'Ali Baba Co', entityId: 'firm:alibaba' },
      { alias: 'Zyx Robotics', name: 'ZYX Robotics', type: 'firm' },
    ]);
    expect(more.resolveName('Ali Baba Co')?.id).toBe('firm:alibaba');
    expect(more.resolveName('Zyx Robotics')?.type).toBe('firm');
    expect(more.gazetteer.match('ZYX Robotics abre oficina', 'es')[0]?.entityIds).toEqual([more.resolveName('ZYX Robotics')!.id]);
    expect(kb.resolveName('Ali Baba Co')).toBeNull();
    expect(() => kb.withExtraAliases([{ alias: 'X', entityId: 'firm:does-not-exist' }])).toThrow(ConfigError);
  });

  it('fails on a bad file naming the file, the line and the key', () => {
    const dir = resolve(import.meta.dirname, '../../../fixtures/kb/bad-firms');
    expect(() => buildKnowledgeBase(dir)).toThrow(/kb\/firms\.yaml:4: key "firms\.1\.country"/);
  });
});
