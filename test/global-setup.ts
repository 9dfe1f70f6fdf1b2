// Runs once before the suite: compiles the sources into dist/ (scripts/build.ts, what `npm ci` runs), so the tests that
// spawn `bin/radar.js` run the built copy users run, built from the sources under test.
import { buildDist } from '../scripts/build.ts';

export default async function setup(): Promise<void> {
  await buildDist();
}
