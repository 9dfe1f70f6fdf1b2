// Evidence about a name from the text around it, used by resolve.ts: a product named as its maker ("the ChatGPT
// company"), a word that is only part of a longer civic or event name ("Mundo" in "Copa del Mundo"), a Spanish club
// after an article in a sports story ("procede del Grasshopper"), and words of an all-caps headline run.
import { civicOrgName } from './context.ts';
import { wholeWordOffsets } from './fold.ts';

// "the ChatGPT company", "the ChatGPT maker": the product stands for its owner, unless a name follows ("ChatGPT maker OpenAI").
const OWNER_AFTER = /^(?:\s*[-‑]\s*|\s+)(?:company|maker|makers|developer|creator|owner|firm|start-?up|lab)\b(?!\s+\p{Lu})/u;
const ARTICLE_BEFORE = /(?:^|[^\p{L}])(?:the|its|a|an)\s+$/iu;
// "the maker of ChatGPT", "la empresa creadora de ChatGPT".
const OWNER_BEFORE = /(?:maker|makers|developer|creator|owner|company behind|firm behind|start-?up behind|creadora|creador|propietaria|dueña)\s+(?:of|de|del)\s+(?:the\s+|el\s+|la\s+)?$/iu;

/** True when the words around a product mention name its maker ("the ChatGPT company", "maker of ChatGPT"). */
export function ownerContext(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 40), start);
  if (OWNER_BEFORE.test(before)) return true;
  return ARTICLE_BEFORE.test(before) && OWNER_AFTER.test(text.slice(end, end + 30));
}

// Heads of names of events, meetings and bodies of states that are never firms ("Copa del Mundo", "Congreso Español de X").
const EVENT_HEAD = /^(?:Copa|Cup|Campeonato|Championships?|Mundial|Congreso|Congress|Conferencia|Conference|Cumbre|Summit|Feria|Fair|Festival|Juegos|Games|Olimpiadas?|Simposio|Symposium|Jornadas|Foro|Forum|Torneo|Tournament|Exposición|Premio|Prize|Estados|States|Comunidad|Community|Organización|Organisation|Organization|Conferencia|Consejo|Council|Asamblea|Assembly)$/u;
const LINK = /^(?:de|del|la|las|los|y|of|the|and|for|on)$/u;

/**
 * True when `word` occurs in the text as the last word of a longer capitalised name headed by an event, meeting,
 * civic or state-body word ("Copa del Mundo", "Asociación de Estados del Caribe", "II Congreso Español de Metrología").
 */
export function insideCivicName(text: string, word: string): boolean {
  // Read only the words just before each whole-word occurrence: a regex over the whole text per candidate name made
  // this quadratic in article length (the longest pages took seconds).
  for (const at of wholeWordOffsets(text, word)) {
    const words = wordsBefore(text, at);
    if (!words) continue;
    // Walk back over capitalised words and links while the name lasts; the name must join the word by a link.
    let i = words.length - 1;
    if (!LINK.test(words[i]!)) continue;
    while (i > 0 && (LINK.test(words[i - 1]!) || /^\p{Lu}/u.test(words[i - 1]!))) i--;
    const name = words.slice(i).filter((w) => /^\p{Lu}/u.test(w));
    if (!name.length) continue;
    if (name.some((w) => EVENT_HEAD.test(w)) || civicOrgName(name.join(' '))) return true;
  }
  return false;
}

const WORD_PART = /[\p{L}\p{N}'’-]/u;
const isGap = (ch: string | undefined) => ch === ' ' || ch === '\t';

/**
 * Up to six words separated by spaces or tabs that end, with their spacing, right where the candidate at `at` starts
 * (within 300 characters); null when a space or tab does not come right before it. A backward scan: an end-anchored
 * regex would be tried from every position of the window, for every occurrence of every candidate.
 */
function wordsBefore(text: string, at: number): string[] | null {
  const floor = Math.max(0, at - 300);
  let i = at;
  while (i > floor && isGap(text[i - 1])) i--;
  if (i === at) return null;
  const words: string[] = [];
  while (words.length < 6) {
    let start = i;
    while (start > floor && WORD_PART.test(text[start - 1]!)) start--;
    if (start === i) break;
    words.unshift(text.slice(start, i));
    i = start;
    let gap = i;
    while (gap > floor && isGap(text[gap - 1])) gap--;
    if (gap === i) break;
    i = gap;
  }
  return words.length ? words : null;
}

// Sports words that make "del X" a club: the story is about football, basketball or handball players and coaches.
const SPORTS = /(?<![\p{L}])(?:fútbol|futbolista|centrocampista|delantero|portero|guardameta|entrenador|fichaje|fichó|goles|baloncesto|balonmano|Liga|Champions)(?![\p{L}])/u;

/** True when a Spanish name follows el/del/al, not inside a longer capitalised name, in a sports story ("procede del Grasshopper"). */
export function clubAfterArticle(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 30), start);
  if (!/(?:^|[^\p{L}])(?:el|del|al)\s+$/u.test(before) || /\p{Lu}[\p{L}]*\s+(?:el|del|al)\s+$/u.test(before)) return false;
  if (/^\s+\p{Lu}/u.test(text.slice(end, end + 3))) return false;
  return SPORTS.test(text);
}

/** True when an all-caps word stands next to another all-caps word on its line, i.e. inside a headline run. */
export function capsHeadlineWord(text: string, start: number, end: number): boolean {
  const line0 = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(Math.max(line0, start - 30), start);
  const after = text.slice(end, end + 30);
  return /(?<![\p{L}])\p{Lu}{2,}[\s-]*$/u.test(before) || /^[\s-]*\p{Lu}{3,}(?![\p{Ll}])/u.test(after);
}
