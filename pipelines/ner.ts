// `radar ner --conll FILE [--lang xx] [--model PATH]`: tags a CoNLL file and prints it back with one more column, the
// predicted IOB2 tag. The language comes from --lang, else the file name (eng/en, esp/es, fr, de, pt), else eld.
import { basename } from 'node:path';
import { parseCommandArgs } from '../src/cli-args.ts';
import { InputError } from '../src/errors.ts';
import { type ConllFile, readConllFile } from '../src/ner/conll.ts';
import { loadModel } from '../src/ner/model.ts';
import { NER_LANGUAGES, getModel } from '../src/ner/registry.ts';

const USAGE = 'usage: radar ner --conll FILE[.gz] [--lang en|es|fr|de|pt] [--model PATH]';

const NAME_HINTS: Array<[RegExp, string]> = [
  [/(^|[^a-z])(eng?|english)([^a-z]|$)/, 'en'],
  [/(^|[^a-z])(esp?|spa|spanish)([^a-z]|$)/, 'es'],
  [/(^|[^a-z])(fra?|fre|french)([^a-z]|$)/, 'fr'],
  [/(^|[^a-z])(de|deu|ger|german)([^a-z]|$)/, 'de'],
  [/(^|[^a-z])(pt|por|portuguese)([^a-z]|$)/, 'pt'],
];

/** Guesses the language from a file name such as eng.testb or fr.test.conllu.gz; null when the name says nothing. */
export function languageFromFileName(path: string): string | null {
  const name = basename(path).toLowerCase();
  for (const [re, lang] of NAME_HINTS) if (re.test(name)) return lang;
  return null;
}

async function detectLanguage(file: ConllFile): Promise<string> {
  const { eld } = await import('eld/medium');
  const words: string[] = [];
  for (const doc of file.documents) {
    for (const s of doc.sentences) {
      words.push(...s.tokens);
      if (words.length > 3000) break;
    }
    if (words.length > 3000) break;
  }
  return eld.detect(words.join(' ')).language;
}

/** Entry point of `radar ner`. */
export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(USAGE, {
    args: argv,
    options: { conll: { type: 'string' }, lang: { type: 'string' }, model: { type: 'string' }, config: { type: 'string' } },
  });
  if (!values.conll) throw new InputError(`missing --conll FILE\n${USAGE}`);
  const path = values.conll;
  const file = readConllFile(path);
  const lang = values.lang ?? languageFromFileName(path) ?? (await detectLanguage(file));
  const model = values.model ? loadModel(values.model) : getModel(lang);
  if (!model) throw new InputError(`${path}: no NER model for language "${lang}" (have ${NER_LANGUAGES.join(', ')}; pass --lang)`);

  const predicted = new Map<number, string>(); // line number -> tag
  for (const doc of file.documents) {
    const tags = model.tagDocument(doc.sentences.map((s) => s.tokens));
    doc.sentences.forEach((s, i) => s.lines.forEach((l, j) => predicted.set(l.line, tags[i]![j]!)));
  }
  const out: string[] = [];
  for (const l of file.lines) {
    const tag = predicted.get(l.line);
    if (tag === undefined) out.push(l.text.trimEnd());
    else {
      const text = l.text.trimEnd();
      out.push(`${text}${text.includes('\t') ? '\t' : ' '}${tag}`);
    }
  }
  // A closed pipe (`radar ner ... | head`) is a normal way to stop reading, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}
