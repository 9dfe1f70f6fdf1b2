// The shapes every extraction stage shares; they mirror the `radar extract` output in ../shared/docs/CONTRACT.md.

/** A half-open range [start, end) of UTF-16 code units in the clean text, with the text it covers. */
export interface Span {
  text: string;
  start: number;
  end: number;
}

export type EntityType = 'firm' | 'person' | 'location' | 'agency';

/** One occurrence of an entity in the text, resolved to a canonical entity. */
export interface Mention extends Span {
  type: EntityType;
  /** Stable id of the canonical entity ("firm:alibaba", "loc:beijing"); names not in the knowledge base get "new:<type>:<slug>". */
  entityId: string;
  /** Canonical name (English where one exists). */
  name: string;
  /** Where it came from: the knowledge base, the statistical tagger, or a rule. */
  origin: 'kb' | 'ner' | 'rule';
  /** 0..1 */
  confidence: number;
}

/** An entity with all its mentions in one article. */
export interface ArticleEntity {
  id: string;
  type: EntityType;
  name: string;
  country?: string | null;
  mentions: Span[];
}

export const EVENT_TYPES = ['hiring', 'expansion', 'talent_move', 'leadership', 'contraction', 'export_control'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** One hiring-signal event as `radar extract` prints it. */
export interface ExtractedEvent {
  type: EventType;
  firm: string | null;
  location: string | null;
  person: string | null;
  roles: string[];
  sourceFirms: string[];
  firms: string[];
  agency: string | null;
  headcount: number | null;
  /** true when announced or planned rather than done. */
  planned?: boolean;
  confidence: number;
  evidence: Span;
}

/** What the extract stage returns for one clean article. */
export interface Extraction {
  entities: ArticleEntity[];
  exportControls: Span[];
  events: ExtractedEvent[];
}
