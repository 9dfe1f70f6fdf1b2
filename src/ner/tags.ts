// The NER tag set (IOB2 over PER, ORG, LOC, MISC), conversions between tagging schemes, and spans from tags.

export const ENTITY_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** Tag index 0 is O; then B-X and I-X for each type in ENTITY_TYPES order. */
export const TAGS: readonly string[] = ['O', ...ENTITY_TYPES.flatMap((t) => [`B-${t}`, `I-${t}`])];
export const TAG_INDEX: ReadonlyMap<string, number> = new Map(TAGS.map((t, i) => [t, i]));
export const N_TAGS = TAGS.length;

/** True when tag `next` may follow tag `prev` in IOB2 (prev -1 = sentence start): I-X only continues B-X or I-X. */
export function allowedTransition(prev: number, next: number): boolean {
  const t = TAGS[next] ?? 'O';
  if (!t.startsWith('I-')) return true;
  if (prev < 0) return false;
  return (TAGS[prev] ?? 'O').slice(2) === t.slice(2);
}

/** Converts one sentence of IOB1 tags (I- opens an entity unless it continues the same type) to IOB2. */
export function iob1ToIob2(tags: readonly string[]): string[] {
  const out: string[] = [];
  let prev = 'O';
  for (const tag of tags) {
    if (tag.startsWith('I-')) {
      const type = tag.slice(2);
      const continues = (prev.startsWith('B-') || prev.startsWith('I-')) && prev.slice(2) === type;
      out.push(continues ? tag : `B-${type}`);
    } else {
      out.push(tag);
    }
    prev = tag;
  }
  return out;
}

/** Normalises a gold tag from any supported scheme; unknown types map to MISC so odd corpora still load. */
export function normaliseTag(tag: string): string {
  if (tag === 'O' || tag === '-' || tag === '') return 'O';
  const m = /^([BIES])-(.+)$/.exec(tag);
  if (!m) return 'O';
  const type = (ENTITY_TYPES as readonly string[]).includes(m[2]!) ? m[2]! : 'MISC';
  return `${m[1] === 'B' || m[1] === 'S' ? 'B' : 'I'}-${type}`;
}

export interface TagSpan {
  start: number; // token index, inclusive
  end: number; // token index, exclusive
  type: EntityType;
}

/** Reads entity spans from an IOB2 tag sequence (a stray I-X opens a span, as conlleval does). */
export function spansFromTags(tags: readonly string[]): TagSpan[] {
  const spans: TagSpan[] = [];
  let cur: TagSpan | null = null;
  tags.forEach((tag, i) => {
    const kind = tag[0];
    const type = tag.slice(2) as EntityType;
    if (cur && (kind !== 'I' || cur.type !== type)) {
      cur.end = i;
      spans.push(cur);
      cur = null;
    }
    if (!cur && (kind === 'B' || kind === 'I')) cur = { start: i, end: i + 1, type };
  });
  if (cur) {
    (cur as TagSpan).end = tags.length;
    spans.push(cur);
  }
  return spans;
}
