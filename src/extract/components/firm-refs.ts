// Firm references: every place the article names a firm the events can be about (firms.ts), and the mentions as the
// event components read them: a person the tagger put on a firm's name ("Laura Ashley", "Goodyear") is no person.
import { findFirmRefs } from '../events/firms.ts';
import type { Component } from '../pipeline.ts';

export const firmRefs: Component = {
  name: 'firm-refs',
  run(doc) {
    const firms = findFirmRefs(doc.text, doc.mentions, doc.frame.capsTitleEnd, doc.lang, doc.frame.headlineEnd);
    doc.firms = firms;
    doc.eventMentions = doc.mentions.filter((m) => m.type !== 'person' || !firms.some((f) => f.start < m.end && m.start < f.end));
  },
};
