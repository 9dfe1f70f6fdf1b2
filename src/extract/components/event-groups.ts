// Every (type, firm) group of rule and broad candidates, each with the event the rules report for it if they report
// one, and what the decision features read about the article (how often each firm is named).
import { assembleGroups, groupFirmKey, type EventGroup } from '../events/assemble.ts';
import { refSource } from '../events/weak-firms.ts';
import type { Component } from '../pipeline.ts';
import type { ExtractedEvent } from '../types.ts';

/** A (type, firm) group with the event the rules alone report for it, if they report one. */
export interface DecidableGroup extends EventGroup {
  rule: ExtractedEvent | null;
}

const groupKey = (e: ExtractedEvent) => `${e.type}\u0000${e.firm ?? ''}`;

export const eventGroups: Component = {
  name: 'event-groups',
  run(doc) {
    const byKey = new Map(doc.ruleEvents.map((e) => [groupKey(e), e]));
    doc.groups = assembleGroups(doc.candidates, doc.frame.headlineEnd).map((g) => ({ ...g, rule: byKey.get(groupKey(g.event)) ?? null }));
    const firmCounts = new Map<string, number>();
    const all = [...doc.firms, ...doc.formFirms, ...doc.weakFirms];
    for (const f of all) firmCounts.set(f.key, (firmCounts.get(f.key) ?? 0) + 1);
    const refs = all.map((f) => ({ key: f.key, start: f.start, end: f.end, source: refSource(f, doc.formFirms), fromKb: f.fromKb })).sort((a, b) => a.start - b.start);
    const typesByFirm = new Map<string, string[]>();
    for (const g of doc.groups) {
      const key = groupFirmKey(g);
      if (key) (typesByFirm.get(key) ?? typesByFirm.set(key, []).get(key)!).push(g.event.type);
    }
    doc.decision = { text: doc.text, lang: doc.lang, headlineEnd: doc.frame.headlineEnd, firmCounts, typesByFirm, refs };
  },
};
