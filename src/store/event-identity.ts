// Which stored event an extracted event is a report of. The identity is what stays the same across articles and
// languages (the contract's canonical names are language-independent); the date is handled by the merge window.
import { foldString } from '../extract/fold.ts';
import type { EventType } from '../extract/types.ts';

/** Event types about one named person: two people appointed at one firm in a fortnight are two events. */
const PERSON_TYPES: ReadonlySet<EventType> = new Set(['leadership', 'talent_move']);

export interface IdentityInput {
  type: EventType;
  /** The canonical firm after resolving analyst merges (the survivor's name). */
  firm: string | null;
  person: string | null;
  agency: string | null;
  firms: string[];
}

/**
 * The identity key: type, the canonical firm (else the first involved firm, else the agency for firm-less export
 * rules) and, for leadership and talent moves, the person. Location, roles and headcount are deliberately left out:
 * reports of one event disagree on them ("Sunnyvale" vs "California", "about 200" vs none).
 */
export function eventIdentity(e: IdentityInput): string {
  const subject = e.firm ? `f:${foldString(e.firm)}` : e.firms[0] ? `f:${foldString(e.firms[0])}` : e.agency ? `a:${foldString(e.agency)}` : '-';
  const person = PERSON_TYPES.has(e.type) && e.person ? foldString(e.person) : '';
  return `${e.type}|${subject}|${person}`;
}

/** The stored fingerprint: the identity plus the day of the first report, unique per event. */
export function eventFingerprint(identity: string, anchor: Date, attempt = 0): string {
  const day = anchor.toISOString().slice(0, 10);
  return attempt === 0 ? `${identity}@${day}` : `${identity}@${day}#${attempt + 1}`;
}
