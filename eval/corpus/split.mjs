// The corpus split, fixed once by seed before annotation: train 60%, dev 20%, test 20% of articles, by a hash of
// the article's corpus path and id (so adding articles never moves an old one to another split).
import { createHash } from 'node:crypto';

export const SPLIT_SEED = 20261202;

export function splitOf(corpus, id) {
  const b = createHash('sha256').update(`${SPLIT_SEED}#${corpus}#${id}`).digest()[0] % 10;
  return b < 6 ? 'train' : b < 8 ? 'dev' : 'test';
}
