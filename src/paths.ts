// Where the project's own files are (config/, migrations/, models/, web assets), whether the code runs from the
// TypeScript sources under tsx (src/x.ts) or from the compiled copy that `npm run build` writes (dist/src/x.js).
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** True when this code runs from the TypeScript sources (tsx, vitest); false in the compiled copy under dist/. */
export const FROM_SOURCE = import.meta.url.endsWith('.ts');

/** The checkout's root folder: above src/, or above dist/src/ in the compiled copy. */
export const PROJECT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), FROM_SOURCE ? '..' : '../..');

/** A path under the checkout's root. */
export function projectPath(...parts: string[]): string {
  return resolve(PROJECT_DIR, ...parts);
}

/**
 * The module `name` (given without extension) next to the module at `base` (its import.meta.url), with the extension
 * the running code has: a worker thread started from the compiled copy must load the compiled file.
 */
export function siblingModule(name: string, base: string): URL {
  return new URL(`${name}${FROM_SOURCE ? '.ts' : '.js'}`, base);
}

/**
 * For a worker thread whose entry is a TypeScript file: the URL of tsx's ESM API, which the worker registers before
 * importing its entry. Undefined in the compiled copy, whose workers load plain JavaScript.
 */
export function workerTsxApiUrl(): string | undefined {
  return FROM_SOURCE ? import.meta.resolve('tsx/esm/api') : undefined;
}
