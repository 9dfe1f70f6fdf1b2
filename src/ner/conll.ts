// Reading and writing CoNLL-format files: one token per line, columns separated by white space, a blank line between
// sentences, -DOCSTART- lines between documents. WikiNEuRal-style files (index, token, tag) are recognised too.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { InputError } from '../errors.ts';
import { iob1ToIob2, normaliseTag } from './tags.ts';

export interface ConllLine {
  /** 1-based line number in the file. */
  line: number;
  text: string;
  cols: string[];
}

export interface ConllSentence {
  lines: ConllLine[];
  tokens: string[];
}

export interface ConllDocument {
  /** The -DOCSTART- line that opened the document, if any. */
  header: ConllLine | null;
  sentences: ConllSentence[];
}

export interface ConllFile {
  source: string;
  /** Index of the token column (0, or 1 for index-token-tag files). */
  tokenColumn: number;
  /** Every line in order: blank lines and -DOCSTART- lines have no sentence. */
  lines: ConllLine[];
  documents: ConllDocument[];
}

/** Reads a CoNLL file from disk, gunzipping *.gz, and throws InputError naming the file when it cannot. */
export function readConllFile(path: string): ConllFile {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
    if (path.endsWith('.gz') || (buf[0] === 0x1f && buf[1] === 0x8b)) buf = gunzipSync(buf);
  } catch (err) {
    throw new InputError(`${path}: cannot read CoNLL file: ${(err as Error).message}`, { cause: err });
  }
  return parseConll(buf.toString('utf8'), path);
}

const DATELINE = /^\($/;
/** Sentences per pseudo-document when a file has no document markers (document features need some context). */
export const PSEUDO_DOC_SENTENCES = 20;

/** Parses CoNLL text; `source` names the input in errors, which also give the line number. */
export function parseConll(text: string, source: string): ConllFile {
  const raw = text.split(/\r?\n/);
  if (raw[raw.length - 1] === '') raw.pop();
  const lines: ConllLine[] = [];
  const sentences: Array<{ sentence: ConllSentence; docStart: ConllLine | null }> = [];
  let cur: ConllSentence | null = null;
  let pendingDoc: ConllLine | null = null;
  let width = -1;
  let indexed = true;
  raw.forEach((t, i) => {
    const line: ConllLine = { line: i + 1, text: t, cols: t.trim() === '' ? [] : t.trim().split(/\s+/) };
    lines.push(line);
    if (t.includes('\u0000') || t.includes('\uFFFD')) throw new InputError(`${source}:${i + 1}: not UTF-8 text (binary or mis-encoded data)`);
    if (line.cols.length === 0) {
      cur = null;
      return;
    }
    if (line.cols[0] === '-DOCSTART-') {
      cur = null;
      pendingDoc = line;
      return;
    }
    if (width < 0) width = line.cols.length;
    else if (line.cols.length !== width) {
      throw new InputError(`${source}:${i + 1}: expected ${width} columns like the first token line, found ${line.cols.length}`);
    }
    if (!cur) {
      cur = { lines: [], tokens: [] };
      sentences.push({ sentence: cur, docStart: pendingDoc });
      pendingDoc = null;
    }
    // Index-token-tag files count tokens from 0 or 1 in the first column of every sentence.
    if (indexed) {
      const k = cur.lines.length;
      const first = k === 0 ? Number(line.cols[0]) : Number(cur.lines[0]!.cols[0]);
      if (width < 3 || !/^\d+$/.test(line.cols[0]!) || first > 1 || Number(line.cols[0]) !== first + k) indexed = false;
    }
    cur.lines.push(line);
  });
  if (sentences.length === 0) throw new InputError(`${source}: no token lines found (expected one token per line, a blank line between sentences)`);
  const tokenColumn = indexed ? 1 : 0;
  for (const { sentence } of sentences) sentence.tokens = sentence.lines.map((l) => l.cols[tokenColumn]!);
  return { source, tokenColumn, lines, documents: groupDocuments(sentences) };
}

function groupDocuments(sentences: Array<{ sentence: ConllSentence; docStart: ConllLine | null }>): ConllDocument[] {
  const hasMarkers = sentences.some((s) => s.docStart);
  const datelines = !hasMarkers && sentences.filter((s) => hasDateline(s.sentence.tokens)).length >= 2;
  const docs: ConllDocument[] = [];
  let doc: ConllDocument | null = null;
  for (const { sentence, docStart } of sentences) {
    const split = hasMarkers ? docStart !== null : datelines ? hasDateline(sentence.tokens) : (doc?.sentences.length ?? 0) >= PSEUDO_DOC_SENTENCES;
    if (split || !doc) {
      doc = { header: docStart, sentences: [] };
      docs.push(doc);
    }
    doc.sentences.push(sentence);
  }
  return docs;
}

/** A newswire dateline such as "Madrid , 23 may ( EFE ) ." starts a new article in files without -DOCSTART-. */
function hasDateline(tokens: readonly string[]): boolean {
  for (let i = 0; i + 2 < Math.min(tokens.length, 14); i++) {
    if (DATELINE.test(tokens[i]!) && /^[A-Z]{2,}$/.test(tokens[i + 1]!) && tokens[i + 2] === ')') return true;
  }
  return false;
}

/** Gold IOB2 tags of a sentence, read from its last column (IOB1 is converted). */
export function goldTags(sentence: ConllSentence): string[] {
  return iob1ToIob2(sentence.lines.map((l) => normaliseTag(l.cols[l.cols.length - 1]!)));
}
