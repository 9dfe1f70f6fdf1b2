// Loading analyst-edited YAML files under config/: one generic loader that validates with a zod schema and
// turns every failure into a ConfigError naming the file, the key path, the line and the reason.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../errors.ts';
import { projectPath } from '../paths.ts';
import { knownKeysAt, nearestKey } from './unknown-keys.ts';

/** The config/ folder shipped with the project; `--config DIR` overrides it. */
export const DEFAULT_CONFIG_DIR = projectPath('config');

/** Resolves the config folder from a `--config` value (relative to the working directory) or the default. */
export function resolveConfigDir(value?: string): string {
  return value ? resolve(value) : DEFAULT_CONFIG_DIR;
}

/** The node at `path` in the document, or the deepest one the path reaches. */
function nodeAt(doc: ReturnType<typeof parseDocument>, path: readonly PropertyKey[]): unknown {
  let node: unknown = doc.contents;
  for (const key of path) {
    if (isMap(node) || isSeq(node)) node = (node as { get(k: unknown, keep: true): unknown }).get(key, true);
    else break;
  }
  return node;
}

function lineOfNode(counter: LineCounter, node: unknown): number | null {
  const range = (node as YamlNode | undefined)?.range;
  return range ? counter.linePos(range[0]).line : null;
}

/** The line of the key `key` itself in the map at `path` (a value may start on a later line). */
function lineOfKey(doc: ReturnType<typeof parseDocument>, counter: LineCounter, path: readonly PropertyKey[], key: string): number | null {
  const map = nodeAt(doc, path);
  if (!isMap(map)) return null;
  const pair = map.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
  return lineOfNode(counter, pair?.key);
}

/** One line for an unknown key: its own line, its full path and the nearest key the schema knows there. */
function unknownKeyMessage(file: string, doc: ReturnType<typeof parseDocument>, counter: LineCounter, schema: z.ZodType, path: PropertyKey[], key: string): string {
  const line = lineOfKey(doc, counter, path, key);
  const suggestion = nearestKey(key, knownKeysAt(schema, path));
  return `${file}${line ? `:${line}` : ''}: unknown key "${[...path, key].join('.')}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`;
}

/** Reads `file` (YAML, comments allowed), validates it against `schema` and returns the parsed value. */
export function loadYamlFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`${file}: cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { cause: err });
  }
  return parseYamlText(file, source, schema);
}

/** Validates YAML text; `file` is used only in messages. */
export function parseYamlText<S extends z.ZodType>(file: string, source: string, schema: S): z.output<S> {
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = counter.linePos(syntax.pos[0]);
    throw new ConfigError(`${file}:${pos.line}:${pos.col}: invalid YAML: ${syntax.message.split('\n')[0]}`);
  }
  const parsed = schema.safeParse(doc.toJS());
  if (parsed.success) return parsed.data;
  // An unknown key is reported first: a misspelt key usually also leaves a required one missing.
  const unknown = parsed.error.issues.find((i) => i.code === 'unrecognized_keys');
  if (unknown?.code === 'unrecognized_keys' && unknown.keys[0]) {
    throw new ConfigError(unknownKeyMessage(file, doc, counter, schema, unknown.path, unknown.keys[0]));
  }
  const issue = parsed.error.issues[0]!;
  const key = issue.path.length ? issue.path.join('.') : '(top level)';
  const line = lineOfNode(counter, nodeAt(doc, issue.path));
  throw new ConfigError(`${file}${line ? `:${line}` : ''}: key "${key}": ${issue.message}`);
}

/** Convenience: loads `name` from the config folder `dir`. */
export function loadConfigFile<S extends z.ZodType>(dir: string, name: string, schema: S): z.output<S> {
  return loadYamlFile(join(dir, name), schema);
}
