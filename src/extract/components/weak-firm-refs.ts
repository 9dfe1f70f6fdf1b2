// More firm references, for broad candidates only: firms read from their form alone in zh/ja text (cjk-firms.ts) and
// weak references (weak-firms.ts: names typed as something else, capitalised names nobody tagged), and the other
// occurrences of the firms found (repeat-firms.ts), which take precedence over the weak readings of the same words.
import { cjkFirmRefs } from '../events/cjk-firms.ts';
import { repeatedFirmRefs } from '../events/repeat-firms.ts';
import { weakFirmRefs } from '../events/weak-firms.ts';
import type { Component } from '../pipeline.ts';

export const weakFirmRefsComponent: Component = {
  name: 'weak-firm-refs',
  run(doc) {
    doc.formFirms = cjkFirmRefs(doc.text, doc.lang, doc.firms);
    const found = [...doc.firms, ...doc.formFirms];
    const repeats = repeatedFirmRefs(doc.text, found, found);
    doc.weakFirms = [...repeats, ...weakFirmRefs(doc.text, doc.eventMentions, [...found, ...repeats])].sort((a, b) => a.start - b.start);
  },
};
