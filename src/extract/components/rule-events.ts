// The events the rules alone report: their candidates grouped by (type, firm), kept at confidence 0.5 or more.
import { assemble } from '../events/assemble.ts';
import type { Component } from '../pipeline.ts';

/** Rule events below this confidence are dropped. */
export const MIN_CONFIDENCE = 0.5;

export const ruleEvents: Component = {
  name: 'rule-events',
  run(doc) {
    doc.ruleEvents = assemble(doc.candidates.filter((c) => c.origin !== 'broad'), MIN_CONFIDENCE, doc.frame.headlineEnd);
  },
};
