// Locates ../shared (the corpus, seed and scorers). It is absent on a user's fresh clone: tests that need it
// call `needsShared()` and are skipped with a message saying why.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const PROJECT_DIR = resolve(import.meta.dirname, '..', '..');
export const SHARED_DIR = resolve(PROJECT_DIR, '..', 'shared');
export const CORPUS_DIR = resolve(SHARED_DIR, 'corpus');
export const HAS_SHARED = existsSync(resolve(CORPUS_DIR, 'SOURCES.md'));

if (!HAS_SHARED && !process.env.RADAR_QUIET_SKIPS) {
  console.warn(`[tests] ${SHARED_DIR} not found: corpus-backed tests are skipped (they need the ../shared folder next to the checkout)`);
}
