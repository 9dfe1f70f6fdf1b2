// A small review data set for the web tests: two accounts, a handful of entities, articles with mentions, events
// in several states, and one article whose title, body and evidence carry script and event-handler payloads.
import type { Db } from '../../../src/db/client.ts';
import { createUser } from '../../../src/auth/users.ts';
import { articles, entities, eventArticles, events, mentions } from '../../../src/db/schema.ts';

export const PASSWORD = 'correct horse battery staple';
export const ADMIN = 'admin@example.com';
export const ANALYST = 'analyst@example.com';
export const XSS_TITLE = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">Evil title';
export const XSS_BODY_PAYLOAD = '<img src=x onerror="window.__xss=3"><script>window.__xss=4</script>';
export const XSS_EVIDENCE = 'ByteDance <svg onload="window.__xss=5"> is hiring GPU engineers in Singapore';

export interface ReviewSeed {
  adminId: number;
  analystId: number;
  ids: { alibaba: number; alibabaDup: number; sunnyvale: number; bytedance: number; singapore: number; meituan: number };
  events: { hiring: number; xss: number; approved: number; formula: number; export: number };
}

function span(text: string, needle: string, from = 0): { start: number; end: number } {
  const start = text.indexOf(needle, from);
  if (start < 0) throw new Error(`seed: "${needle}" not in text`);
  return { start, end: start + needle.length };
}

/** Inserts the review data set and returns the ids the tests need. */
export async function seedReview(db: Db): Promise<ReviewSeed> {
  const admin = await createUser(db, { email: ADMIN, password: PASSWORD, role: 'admin' });
  const analyst = await createUser(db, { email: ANALYST, password: PASSWORD, role: 'analyst' });
  const ents = await db.insert(entities).values([
    { key: 'firm:alibaba', type: 'firm', canonicalName: 'Alibaba', aliases: { zh: ['阿里巴巴'] } },
    { key: 'new:firm:alibaba-group-holding', type: 'firm', canonicalName: 'Alibaba Group Holding', aliases: { en: ['BABA'] } },
    { key: 'loc:sunnyvale', type: 'location', canonicalName: 'Sunnyvale', aliases: {} },
    { key: 'firm:bytedance', type: 'firm', canonicalName: 'ByteDance', aliases: {} },
    { key: 'loc:singapore', type: 'location', canonicalName: 'Singapore', aliases: {} },
    { key: 'firm:meituan', type: 'firm', canonicalName: 'Meituan', aliases: {} },
  ]).returning({ id: entities.id, key: entities.key });
  const id = (key: string) => ents.find((e) => e.key === key)?.id as number;
  const ids = { alibaba: id('firm:alibaba'), alibabaDup: id('new:firm:alibaba-group-holding'), sunnyvale: id('loc:sunnyvale'), bytedance: id('firm:bytedance'), singapore: id('loc:singapore'), meituan: id('firm:meituan') };

  const text1 = 'SUNNYVALE, Calif. — Alibaba Group Holding posted a dozen applied-scientist roles in Sunnyvale this week.\n\nThe postings ask for large-model experience. Alibaba declined to comment.';
  const ev1 = 'Alibaba Group Holding posted a dozen applied-scientist roles in Sunnyvale this week.';
  const text2 = `Singapore — ${XSS_BODY_PAYLOAD}\n\n${XSS_EVIDENCE}, a filing shows.\n\nMore text follows.`;
  const text3 = 'Meituan has hired a former OpenAI researcher to lead its GN06 team, the company said.';
  const [a1, a2, a3, a4] = await db.insert(articles).values([
    { canonicalUrl: 'https://news.example.com/alibaba-sunnyvale', title: 'Alibaba posts AI roles in Sunnyvale', siteName: 'Example News', language: 'en', publishedAt: new Date('2025-03-04T08:00:00Z'), text: text1, contentHash: 'h1' },
    { canonicalUrl: 'javascript:window.__xss=6//evil', title: XSS_TITLE, siteName: '<b>Evil</b> Site', language: 'en', publishedAt: new Date('2025-03-05T08:00:00Z'), text: text2, contentHash: 'h2' },
    { canonicalUrl: 'https://news.example.com/meituan-gn06', title: 'Meituan lures OpenAI researcher', siteName: 'Example News', language: 'en', publishedAt: new Date('2025-02-20T08:00:00Z'), text: text3, contentHash: 'h3' },
    { canonicalUrl: 'https://other.example.org/alibaba-us', title: 'Alibaba expands US research hiring', siteName: 'Other Daily', language: 'en', publishedAt: new Date('2025-03-06T08:00:00Z'), text: `Report: ${ev1}`, contentHash: 'h4' },
  ]).returning({ id: articles.id });
  const art = [a1, a2, a3, a4].map((a) => a?.id as number) as [number, number, number, number];
  const e1 = span(text1, ev1);
  const e2 = span(text2, XSS_EVIDENCE);
  await db.insert(mentions).values([
    { articleId: art[0], entityId: ids.alibabaDup, ...span(text1, 'Alibaba Group Holding'), surface: 'Alibaba Group Holding' },
    { articleId: art[0], entityId: ids.sunnyvale, ...span(text1, 'Sunnyvale', e1.start), surface: 'Sunnyvale' },
    { articleId: art[0], entityId: ids.alibaba, ...span(text1, 'Alibaba declined'), end: span(text1, 'Alibaba declined').start + 7, surface: 'Alibaba' },
    { articleId: art[1], entityId: ids.bytedance, ...span(text2, 'ByteDance'), surface: 'ByteDance' },
    { articleId: art[1], entityId: ids.singapore, ...span(text2, 'Singapore', e2.start), surface: 'Singapore' },
  ]);
  const base = { roles: [] as string[], sourceFirms: [] as string[], firms: [] as string[] };
  const evs = await db.insert(events).values([
    { ...base, fingerprint: 'f-hiring', type: 'hiring', firm: 'Alibaba Group Holding', firmEntityId: ids.alibabaDup, location: 'Sunnyvale', locationEntityId: ids.sunnyvale, roles: ['applied scientist'], firms: ['Alibaba Group Holding'], headcount: 12, confidence: 0.91, language: 'en', evidenceArticleId: art[0], evidenceText: ev1, evidenceStart: e1.start, evidenceEnd: e1.end, occurredAt: new Date('2025-03-04T08:00:00Z') },
    { ...base, fingerprint: 'f-xss', type: 'hiring', firm: '"><script>window.__xss=7</script>', firmEntityId: ids.bytedance, location: 'Singapore', roles: ['<img src=x onerror=window.__xss=8>'], confidence: 0.62, language: 'en', evidenceArticleId: art[1], evidenceText: XSS_EVIDENCE, evidenceStart: e2.start, evidenceEnd: e2.end, occurredAt: new Date('2025-03-05T08:00:00Z') },
    { ...base, fingerprint: 'f-approved', type: 'talent_move', firm: 'Meituan', firmEntityId: ids.meituan, person: null, sourceFirms: ['OpenAI'], confidence: 0.77, status: 'approved', language: 'en', evidenceArticleId: art[2], evidenceText: text3, evidenceStart: 0, evidenceEnd: text3.length, occurredAt: new Date('2025-02-20T08:00:00Z') },
    { ...base, fingerprint: 'f-formula', type: 'contraction', firm: '=HYPERLINK("http://evil.example","click")', location: '+Paris', person: '@boss', roles: ['-1+2', 'a "quoted", role'], confidence: 0.3, language: 'fr', evidenceText: 'Line one,\nline "two"', evidenceStart: 0, evidenceEnd: 10, occurredAt: new Date('2025-01-15T08:00:00Z') },
    { ...base, fingerprint: 'f-export', type: 'export_control', firm: 'Nvidia', agency: 'BIS', firms: ['Nvidia'], confidence: 0.85, language: 'de', evidenceText: 'Die USA verbieten den Export der fortschrittlichsten KI-Chips von Nvidia.', evidenceStart: 0, evidenceEnd: 10, occurredAt: new Date('2025-04-01T08:00:00Z') },
  ]).returning({ id: events.id, fp: events.fingerprint });
  const ev = (fp: string) => evs.find((e) => e.fp === fp)?.id as number;
  await db.insert(eventArticles).values([
    { eventId: ev('f-hiring'), articleId: art[0], evidenceText: ev1, evidenceStart: e1.start, evidenceEnd: e1.end, confidence: 0.91 },
    { eventId: ev('f-hiring'), articleId: art[3], evidenceText: ev1, evidenceStart: 8, evidenceEnd: 8 + ev1.length, confidence: 0.8 },
    { eventId: ev('f-xss'), articleId: art[1], evidenceText: XSS_EVIDENCE, evidenceStart: e2.start, evidenceEnd: e2.end, confidence: 0.62 },
    { eventId: ev('f-approved'), articleId: art[2], evidenceText: text3, evidenceStart: 0, evidenceEnd: text3.length, confidence: 0.77 },
  ]);
  return {
    adminId: admin.id, analystId: analyst.id, ids,
    events: { hiring: ev('f-hiring'), xss: ev('f-xss'), approved: ev('f-approved'), formula: ev('f-formula'), export: ev('f-export') },
  };
}
