// Which stored event an extracted event is a report of. The identity comes from the events stage's merge key
// (src/extract/events/fingerprint.ts: type | firm id or normalised firm name | person for people events, agency for
// firm-less export rules) without its time bucket: the store handles time with a sliding window over the event's
// reports instead of fixed buckets, so reports straddling a bucket edge, or an event reported over several weeks,
// never split.
import { eventFingerprint as mergeKey } from '../extract/events/fingerprint.ts';
import type { EventType } from '../extract/types.ts';

export interface IdentityInput {
  type: EventType;
  /** The canonical firm name after resolving analyst merges (the survivor's name). */
  firm: string | null;
  /** The survivor entity's key ("firm:alibaba") when the firm resolved to an entity; preferred over the name. */
  firmKey: string | null;
  person: string | null;
  agency: string | null;
}

/** The event's identity: equal for reports of one event, whatever their language, wording, place or numbers. */
export function eventIdentity(e: IdentityInput): string {
  const event = {
    type: e.type, firm: e.firm, location: null, person: e.person, roles: [], sourceFirms: [], firms: [], agency: e.agency,
    headcount: null, confidence: 0, evidence: { text: '', start: 0, end: 0 },
  };
  return mergeKey(event, { firmId: e.firmKey, publishedAt: null }).replace(/\|undated$/, '');
}

/** The stored fingerprint: the identity plus the day of the first report (and a counter for the rare twin), unique per event. */
export function eventFingerprint(identity: string, anchor: Date, attempt = 0): string {
  const day = anchor.toISOString().slice(0, 10);
  return attempt === 0 ? `${identity}@${day}` : `${identity}@${day}#${attempt + 1}`;
}
