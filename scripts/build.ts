// `npm run build` (also run by `npm ci` through the `prepare` script): compiles src/ and pipelines/ ahead of time into
// dist/, one JavaScript file per TypeScript file in the same layout, so `radar` starts without transpiling TypeScript
// on every run (tsx took most of `radar --help`'s start-up). Files are not bundled: each keeps its own
// import.meta.url, which the worker threads and the project paths (src/paths.ts) rely on. dist/ is not committed.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

const PROJECT_DIR = resolve(import.meta.dirname, '..');
const OUT_DIR = join(PROJECT_DIR, 'dist');
/** The folders compiled; bin/radar.js checks the same list to tell a stale build from a fresh one. */
export const SOURCE_DIRS = ['src', 'pipelines'];

function sourceFiles(): string[] {
  return SOURCE_DIRS.flatMap((dir) =>
    readdirSync(join(PROJECT_DIR, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
      .map((f) => join(PROJECT_DIR, dir, f)),
  );
}

/**
 * Keeps every import as an import (no bundling) and points relative ones at the compiled file: './x.ts' -> './x.js'.
 * Packages stay external and resolve from node_modules as before.
 */
const keepImports: Plugin = {
  name: 'keep-imports',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return null;
      if (args.path.startsWith('.')) return { path: args.path.replace(/\.ts$/, '.js'), external: true };
      return { path: args.path, external: true };
    });
  },
};

/**
 * Compiles every source file into dist/ and returns how many were written. Files are overwritten in place and only
 * outputs of deleted sources are removed, so a running `radar` that imports a module late still finds it.
 */
export async function buildDist(): Promise<number> {
  const files = sourceFiles();
  mkdirSync(OUT_DIR, { recursive: true });
  const result = await build({
    entryPoints: files,
    outdir: OUT_DIR,
    outbase: PROJECT_DIR,
    bundle: true, // with every import external (above), this only lets the plugin rewrite the import paths
    plugins: [keepImports],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  if (result.errors.length) throw new Error(`build failed with ${result.errors.length} errors`);
  const outputs = new Set(files.flatMap((f) => {
    const js = relative(PROJECT_DIR, f).replace(/\.ts$/, '.js');
    return [js, `${js}.map`];
  }));
  for (const dir of SOURCE_DIRS) {
    if (!existsSync(join(OUT_DIR, dir))) continue;
    for (const f of readdirSync(join(OUT_DIR, dir), { recursive: true, encoding: 'utf8' })) {
      const rel = join(dir, f);
      if (/\.js(\.map)?$/.test(rel) && !outputs.has(rel)) rmSync(join(OUT_DIR, rel));
    }
  }
  writeFileSync(join(OUT_DIR, 'BUILD'), `${files.map((f) => relative(PROJECT_DIR, f)).sort().join('\n')}\n`);
  return files.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  const n = await buildDist();
  console.log(`built ${n} files into ${relative(process.cwd(), OUT_DIR) || OUT_DIR} in ${Math.round(performance.now() - started)} ms`);
}
