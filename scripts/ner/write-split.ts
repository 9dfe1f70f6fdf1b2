// Writes one split of a language's NER data as a CoNLL file (token ... gold tag), e.g. the WikiNEuRal test split that
// `radar ner --conll` then tags for conlleval. Usage: npx tsx scripts/ner/write-split.ts --lang fr --split test > fr.test.conll
import { parseArgs } from 'node:util';
import { type Split, wikineuralSplitText } from './datasets.ts';

const { values } = parseArgs({ options: { lang: { type: 'string' }, split: { type: 'string', default: 'test' } } });
const split = values.split as Split;
if (!values.lang || !['fr', 'de', 'pt'].includes(values.lang) || !['train', 'dev', 'test'].includes(split)) {
  console.error('usage: write-split.ts --lang fr|de|pt --split train|dev|test');
  process.exit(2);
}
process.stdout.write(wikineuralSplitText(values.lang, split));
