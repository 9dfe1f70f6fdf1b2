// Plain-text input passes through unchanged apart from newline normalisation, so offsets stay true to the input.

/** Normalises CRLF/CR newlines to LF and drops a leading BOM; nothing else changes. */
export function normalizeNewlines(text: string): string {
  return text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
}

/**
 * Returns the first line when it reads as a headline: short, followed by more text, and not ending like a sentence
 * of running prose. The line stays in the text (offsets must point into the input as given).
 */
export function headlineOf(text: string): string | null {
  const m = text.match(/^\s*([^\n]+)\n/);
  if (!m) return null;
  const line = m[1]!.trim();
  const rest = text.slice(m[0].length).trim();
  if (!rest || line.length < 3 || line.length > 200) return null;
  // A headline has no full stop at the end (question and exclamation marks are fine) and is not a dateline or a list item.
  if (/[.,;:。，；：]$/.test(line) && !/\.\.\.$|…$/.test(line)) return null;
  if (/^[-*•\d]+[.)]?\s/.test(line) && !/^\d+\s+\p{L}/u.test(line)) return null;
  const words = line.split(/\s+/).length;
  // CJK headlines have no spaces; everything else needs at least two words.
  if (words < 2 && !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(line)) return null;
  return line;
}
