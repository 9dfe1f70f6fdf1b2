// Synthetic article pages for the queue test: each names a different knowledge-base firm, so every hiring event has
// its own identity and any event written twice would show up as two events with one identity.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PROJECT_DIR } from '../../helpers/shared.ts';

const PLACES = ['Seattle', 'Singapore', 'London', 'Paris', 'Berlin', 'Tokyo', 'Toronto', 'Dublin', 'Munich', 'Bangalore'];
const ROLES = ['machine learning engineers', 'research scientists', 'software engineers', 'chip designers', 'data scientists'];

/** `n` firm names from config/kb/firms.yaml that are plain ASCII words and not everyday words. */
export function kbFirmNames(n: number): string[] {
  const kb = parse(readFileSync(join(PROJECT_DIR, 'config', 'kb', 'firms.yaml'), 'utf8')) as { firms: Array<{ name: string; commonWord?: boolean }> };
  const names = kb.firms.filter((f) => !f.commonWord && /^[A-Z][A-Za-z]+( [A-Z][A-Za-z]+)?$/.test(f.name)).map((f) => f.name);
  if (names.length < n) throw new Error(`only ${names.length} usable firm names in the knowledge base, need ${n}`);
  return names.slice(0, n);
}

/** One article page about `firm` hiring in a city, numbered `i`. */
export function articlePage(firm: string, i: number): string {
  const place = PLACES[i % PLACES.length]!;
  const role = ROLES[i % ROLES.length]!;
  const headcount = 20 + (i % 50);
  const paragraphs = [
    `${firm} is hiring ${headcount} ${role} for a new research center in ${place}, the company said on Tuesday.`,
    `The team in ${place} will work on large language models and on the hardware that runs them. Recruiting has already begun, according to a job posting on the company's website.`,
    `${firm} did not say when the center would open. Analysts said the move reflected strong competition for experienced engineers in the region, where salaries have risen sharply over the past two years.`,
    `This is report number ${i} in the test series; it exists only to give every page its own text.`,
  ];
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${firm} to hire ${role} in ${place}</title>
<meta property="article:published_time" content="2025-06-${String(1 + (i % 28)).padStart(2, '0')}T09:00:00Z"></head>
<body><header><nav><a href="/">Home</a> <a href="/tech">Tech</a></nav></header>
<main><article><h1>${firm} to hire ${role} in ${place}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article></main>
<footer>Queue Test News</footer></body></html>`;
}

/** A copy of config/ whose fetch.yaml lets workers fetch from the loopback test server without politeness delays. */
export function configAllowing(hostPort: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'radar-queue-config-'));
  cpSync(join(PROJECT_DIR, 'config'), dir, { recursive: true });
  writeFileSync(join(dir, 'fetch.yaml'), [
    'userAgent: "HiringRadar/0.1 (+mailto:radar-crawler@example.org)"',
    `allowHosts: ["${hostPort}"]`,
    'politeness: { perHostConcurrency: 8, perHostDelayMs: 0, globalConcurrency: 16, respectRobots: false }',
    'timeouts: { connectMs: 5000, headersMs: 10000, idleMs: 10000, totalMs: 20000 }',
    'articles: { maxPerFeedPerCycle: 1000, concurrency: 8 }',
    '',
  ].join('\n'));
  return dir;
}

/** An RSS 2.0 feed listing `links`. */
export function rssFeed(title: string, links: string[]): string {
  const items = links.map((link, i) => `<item><title>Item ${i}</title><link>${link.replace(/&/g, '&amp;')}</link><pubDate>Tue, 10 Jun 2025 09:00:00 GMT</pubDate></item>`);
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${title}</title><link>https://example.org/</link>\n${items.join('\n')}\n</channel></rss>`;
}
