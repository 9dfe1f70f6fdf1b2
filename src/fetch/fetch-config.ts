// Schema for config/fetch.yaml: user agent, timeouts, size caps, politeness and the feed error budget.
import { z } from 'zod';
import { loadConfigFile } from '../config/load.ts';

const positive = () => z.number().int().positive();

export const fetchConfigSchema = z.object({
  userAgent: z.string().min(8).refine((s) => /https?:\/\/|mailto:|@/.test(s), 'must contain a contact URL or e-mail address'),
  timeouts: z.object({
    connectMs: positive().default(10_000),
    headersMs: positive().default(20_000),
    idleMs: positive().default(20_000),
    totalMs: positive().default(45_000),
  }).strict().prefault({}),
  limits: z.object({
    maxFeedBytes: positive().default(10 * 1024 * 1024),
    maxPageBytes: positive().default(5 * 1024 * 1024),
    maxDecompressedBytes: positive().default(30 * 1024 * 1024),
    maxRedirects: z.number().int().min(0).max(10).default(5),
  }).strict().prefault({}),
  politeness: z.object({
    perHostConcurrency: positive().default(2),
    perHostDelayMs: z.number().int().min(0).default(1000),
    globalConcurrency: positive().default(16),
    respectRobots: z.boolean().default(true),
    robotsCacheMinutes: positive().default(720),
  }).strict().prefault({}),
  allowPrivateNetworks: z.boolean().default(false),
  allowHosts: z.array(z.string().min(1)).default([]),
  errorBudget: z.object({
    maxConsecutiveFailures: positive().default(8),
    backoffBaseMinutes: z.number().positive().default(15),
    backoffCapHours: z.number().positive().default(24),
  }).strict().prefault({}),
  schedule: z.object({
    defaultIntervalMinutes: positive().default(60),
    jitterRatio: z.number().min(0).max(0.5).default(0.1),
    maxRetryAfterHours: z.number().positive().default(24),
  }).strict().prefault({}),
  articles: z.object({
    maxPerFeedPerCycle: positive().default(30),
    /** Items read from one feed per cycle, newest first; older ones beyond are ignored (a 50,000-item archive feed). */
    maxItemsPerFeed: positive().default(500),
    /** Transient failures in a row after which a page is reported failed (it is still retried, with backoff). */
    maxPageFailures: positive().default(3),
    concurrency: positive().default(8),
  }).strict().prefault({}),
}).strict();

export type FetchConfig = z.output<typeof fetchConfigSchema>;

/** Loads and validates `fetch.yaml` from the config folder `dir`. */
export function loadFetchConfig(dir: string): FetchConfig {
  return loadConfigFile(dir, 'fetch.yaml', fetchConfigSchema);
}

/** A complete config from partial values (tests, library use); unspecified keys take the defaults above. */
export function fetchConfigFrom(partial: Partial<z.input<typeof fetchConfigSchema>> = {}): FetchConfig {
  return fetchConfigSchema.parse({ userAgent: 'HiringRadar/0.1 (+mailto:radar-crawler@example.org)', ...partial });
}
