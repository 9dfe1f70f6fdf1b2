// More firm references, for broad candidates only: firms read from their form alone in zh/ja text (cjk-firms.ts) and
// weak references (weak-firms.ts: names typed as something else, capitalised names nobody tagged).
import { cjkFirmRefs } from '../events/cjk-firms.ts';
import { weakFirmRefs } from '../events/weak-firms.ts';
import type { Component } from '../pipeline.ts';

export const weakFirmRefsComponent: Component = {
  name: 'weak-firm-refs',
  run(doc) {
    doc.formFirms = cjkFirmRefs(doc.text, doc.lang, doc.firms);
    doc.weakFirms = weakFirmRefs(doc.text, doc.eventMentions, [...doc.firms, ...doc.formFirms]);
  },
};
