// Language of the clean text with eld (fast, good on short inputs: ../shared/docs/PERFORMANCE.md §4), checked against what
// the page declares and any hint from the caller (a feed's configured language).
import { eld } from 'eld/medium';

export interface LanguageChoice {
  language: string;
  /** What eld said on its own ('' when it could not tell). */
  detected: string;
  reason: 'detected' | 'declared' | 'hint' | 'unknown';
}

/** eld reads about the first 1,000 characters; skip a short lead (headline, dateline) and sample real paragraphs. */
function sample(text: string): string {
  const paragraphs = text.split(/\n\s*\n/).filter((p) => p.length >= 40);
  const body = paragraphs.length ? paragraphs.join('\n') : text;
  return body.slice(0, 2000);
}

/** Close relatives eld may confuse on short or name-heavy text; a page's own declaration settles these. */
const CLOSE: Record<string, string[]> = {
  es: ['ca', 'gl', 'pt', 'it'], ca: ['es'], gl: ['pt', 'es'], pt: ['gl', 'es'], no: ['da', 'sv'], da: ['no', 'sv'],
  sv: ['no', 'da'], hr: ['sr', 'bs', 'sl'], sr: ['hr', 'bs'], bs: ['hr', 'sr'], id: ['ms'], ms: ['id'], zh: ['ja'], cs: ['sk'], sk: ['cs'],
};

/** Picks the article language: detected when reliable, else declared, else the hint; a declaration wins near-ties. */
export function chooseLanguage(text: string, declared: string | null, hint: string | null): LanguageChoice {
  const norm = (l: string | null) => (l ? l.toLowerCase().split(/[-_]/)[0] ?? null : null);
  const decl = norm(declared);
  const hinted = norm(hint);
  const s = sample(text);
  const result = s.trim().length >= 3 ? eld.detect(s) : null;
  const detected = result?.language ?? '';
  const scores = result?.getScores() ?? {};
  const reliable = !!result && result.isReliable() && s.length >= 40;
  const preferred = decl ?? hinted;
  if (detected && reliable) {
    // "es" detected as "ca" on a page declaring es, or zh/ja on kanji-heavy text: the declaration is the better call.
    if (preferred && preferred !== detected && CLOSE[detected]?.includes(preferred) && (scores[preferred] ?? 0) >= (scores[detected] ?? 0) * 0.85) {
      return { language: preferred, detected, reason: decl ? 'declared' : 'hint' };
    }
    return { language: detected, detected, reason: 'detected' };
  }
  if (decl) return { language: decl, detected, reason: 'declared' };
  if (hinted) return { language: hinted, detected, reason: 'hint' };
  if (detected) return { language: detected, detected, reason: 'detected' };
  return { language: 'und', detected, reason: 'unknown' };
}
