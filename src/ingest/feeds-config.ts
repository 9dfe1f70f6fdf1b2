// Schema for config/feeds.yaml (or a --feeds FILE): the analyst-edited list of feeds to follow.
import { z } from 'zod';
import { loadConfigFile, loadYamlFile } from '../config/load.ts';

const feedEntry = z.object({
  url: z.string().url().refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL'),
  title: z.string().min(1).optional(),
  /** ISO 639-1 of the feed's articles: a hint for language detection. */
  language: z.string().regex(/^[a-z]{2}$/, 'must be a two-letter ISO 639-1 code').optional(),
  region: z.string().optional(),
  tags: z.array(z.string()).default([]),
  intervalMinutes: z.number().int().min(5).optional(),
}).strict();

export const feedsFileSchema = z.object({
  defaults: z.object({ intervalMinutes: z.number().int().min(5).default(60) }).strict().prefault({}),
  feeds: z.array(feedEntry).superRefine((feeds, ctx) => {
    const seen = new Set<string>();
    feeds.forEach((f, i) => {
      if (seen.has(f.url)) ctx.addIssue({ code: 'custom', path: [i, 'url'], message: `duplicate feed URL ${f.url}` });
      seen.add(f.url);
    });
  }),
}).strict();

export type FeedsFile = z.output<typeof feedsFileSchema>;
export type FeedEntry = z.output<typeof feedEntry>;

/** Loads `feeds.yaml` from the config folder. */
export function loadFeedsConfig(configDir: string): FeedsFile {
  return loadConfigFile(configDir, 'feeds.yaml', feedsFileSchema);
}

/** Loads a feeds file given on the command line (`--feeds FILE`). */
export function loadFeedsFile(path: string): FeedsFile {
  return loadYamlFile(path, feedsFileSchema);
}
