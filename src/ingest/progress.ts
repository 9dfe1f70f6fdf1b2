// Feedback during a cycle: a progress bar when stderr is a terminal, structured log lines otherwise.
import cliProgress from 'cli-progress';
import type { Logger } from '../log.ts';

export interface Progress {
  start(totalFeeds: number): void;
  /** One feed finished; `counts` are that feed's own, not the cycle's running totals. */
  feedDone(feedUrl: string, outcome: string, counts: { newArticles: number; updatedArticles: number }): void;
  stop(): void;
}

/** A bar on a TTY (stderr), else an info log line per feed. */
export function createProgress(log: Logger, opts: { tty?: boolean } = {}): Progress {
  const tty = opts.tty ?? Boolean(process.stderr.isTTY);
  if (!tty) {
    let done = 0;
    let total = 0;
    let newSoFar = 0;
    return {
      start: (n) => void (total = n),
      feedDone: (feedUrl, outcome, counts) => {
        done++;
        newSoFar += counts.newArticles;
        log.info({ feed_url: feedUrl, outcome, new_articles: counts.newArticles, updated_articles: counts.updatedArticles, cycle_new_articles: newSoFar, done, total }, 'feed done');
      },
      stop: () => {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'ingest [{bar}] {value}/{total} feeds | {articles} new articles | {last}', hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let articles = 0;
  return {
    start: (n) => bar.start(n, 0, { articles: 0, last: '' }),
    feedDone: (feedUrl, outcome, counts) => {
      articles += counts.newArticles;
      bar.increment(1, { articles, last: `${outcome} ${new URL(feedUrl).host}`.slice(0, 50) });
    },
    stop: () => bar.stop(),
  };
}

/** No feedback at all (tests, library use). */
export const silentProgress: Progress = { start: () => {}, feedDone: () => {}, stop: () => {} };
