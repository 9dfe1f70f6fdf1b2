// The training path stays working: scripts/train-events.ts retrains on a small slice of the annotated corpus (it
// needs ../shared for the article texts) and reports train and dev figures, writing nothing and showing no test figure.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HAS_SHARED, PROJECT_DIR } from '../../helpers/shared.ts';

describe.skipIf(!HAS_SHARED)('train-events on a slice', () => {
  it('trains, calibrates on dev and chooses a mode', () => {
    const run = spawnSync('npx', ['tsx', 'scripts/train-events.ts', '--limit', '25', '--no-write'], { cwd: PROJECT_DIR, encoding: 'utf8', timeout: 240_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^train: 25 articles/m);
    expect(run.stderr).toMatch(/dev F1 by mode: decide [\d.]+, augment [\d.]+ at [\d.]+, rule floor [\d.]+ \(min p [\d.]+\), calibrate [\d.]+ -> (augment|calibrate)/);
    expect(run.stderr).toMatch(/^dev: rules F1 [\d.]+, decision model P/m);
    expect(run.stderr).not.toMatch(/^test: rules/m);
  }, 300_000);

  it('trains on a share of the train split for the learning curve, and never ships such a model', () => {
    const run = spawnSync('npx', ['tsx', 'scripts/train-events.ts', '--limit', '25', '--no-write', '--train-fraction', '0.5'], { cwd: PROJECT_DIR, encoding: 'utf8', timeout: 240_000 });
    expect(run.status, run.stderr).toBe(0);
    const kept = Number(/^training on (\d+) of the train split's articles/m.exec(run.stderr)?.[1]);
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(25);
    const writing = spawnSync('npx', ['tsx', 'scripts/train-events.ts', '--train-fraction', '0.5'], { cwd: PROJECT_DIR, encoding: 'utf8', timeout: 60_000 });
    expect(writing.status).toBe(2);
    expect(writing.stderr).toMatch(/--train-fraction 0\.5: needs --no-write/);
  }, 300_000);
});
