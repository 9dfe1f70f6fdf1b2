// Synthetic review data: firms, places, articles with mentions, and events with supporting articles, inserted
// directly with drizzle. Used by the web tests and by the benchmark (seedEvents(db, 10_000)).
import type { Db } from '../../src/db/client.ts';
import { articles, entities, eventArticles, events, mentions, type NewEventRow } from '../../src/db/schema.ts';
import { seededRandom } from '../../src/ner/hash.ts';

const FIRMS = ['Alibaba', 'ByteDance', 'Tencent', 'Baidu', 'Meituan', 'Huawei', 'Xiaomi', 'DeepSeek', 'Moonshot AI', 'Zhipu AI', 'SenseTime', 'iFlytek'];
const PLACES = ['Sunnyvale', 'Seattle', 'Singapore', 'London', 'Paris', 'Beijing', 'Shanghai', 'Shenzhen', 'Hangzhou', 'Tokyo', 'Dubai', 'Berlin'];
const TYPES = ['hiring', 'expansion', 'talent_move', 'leadership', 'contraction', 'export_control'] as const;
const ROLES = ['machine learning engineer', 'applied scientist', 'research scientist', 'GPU kernel engineer', 'product manager'];
const LANGS = ['en', 'zh', 'es', 'fr', 'de', 'ja'];

export interface SeedResult {
  firmIds: Map<string, number>;
  placeIds: Map<string, number>;
  eventIds: number[];
}

async function chunked<T>(rows: T[], size: number, insert: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Inserts n pending-heavy events (about 60% pending) with one article each, entity mentions and dates over a year. */
export async function seedEvents(db: Db, n: number, seed = 42): Promise<SeedResult> {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const ents = await db.insert(entities).values([
    ...FIRMS.map((name) => ({ key: `firm:seed-${name.toLowerCase().replace(/\W+/g, '-')}`, type: 'firm' as const, canonicalName: name, aliases: {} })),
    ...PLACES.map((name) => ({ key: `loc:seed-${name.toLowerCase()}`, type: 'location' as const, canonicalName: name, aliases: {} })),
  ]).onConflictDoNothing().returning({ id: entities.id, name: entities.canonicalName, type: entities.type });
  const firmIds = new Map(ents.filter((e) => e.type === 'firm').map((e) => [e.name, e.id]));
  const placeIds = new Map(ents.filter((e) => e.type === 'location').map((e) => [e.name, e.id]));
  const base = Date.UTC(2025, 0, 1);
  const specs = Array.from({ length: n }, (_, i) => {
    const firm = pick(FIRMS);
    const place = pick(PLACES);
    const role = pick(ROLES);
    const type = pick(TYPES);
    const evidence = `${firm} is recruiting a ${role} team in ${place}, according to people familiar with the plans.`;
    const text = `Seed article ${i}.\n\n${evidence}\n\nThe company declined to comment on headcount or timing.`;
    return { i, firm, place, role, type, evidence, text, at: new Date(base + Math.floor(rand() * 365) * 86_400_000), lang: pick(LANGS), conf: Math.round(rand() * 100) / 100 };
  });
  const articleRows: Array<{ id: number }> = [];
  await chunked(specs, 1000, async (part) => {
    const ids = await db.insert(articles).values(part.map((s) => ({
      canonicalUrl: `https://news.example.com/${seed}/${s.i}`, title: `${s.firm} ${s.type.replace('_', ' ')} in ${s.place}`, siteName: 'Example News',
      publishedAt: s.at, language: s.lang, text: s.text, contentHash: `seed-${seed}-${s.i}`,
    }))).returning({ id: articles.id });
    articleRows.push(...ids);
  });
  const eventRows: NewEventRow[] = specs.map((s, k) => {
    const start = s.text.indexOf(s.evidence);
    const r = rand();
    return {
      fingerprint: `seed:${seed}:${s.i}`, type: s.type, firm: s.firm, firmEntityId: firmIds.get(s.firm) ?? null, location: s.place, locationEntityId: placeIds.get(s.place) ?? null,
      roles: [s.role], firms: [s.firm], confidence: s.conf, status: r < 0.6 ? 'pending' : r < 0.85 ? 'approved' : 'rejected', language: s.lang,
      evidenceArticleId: articleRows[k]?.id ?? null, evidenceText: s.evidence, evidenceStart: start, evidenceEnd: start + s.evidence.length,
      occurredAt: s.at, headcount: s.i % 7 === 0 ? 10 + (s.i % 50) : null,
    };
  });
  const eventIds: number[] = [];
  await chunked(eventRows, 1000, async (part) => eventIds.push(...(await db.insert(events).values(part).returning({ id: events.id })).map((e) => e.id)));
  const links = specs.map((s, k) => ({ eventId: eventIds[k] as number, articleId: articleRows[k]?.id as number, evidenceText: s.evidence, evidenceStart: s.text.indexOf(s.evidence), evidenceEnd: s.text.indexOf(s.evidence) + s.evidence.length, confidence: s.conf }));
  await chunked(links, 1000, (part) => db.insert(eventArticles).values(part));
  const mentionRows = specs.flatMap((s, k) => {
    const off = s.text.indexOf(s.evidence);
    const placeAt = s.text.indexOf(s.place, off);
    return [
      { articleId: articleRows[k]?.id as number, entityId: firmIds.get(s.firm) as number, start: off, end: off + s.firm.length, surface: s.firm },
      { articleId: articleRows[k]?.id as number, entityId: placeIds.get(s.place) as number, start: placeAt, end: placeAt + s.place.length, surface: s.place },
    ];
  }).filter((m) => m.entityId !== undefined);
  await chunked(mentionRows, 2000, (part) => db.insert(mentions).values(part).onConflictDoNothing());
  return { firmIds, placeIds, eventIds };
}
