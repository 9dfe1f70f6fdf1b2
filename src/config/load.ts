// Loading analyst-edited YAML files under config/: one generic loader that validates with a zod schema and
// turns every failure into a ConfigError naming the file, the key path, the line and the reason.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../errors.ts';
import { projectPath } from '../paths.ts';

/** The config/ folder shipped with the project; `--config DIR` overrides it. */
export const DEFAULT_CONFIG_DIR = projectPath('config');

/** Resolves the config folder from a `--config` value (relative to the working directory) or the default. */
export function resolveConfigDir(value?: string): string {
  return value ? resolve(value) : DEFAULT_CONFIG_DIR;
}

function lineOf(doc: ReturnType<typeof parseDocument>, counter: LineCounter, path: PropertyKey[]): number | null {
  let node: unknown = doc.contents;
  for (const key of path) {
    if (isMap(node) || isSeq(node)) node = (node as { get(k: unknown, keep: true): unknown }).get(key, true);
    else break;
  }
  const range = (node as YamlNode | undefined)?.range;
  return range ? counter.linePos(range[0]).line : null;
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
  const issue = parsed.error.issues[0]!;
  const key = issue.path.length ? issue.path.join('.') : '(top level)';
  const line = lineOf(doc, counter, issue.path);
  throw new ConfigError(`${file}${line ? `:${line}` : ''}: key "${key}": ${issue.message}`);
}

/** Convenience: loads `name` from the config folder `dir`. */
export function loadConfigFile<S extends z.ZodType>(dir: string, name: string, schema: S): z.output<S> {
  return loadYamlFile(join(dir, name), schema);
}
