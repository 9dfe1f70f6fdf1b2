import { describe, expect, it } from 'vitest';
import { icuSegments, splitSentences } from '../../../src/clean/sentences.ts';

const texts = (text: string, lang: string) => {
  const spans = splitSentences(text, lang);
  for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
  return spans.map((s) => s.text);
};

describe('splitSentences', () => {
  it('Spanish: EE. UU., Sr., Inc., p. ej. and 1.200 do not end sentences', () => {
    expect(texts('El presidente de EE. UU. dijo que el Sr. García, de Acme Inc., contratará 1.200 ingenieros. La empresa, p. ej. en Madrid, crecerá. Otro dato.', 'es')).toEqual([
      'El presidente de EE. UU. dijo que el Sr. García, de Acme Inc., contratará 1.200 ingenieros.',
      'La empresa, p. ej. en Madrid, crecerá.',
      'Otro dato.',
    ]);
  });

  it('English: titles, initials and U.S. inside a sentence; U.S. at the end of one', () => {
    expect(texts('Dr. Smith joined Acme Inc. in 2019. The U.S. Commerce Department said John F. Kennedy was there. It grew in the U.S. The end.', 'en')).toEqual([
      'Dr. Smith joined Acme Inc. in 2019.',
      'The U.S. Commerce Department said John F. Kennedy was there.',
      'It grew in the U.S.',
      'The end.',
    ]);
  });

  it('German: z. B., ordinals in dates, ca.', () => {
    expect(texts('Die Firma stellt z. B. am 3. Mai neue Mitarbeiter ein. Das ist gut. Dr. Müller sagt, es seien ca. 1.200 Stellen.', 'de')).toEqual([
      'Die Firma stellt z. B. am 3. Mai neue Mitarbeiter ein.',
      'Das ist gut.',
      'Dr. Müller sagt, es seien ca. 1.200 Stellen.',
    ]);
  });

  it('French and Portuguese titles', () => {
    expect(texts('M. Dupont a annoncé 1.200 embauches. Elle recrute.', 'fr')).toEqual(['M. Dupont a annoncé 1.200 embauches.', 'Elle recrute.']);
    expect(texts('O Sr. Silva disse que a empresa vai contratar. A Dra. Souza confirmou.', 'pt')).toEqual(['O Sr. Silva disse que a empresa vai contratar.', 'A Dra. Souza confirmou.']);
  });

  it('Chinese: 。！？ end sentences, an opening quote starts the next one, attribution stays with its quote', () => {
    expect(texts('阿里巴巴宣布在美国招聘工程师。公司表示！这是真的吗？“是的。”他说。', 'zh')).toEqual([
      '阿里巴巴宣布在美国招聘工程师。',
      '公司表示！',
      '这是真的吗？',
      '“是的。”他说。',
    ]);
  });

  it('paragraph breaks end a sentence even without punctuation', () => {
    expect(texts('Headline without a stop\n\nFirst sentence. Second one.', 'en')).toEqual(['Headline without a stop', 'First sentence.', 'Second one.']);
  });
});

describe('icuSegments', () => {
  it('gives the same segments line by line as ICU over the whole text', () => {
    const text = ['Acme hired 300 engineers. The U.S. firm said so.', '', 'Ruta 1\r', '“¿Contratará?” dijo. Sí.', 'No full stop here', '北京的公司裁员了。他说。'].join('\n').repeat(3);
    for (const lang of ['en', 'es', 'zh']) {
      const segmenter = new Intl.Segmenter(lang, { granularity: 'sentence' });
      const whole = [...segmenter.segment(text)].map((s) => ({ start: s.index, end: s.index + s.segment.length }));
      expect(icuSegments(segmenter, text)).toEqual(whole);
    }
  });
});
