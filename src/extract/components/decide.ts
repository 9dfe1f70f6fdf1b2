// The events: the learned decision's (decision.ts) over the groups, or the rules' alone when no model is loaded.
import { articleSentenceFeatures, decisionFeatures, sentenceFeatures, type DecisionModel, type ScoredSentence } from '../events/decision.ts';
import { groupFirmKey } from '../events/assemble.ts';
import { firmChoiceReader, mentionContext } from '../events/firm-choice.ts';
import type { EventLexicon } from '../events/lexicon.ts';
import type { TopicScores } from '../events/topic.ts';
import type { Component } from '../pipeline.ts';
import type { ExtractedEvent } from '../types.ts';

const pct = (p: number) => Math.round(p * 100) / 100;

export function decide(model: DecisionModel | null, lexicon: EventLexicon): Component {
  return {
    name: 'events',
    run(doc) {
      if (!model) { doc.events = doc.ruleEvents; return; }
      if (model.mode === 'calibrate') { doc.events = doc.ruleEvents.map((e) => ({ ...e, confidence: pct(model.calibrate(e.confidence)) })); return; }
      const out: ExtractedEvent[] = [];
      const lx = lexicon.get(doc.lang);
      const topic = model.topic && doc.groups.length ? model.topic(doc.decision.text, lx) : undefined;
      const ctx = topic ? { ...doc.decision, topic, topicRank: model.topicRank(doc.decision.lang, topic) } : doc.decision;
      // Groups about other firms or types often share an evidence sentence; its verdict covers every type at once.
      const verdicts = new Map<string, TopicScores>();
      const verdict = (text: string) => verdicts.get(text) ?? verdicts.set(text, model.sentence!(text, lx)).get(text)!;
      const scored: ScoredSentence[] = model.articleSentences && doc.groups.length
        ? doc.sentences.map((s) => { const text = doc.text.slice(s.start, s.end); return { lower: text.toLowerCase(), scores: verdict(text) }; })
        : [];
      const firmChoice = model.firmChoice && doc.decision.refs ? firmChoiceReader(mentionContext(doc.text, doc.folded, doc.decision.refs, lx), model.firmChoice) : null;
      for (const g of doc.groups) {
        const sentence = model.sentence ? sentenceFeatures(g.event.type, verdict(g.event.evidence.text)) : [];
        if (model.articleSentences) sentence.push(...articleSentenceFeatures(g.event.type, g.event.firm, scored));
        if (firmChoice) sentence.push(...firmChoice(g.event.type, groupFirmKey(g), g.event.evidence));
        const p = model.probability([...decisionFeatures(g, ctx), ...sentence]);
        // 'augment' keeps the events the rules report with confidence enough (unless the model rules them out) and
        // adds the groups the model accepts; 'decide' keeps only those.
        if (p >= model.threshold) out.push({ ...(g.rule ?? g.event), confidence: pct(p) });
        else if (model.mode === 'augment' && g.rule && g.rule.confidence >= model.ruleFloor && p >= model.floorMinProbability && model.floorHolds(doc.lang)) out.push({ ...g.rule, confidence: pct(Math.max(p, model.floorConfidence)) });
      }
      doc.events = out.sort((x, y) => x.evidence.start - y.evidence.start);
    },
  };
}
