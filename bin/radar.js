#!/usr/bin/env node
// Entry point for `npx radar`. Runs the compiled copy in dist/ (written by `npm ci` through the `prepare` script, or
// `npm run build`): transpiling the TypeScript sources with tsx on every start cost most of a second. When dist/ is
// missing or older than a source file (an edit, a `git pull`), it runs the sources through tsx instead, so what runs
// is always the code in the checkout; RADAR_FROM_SOURCE=1 forces that.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// The same folders scripts/build.ts compiles; dist/BUILD lists the files it compiled.
const SOURCE_DIRS = ['src', 'pipelines'];

/** Why the compiled copy cannot be used, or null when it matches the sources. */
function staleReason() {
  let built;
  let builtAt;
  try {
    const stamp = join(root, 'dist', 'BUILD');
    builtAt = statSync(stamp).mtimeMs;
    built = readFileSync(stamp, 'utf8').split('\n').filter(Boolean).length;
  } catch {
    return 'dist/ is missing';
  }
  let count = 0;
  for (const dir of SOURCE_DIRS) {
    for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts')) continue;
      count++;
      if (statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs > builtAt) return `${dir}/ changed since the last build`;
    }
  }
  return count === built ? null : 'source files were added or removed since the last build';
}

const reason = process.env.RADAR_FROM_SOURCE === '1' ? 'RADAR_FROM_SOURCE=1' : staleReason();
if (reason === null) {
  await import('../dist/src/cli.js');
} else {
  if (process.env.RADAR_FROM_SOURCE !== '1') {
    process.stderr.write(`radar: ${reason}: running the TypeScript sources through tsx (slow start); \`npm run build\` compiles them\n`);
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
