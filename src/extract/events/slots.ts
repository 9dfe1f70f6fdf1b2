// Slot filling inside one sentence: roles, place, person, the firms talent comes from, coordinated firm lists.
import type { Mention, Span } from '../types.ts';
import type { FirmRef } from './firms.ts';
import type { LanguageLexicon } from './lexicon.ts';

type Range = { start: number; end: number };

/** English role titles named in `folded[range)`, longest titles first, each once. */
export function rolesIn(folded: string, range: Range, lx: LanguageLexicon): string[] {
  const slice = folded.slice(range.start, range.end);
  const taken: Range[] = [];
  const roles: string[] = [];
  for (const { re, english } of lx.roles) {
    re.lastIndex = 0;
    for (const m of slice.matchAll(re)) {
      const r = { start: m.index, end: m.index + m[0].length };
      if (taken.some((t) => t.start < r.end && r.start < t.end)) continue;
      taken.push(r);
      if (!roles.includes(english)) roles.push(english);
    }
  }
  return roles;
}

// Place kinds from the knowledge base, most specific first; names the tagger found (no kind) rank with cities.
const KIND_RANK: Record<string, number> = { hub: 0, district: 0, city: 1, province: 2, state: 2, region: 3, country: 4 };

// A relative clause after the trigger describes something else ("Moonshot, which runs a chatbot popular in China").
const RELATIVE = /,\s*(?:que|which|that|who|whose|quien|quienes|cuyo|cuya|qui|lequel|der|die|das|welche)\b/;

/** The place attached to the trigger: nearest after it, specificity breaking near-ties, skipping places inside firm names. */
export function placeIn(mentions: Mention[], range: Range, trigger: Range, firms: FirmRef[], kindOf: (id: string) => string | undefined, folded: string, skipRelative = true): Mention | null {
  let best: Mention | null = null;
  let bestScore = Infinity;
  for (const m of mentions) {
    if (m.type !== 'location' || m.start < range.start || m.end > range.end) continue;
    if (firms.some((f) => f.start <= m.start && m.end <= f.end)) continue;
    if (skipRelative && m.start >= trigger.end && RELATIVE.test(folded.slice(trigger.end, m.start))) continue;
    const rank = KIND_RANK[kindOf(m.entityId) ?? 'city'] ?? 1;
    // Places attached to the trigger ("cut jobs in X") come after it; specificity breaks near-ties.
    const distance = m.start >= trigger.end ? m.start - trigger.end : trigger.start - m.end + 150;
    const score = distance + rank * 25;
    if (score < bestScore) {
      best = m;
      bestScore = score;
    }
  }
  return best;
}

/** The person mention nearest to the trigger inside the sentence. */
export function personNear(mentions: Mention[], range: Range, trigger: Range): Mention | null {
  let best: Mention | null = null;
  let bestDistance = Infinity;
  for (const m of mentions) {
    if (m.type !== 'person' || m.start < range.start || m.end > range.end) continue;
    const d = m.start >= trigger.end ? m.start - trigger.end : trigger.start - m.end;
    if (d < bestDistance) {
      best = m;
      bestDistance = d;
    }
  }
  return best;
}

const LIST_GAP = /^\s*(?:,|,?\s*(?:y|e|and|et|und|&|und|e|和|、))\s*$/u;

/** The firm and every firm coordinated with it ("Alibaba, ByteDance y Meituan"), in text order. */
export function coordinated(ref: FirmRef, sentenceFirms: FirmRef[], text: string): FirmRef[] {
  const i = sentenceFirms.indexOf(ref);
  if (i < 0) return [ref];
  let lo = i;
  let hi = i;
  while (lo > 0 && LIST_GAP.test(text.slice(sentenceFirms[lo - 1]!.end, sentenceFirms[lo]!.start))) lo--;
  while (hi < sentenceFirms.length - 1 && LIST_GAP.test(text.slice(sentenceFirms[hi]!.end, sentenceFirms[hi + 1]!.start))) hi++;
  return sentenceFirms.slice(lo, hi + 1);
}

/** Firms in the sentence introduced by a source cue ("exinvestigador de OpenAI", "formerly of X"), with their lists. */
export function cuedSources(folded: string, text: string, range: Range, sentenceFirms: FirmRef[], lx: LanguageLexicon): FirmRef[] {
  const cues = lx.sourceCues.find(folded, range.start, range.end);
  // "who quit over X joins Google": a joining or hiring verb between the cue and the firm ends the cue's reach.
  const barriers = [...lx.triggers.talent_move.find(folded, range.start, range.end), ...lx.triggers.hiring.find(folded, range.start, range.end)];
  const out: FirmRef[] = [];
  for (const f of sentenceFirms) {
    const cue = cues.find(
      (c) =>
        c.end <= f.start &&
        f.start - c.end <= 60 &&
        !barriers.some((b) => b.start >= c.end && b.end <= f.start) &&
        !sentenceFirms.some((g) => g !== f && g.start >= c.end && g.end <= f.start && !LIST_GAP.test(text.slice(g.end, f.start))),
    );
    if (!cue) continue;
    const gap = text.slice(cue.end, f.start);
    if (/[;:]/.test(gap)) continue;
    for (const g of coordinated(f, sentenceFirms, text)) if (g.start >= f.start && !out.includes(g)) out.push(g);
  }
  return out;
}

/** Trims a long sentence to the clause around the trigger so the evidence stays short; offsets stay exact. */
export function evidenceSpan(text: string, sentence: Span, trigger: Range, maxChars = 320): Span {
  if (sentence.end - sentence.start <= maxChars) return { text: sentence.text, start: sentence.start, end: sentence.end };
  let start = Math.max(sentence.start, trigger.start - Math.floor(maxChars / 2));
  let end = Math.min(sentence.end, Math.max(trigger.end, start + maxChars));
  if (start > sentence.start) {
    const space = text.indexOf(' ', start);
    if (space > 0 && space < trigger.start) start = space + 1;
  }
  if (end < sentence.end) {
    const space = text.lastIndexOf(' ', end);
    if (space > trigger.end) end = space;
  }
  return { text: text.slice(start, end), start, end };
}

// A personal name the entity stage missed: "Mr Morrow", "Robert J. Fitzpatrick", "María Jesús Chao", "Alvaro de la Riva".
const NAME_RE = /(?:\b(?:Mr|Mrs|Ms|Dr|Sr|Sra|Herr|Frau|M\.|Mme)\.?\s+(\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}[\p{Ll}'’-]+)?))|(?<![\p{L}])(\p{Lu}[\p{Ll}'’-]+(?:\s+(?:\p{Lu}\.|de la|de los|del|de|van|von|da|dos|du|le))?(?:\s+\p{Lu}[\p{Ll}'’-]+){1,3})/gu;
const NOT_NAME = /^(?:The|This|That|These|In|On|At|For|But|And|As|It|He|She|They|We|Its|His|Her|El|La|Los|Las|Un|Una|En|Por|Para|Con|Según|Este|Esta|Del|Al|Le|Les|Der|Die|Das|O|A|Os|As|New|North|South|East|West|Chief|President|Vice|Senior|Former|Group|Mr)$/u;

/** The nearest capitalised personal name to the trigger that no firm, place or agency covers; null when none. */
export function personFallback(text: string, range: Range, trigger: Range, covered: Range[]): string | null {
  const slice = text.slice(range.start, range.end);
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const m of slice.matchAll(NAME_RE)) {
    let name = (m[1] ?? m[2])!;
    let start = range.start + m.index + m[0].length - name.length;
    // Drop leading function words the pattern swallowed ("The Walt" never starts a name).
    const words = name.split(/\s+/);
    while (words.length && NOT_NAME.test(words[0]!)) {
      start += words[0]!.length + 1;
      words.shift();
    }
    if (!words.length || (words.length < 2 && !m[1])) continue;
    name = words.join(' ');
    const span = { start, end: start + name.length };
    // "los Servicios Informativos", "the Walt Disney": an article before a capitalised phrase marks a thing, not a person.
    if (/(?:^|\s)(?:the|los|las|el|la|del|le|les|der|die|das|os|as)\s+$/i.test(text.slice(Math.max(0, start - 6), start))) continue;
    if (covered.some((c) => c.start < span.end && span.start < c.end)) continue;
    if (NOT_NAME.test(words[words.length - 1]!)) continue;
    const d = span.start >= trigger.end ? span.start - trigger.end : Math.max(0, trigger.start - span.end);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}
