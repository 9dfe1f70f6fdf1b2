// `radar config:check [--config DIR]`: validates every analyst-edited file under config/ and prints what it found.
// The same loaders run at the start of every command; this one just runs them all and reports.
import { parseCommandArgs } from '../src/cli-args.ts';
import { resolveConfigDir } from '../src/config/load.ts';
import { loadDigestConfig } from '../src/digest/config.ts';
import { loadEventLexicon } from '../src/extract/events/lexicon.ts';
import { loadExportControls } from '../src/extract/export-controls.ts';
import { loadKnowledgeBase } from '../src/extract/kb.ts';
import { loadFetchConfig } from '../src/fetch/fetch-config.ts';
import { loadFeedsConfig } from '../src/ingest/feeds-config.ts';
import { loadReviewConfig } from '../src/web/config.ts';

const USAGE = 'usage: radar config:check [--config DIR]';

/** Entry point for `radar config:check`; throws ConfigError (exit 2) at the first bad file. */
export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(USAGE, { args: argv, options: { config: { type: 'string' } } });
  const dir = resolveConfigDir(values.config);
  const fetch = loadFetchConfig(dir);
  const feeds = loadFeedsConfig(dir);
  const digest = loadDigestConfig(dir);
  const review = loadReviewConfig(dir);
  const kb = loadKnowledgeBase(dir);
  loadEventLexicon(dir);
  loadExportControls(dir);
  const lines = [
    `config folder: ${dir}`,
    `fetch.yaml: user agent "${fetch.userAgent}"`,
    `feeds.yaml: ${feeds.feeds.length} feeds`,
    `digest.yaml: ${digest.recipients.length} configured recipients, ${digest.timeZone}`,
    `review.yaml: queue shows confidence >= ${review.minConfidenceDefault} by default`,
    `kb/: ${[...kb.entities].length} entities, ${kb.aliasEntries.length} aliases`,
    'lexicons/: events, roles and export-control vocabularies valid',
  ];
  console.log(lines.join('\n'));
  return 0;
}
