import { describe, expect, it } from 'vitest';
import { eventFingerprint, eventFingerprints } from '../../../../src/extract/events/fingerprint.ts';
import type { ExtractedEvent } from '../../../../src/extract/types.ts';

const ev = (over: Partial<ExtractedEvent>): ExtractedEvent => ({
  type: 'hiring', firm: 'Alibaba', location: null, person: null, roles: [], sourceFirms: [], firms: ['Alibaba'], agency: null,
  headcount: null, confidence: 0.9, evidence: { text: 'x', start: 0, end: 1 }, ...over,
});

describe('eventFingerprint', () => {
  it('is the same for reports of one event in different words, places and legal suffixes', () => {
    const a = eventFingerprint(ev({ firm: 'Alibaba Group', location: 'Sunnyvale', headcount: 50 }), { publishedAt: '2024-11-04T10:00:00Z' });
    const b = eventFingerprint(ev({ firm: 'Alibaba', location: 'California' }), { publishedAt: '2024-11-05T18:00:00Z' });
    expect(a).toBe(b);
  });
  it('separates types, firms, people and distant windows', () => {
    const base = eventFingerprint(ev({}), { publishedAt: '2024-11-04' });
    expect(eventFingerprint(ev({ type: 'expansion' }), { publishedAt: '2024-11-04' })).not.toBe(base);
    expect(eventFingerprint(ev({ firm: 'Meituan' }), { publishedAt: '2024-11-04' })).not.toBe(base);
    expect(eventFingerprint(ev({}), { publishedAt: '2025-03-04' })).not.toBe(base);
    const p1 = eventFingerprint(ev({ type: 'leadership', person: 'Wang Huiwen' }), { publishedAt: '2024-11-04' });
    const p2 = eventFingerprint(ev({ type: 'leadership', person: 'Wang Xing' }), { publishedAt: '2024-11-04' });
    expect(p1).not.toBe(p2);
  });
  it('prefers the canonical firm id, so names in other scripts merge', () => {
    expect(eventFingerprint(ev({ firm: '阿里巴巴' }), { firmId: 'firm:alibaba' })).toBe(eventFingerprint(ev({}), { firmId: 'firm:alibaba' }));
  });
  it('offers the neighbouring window so reports across a bucket edge can merge', () => {
    const [, near] = eventFingerprints(ev({}), { publishedAt: '2024-11-04', windowDays: 1 });
    const [other] = eventFingerprints(ev({}), { publishedAt: '2024-11-03T23:00:00Z', windowDays: 1 });
    expect(near).toBe(other);
  });
});
