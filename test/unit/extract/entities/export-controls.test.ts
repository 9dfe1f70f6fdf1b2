import { describe, expect, it } from 'vitest';
import { findExportControls } from '../../../../src/extract/export-controls.ts';

const texts = (text: string, lang: string) => findExportControls(text, lang).map((s) => s.text);

describe('findExportControls', () => {
  it.each([
    ['en', 'The US tightened export controls on advanced chips to China.', 'export controls on advanced chips'],
    ['es', 'afectadas por la prohibición de exportaciones de los chips de Nvidia', 'prohibición de exportaciones de los chips'],
    ['zh', '美国对先进芯片实施出口管制。', '芯片实施出口管制'],
    ['ja', '政府は半導体製造装置の輸出規制を強化した。', '半導体製造装置の輸出規制'],
    ['fr', "Les contrôles à l'exportation de puces avancées se durcissent.", "contrôles à l'exportation de puces"],
    ['de', 'Die USA verschärfen die Exportkontrollen für Chips.', 'Exportkontrollen für Chips'],
    ['en', 'Huawei was added to the Entity List in 2019.', 'Entity List'],
  ])('tags %s: %s', (lang, text, span) => {
    expect(texts(text, lang)).toEqual([span]);
  });

  it('ignores trade talk that names no chips or compute', () => {
    expect(texts('The company cut prices of its chips. Tariffs on steel rose.', 'en')).toEqual([]);
  });

  it('does not pair a control term with a chip term across a sentence break', () => {
    expect(texts('New export restrictions hit steel. Chips sold well in Europe.', 'en')).toEqual([]);
  });

  it('returns offsets into the original text', () => {
    const text = 'Ａｎｄ: “export bans” on GPUs grew.';
    for (const s of findExportControls(text, 'en')) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});
