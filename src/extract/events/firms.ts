// Firm references for the event rules: the entity stage's firm mentions plus event-local heuristics for firms no
// knowledge base knows ("Lodgistix Inc", Reuters' "<Sequoia Systems>", "la multinacional Heinz"), each resolved
// to one article-level firm so that "Goodyear Tire and Rubber Co" and a later "Goodyear" are the same firm.
import { wholeWordOffsets } from '../fold.ts';
import type { Mention } from '../types.ts';
import { bracketAcronym, cuedFirmNames } from './firm-cues.ts';

/** One place in the text that names a firm, resolved to an article-level firm key. */
export interface FirmRef {
  key: string;
  name: string;
  start: number;
  end: number;
  fromKb: boolean;
}

const LEGAL_SUFFIX = String.raw`(?:Inc|INC|Corp|CORP|Corporation|Co|Company|Cos|Ltd|LTD|Limited|plc|PLC|Plc|LLC|SA|S\.A|AG|GmbH|NV|N\.V|SpA|AB|Group|Holdings?|Industries|Laboratories|Laboratory|Systems|Airways|Airlines|Bank|Motors|Steel|Stores|Studios|Technologies|Electronics|Semiconductors?|Pharmaceuticals|Petroleum|Telecom|Communications|Networks|Software|Insurance|Entertainment)\b\.?`;
// Words in a longer name that make it a different firm from a known one inside it ("Sequoia Systems" is not "Sequoia").
const INDUSTRY_WORD = /\b(?:Systems|Steel|Stores|Studios|Technologies|Electronics|Semiconductors?|Pharmaceuticals|Petroleum|Telecom|Communications|Networks|Software|Insurance|Entertainment|Laborator(?:y|ies)|Airways|Airlines|Motors|Industries)\b/;
// Works councils, unions, committees and public institutions are not employers in the sense of the event rules.
const NOT_EMPLOYER = /^(?:Comit[eé]|Comisi[oó]n|Sindicato|Junta|Museo|Museum|Hospital|Ministerio|Ministry|Consejer[ií]a|Consejo de Administraci[oó]n|(?:National )?Union of|Trades? Unions?|Transport (?:&|and) General)(?![\p{L}])/u;
const BARE_LEGAL = /^(?:Inc|Corp|Corporation|Co|Company|Cos|Ltd|Limited|plc|PLC|LLC|SA|AG|GmbH|NV|SpA|AB|Group|Holdings?)\.?$/;
const CAP_WORD = String.raw`(?:[A-Z][\p{L}\p{N}&'’\-]*|&|of|and|de|del|y|la|des|du|van|von)`;
// "Pan Am Corp", "Goodyear Tire and Rubber Co", "Sony (U.K.) Ltd"; a run of suffix words stays in the name ("… Software Inc").
// Names may wrap onto the next line (Reuters) but never cross a blank line.
const SEP = String.raw`(?:[ \t]+|[ \t]*\n[ \t]*)`;
const SUFFIXED = new RegExp(String.raw`(?<![\p{L}])((?:[A-Z][\p{L}\p{N}&'’\-.]*)(?:${SEP}(?:${CAP_WORD}|\([A-Z.]+\)))*?),?${SEP}${LEGAL_SUFFIX}(?:,?[ \t]+${LEGAL_SUFFIX})*`, 'gu');
// Reuters marks unlisted companies as <Sequoia Systems>; tickers (<GT>, <RENA.PA>) are all caps and skipped.
const BRACKETED = /<([A-Z][^<>\n]*[a-z][^<>\n]*)>/gu;
// A designator noun then a capitalised name: "la multinacional estadounidense Heinz", "the carmaker Renault".
const DESIGNATED = new RegExp(
  String.raw`(?:\b(?:[Ll]a|[Ee]l|[Ll]os|[Ll]as|[Tt]he|a|an|[Uu]n|[Uu]na)\s+(?:empresa|compa[nñ][ií]a|multinacional|firma|entidad(?:\s+bancaria)?|grupo|banco|caja|club|sociedad|aseguradora|constructora|cadena|fabricante|operadora|company|firm|group|carmaker|automaker|airline|bank|retailer|chipmaker|startup|start-up|lab|insurer|maker|manufacturer|giant)(?:\s+[a-záéíóúñ]+){0,2}\s+|\b(?:Ayuntamiento de|Patronato Municipal de \p{Lu}\p{L}+(?: de \p{Lu}\p{L}+)?|Consejo de|Caja de|Caixa de)\s*)((?:\p{Lu}[\p{L}\p{N}&'’\-]*)(?:\s+(?:(?:de la|de los|de|del|la|y)\s+)?\p{Lu}[\p{L}\p{N}&'’\-]*){0,4})`,
  'gu',
);
const NOT_FIRM_WORDS = new Set(['The', 'A', 'An', 'In', 'On', 'At', 'But', 'And', 'It', 'He', 'She', 'They', 'We', 'El', 'La', 'Los', 'Las', 'Un', 'Una', 'Por', 'Para', 'Sin', 'Con', 'En', 'Según', 'Este', 'Esta', 'Mr', 'Mrs', 'Ms', 'Last', 'This', 'That', 'U.S.', 'New']);
const GENERIC_FIRST = new Set(['American', 'British', 'National', 'General', 'United', 'First', 'Royal', 'International', 'Southern', 'Northern', 'Western', 'Eastern', 'Central', 'Pacific', 'Atlantic', 'Texas', 'New', 'Banco', 'Caja', 'Grupo', 'Real', 'Santa', 'San', 'Radio']);

/** Normalised key for a firm name: lower case, no accents, no punctuation, no legal suffix. */
export function firmKey(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const legal = new Set(['inc', 'corp', 'corporation', 'co', 'company', 'cos', 'ltd', 'limited', 'plc', 'llc', 'sa', 'ag', 'gmbh', 'nv', 'spa', 'group', 'holding', 'holdings', 'the', 'grupo']);
  const kept = words.filter((w) => !legal.has(w));
  return (kept.length ? kept : words).join(' ');
}

function clean(name: string): string {
  return name.replace(/\s+/g, ' ').replace(/^[\s,.]+|[\s,.]+$/g, '').replace(/^(?:The|El|La)\s+/, '');
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

interface RawRef {
  name: string;
  start: number;
  end: number;
  fromKb: boolean;
  id?: string;
}

function heuristicRefs(text: string, skipUntil: number, others: Mention[]): RawRef[] {
  const out: RawRef[] = [];
  const push = (name0: string, start0: number, strong: boolean) => {
    // "Japan's Okuma Machinery Works LTD": a place's possessive before the name is not part of it.
    const owner = /^(\p{Lu}[\p{L}.]*)['’]s[ \t]+(?=\p{Lu})/u.exec(name0);
    const place = owner && others.some((m) => m.type === 'location' && m.start === start0 && m.end === start0 + owner[1]!.length);
    const name = place ? name0.slice(owner[0].length) : name0;
    const start = place ? start0 + owner[0].length : start0;
    const n = clean(name);
    const first = n.split(' ')[0] ?? '';
    if (n.length < 2 || NOT_FIRM_WORDS.has(first) || start < skipUntil) return;
    const ref = { name: n, start, end: start + name.trimEnd().length, fromKb: false };
    // A person or a place the entity stage found wins over a weak heuristic ("Santa Bárbara" the town).
    if (!strong && others.some((m) => overlaps(m, ref))) return;
    out.push(ref);
  };
  for (const m of text.matchAll(BRACKETED)) push(m[1]!, m.index + 1, true);
  // The lazy match stops at the first suffix word, so "General Motors of Canada Ltd" comes out as "General Motors"
  // and "Canada Ltd": a match that follows the previous one across "of"/"de" continues that name.
  let prev: { start: number; end: number } | null = null;
  for (const m of text.matchAll(SUFFIXED)) {
    const full = m[0].replace(/[\s,]+$/, '');
    if (prev && /^[ \t]+(?:of|de)[ \t]+$/.test(text.slice(prev.end, m.index))) {
      const last = out[out.length - 1];
      if (last && last.start === prev.start) out.pop();
      prev = { start: prev.start, end: m.index + full.length };
      push(text.slice(prev.start, prev.end), prev.start, true);
      continue;
    }
    prev = { start: m.index, end: m.index + full.length };
    push(full, m.index, true);
  }
  for (const m of text.matchAll(DESIGNATED)) {
    const name = m[1]!;
    const start = m.index + m[0].length - name.length;
    const prefix = m[0].slice(0, m[0].length - name.length);
    const institution = /Ayuntamiento|Patronato|Consejo|Caja de|Caixa de/.test(prefix);
    push(institution ? m[0].replace(/^\s+/, '') : name, institution ? m.index + (m[0].length - m[0].trimStart().length) : start, false);
  }
  return out;
}

/** True when two firm keys name the same firm, one abbreviating words of the other ("n y telephone" / "new york telephone"). */
export function sameFirmKey(a: string, b: string): boolean {
  if (a === b || a.startsWith(`${b} `) || b.startsWith(`${a} `)) return true;
  // "internet unofirst" / "unofirst": a distinctive last word on its own names the same firm.
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  if (short.length >= 5 && !short.includes(' ') && long.endsWith(` ${short}`)) return true;
  const x = a.split(' ');
  const y = b.split(' ');
  let i = 0;
  let j = 0;
  let abbreviated = false;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      i++;
      j++;
    } else if (x[i]!.length === 1 && y[j]!.length > 1 && y[j]![0] === x[i]) {
      abbreviated = true;
      i++;
      j++;
    } else if (y[j]!.length === 1 && x[i]!.length > 1 && x[i]![0] === y[j]) {
      abbreviated = true;
      i++;
      j++;
    } else return false;
  }
  return abbreviated && i === x.length && j === y.length;
}

/** Every firm reference in the article, sorted by position, with keys shared by names of the same firm. */
export function findFirmRefs(text: string, mentions: Mention[], capsTitleEnd: number, lang = 'en', headlineEnd = 0): FirmRef[] {
  const personNames = new Set(mentions.filter((m) => m.type === 'person').flatMap((m) => [m.name, m.name.split(' ').pop() ?? m.name]));
  const firmMentions = mentions.filter(
    (m) => m.type === 'firm' && !BARE_LEGAL.test(m.text.trim()) && !(m.origin !== 'kb' && NOT_EMPLOYER.test(m.name)) && !(m.origin !== 'kb' && personNames.has(m.text) && !mentions.some((p) => p.type === 'person' && p.start === m.start)),
  );
  const bodyIds = new Set(firmMentions.filter((m) => m.start >= capsTitleEnd).map((m) => m.entityId));
  let raw: RawRef[] = firmMentions
    // An ALL-CAPS Reuters title names firms only when the body names them too.
    .filter((m) => m.start >= capsTitleEnd || bodyIds.has(m.entityId))
    .map((m) => ({ name: m.name, start: m.start, end: m.end, fromKb: m.origin === 'kb', id: m.entityId }));
  // Names cued by their context replace shorter tagger firms inside them and, when the cue is strong, people or
  // places the tagger put on the same words ("Laura Ashley" the retailer, "Goodyear" the tyre maker).
  const overridden: Array<{ start: number; end: number }> = [];
  for (const c of cuedFirmNames(text, lang, mentions, capsTitleEnd)) {
    const inside = raw.filter((r) => overlaps(r, c));
    if (inside.some((r) => r.fromKb || r.end - r.start >= c.end - c.start)) continue;
    raw = raw.filter((r) => !inside.includes(r));
    raw.push({ name: clean(c.name), start: c.start, end: c.end, fromKb: false });
    if (c.override) overridden.push(c);
  }
  const others = mentions.filter((m) => m.type !== 'firm' && !overridden.some((o) => overlaps(o, m)));
  for (const h of heuristicRefs(text, capsTitleEnd, others)) {
    const inside = raw.filter((r) => overlaps(r, h));
    // "<Sequoia Systems>" is not the "Sequoia" of the knowledge base; "Sony (U.K.) Ltd" is Sony.
    const distinct = inside.length > 0 && inside.every((r) => r.start >= h.start && r.end <= h.end && r.end - r.start < h.end - h.start) && INDUSTRY_WORD.test(h.name) && !inside.some((r) => INDUSTRY_WORD.test(r.name));
    // Two or more tagger pieces inside one suffixed name are one name cut at a line wrap
    // ("Advanced Institutional Management\nSoftware Inc"), never two firms.
    const split = inside.length >= 2 && inside.every((r) => !r.fromKb && r.start >= h.start && r.end <= h.end);
    if (distinct || split) raw = raw.filter((r) => !inside.includes(r));
    else if (inside.length) continue;
    raw.push(h);
  }
  if (headlineEnd > 0) raw = raw.map((r) => (r.fromKb || r.start >= headlineEnd ? r : asTheBodyNamesIt(text, r, headlineEnd)));

  // Resolve names to article firms: same id, or one key a word-prefix or abbreviation of the other.
  const firms: Array<{ key: string; name: string; id?: string; fromKb: boolean }> = [];
  const resolveFirm = (r: RawRef) => {
    const k = firmKey(r.name);
    const hit = firms.find((f) => (r.id && f.id === r.id) || sameFirmKey(f.key, k));
    if (hit) {
      if (r.fromKb && !hit.fromKb) Object.assign(hit, { name: r.name, fromKb: true, id: r.id });
      // "El banco por Internet Unofirst" then "Unofirst": the bare distinctive name is the better canonical one.
      else if (!hit.fromKb && !r.fromKb && !k.includes(' ') && hit.key.endsWith(` ${k}`)) Object.assign(hit, { name: r.name, key: k });
      return hit;
    }
    const f = { key: k, name: r.name, fromKb: r.fromKb, ...(r.id ? { id: r.id } : {}) };
    firms.push(f);
    return f;
  };
  const resolved = raw.sort((a, b) => a.start - b.start).map((r) => ({ r, f: resolveFirm(r) }));

  // Short forms of heuristic names ("Goodyear" after "Goodyear Tire and Rubber Co") and bracketed acronyms
  // ("Radio Nacional de España (RNE)") found again in the body.
  const refs: FirmRef[] = resolved.map(({ r, f }) => ({ key: f.key, name: f.name, start: r.start, end: r.end, fromKb: f.fromKb }));
  const shortForms = new Map<string, (typeof firms)[number]>();
  for (const { r, f } of resolved) {
    const acr = bracketAcronym(text, r.end);
    if (acr) shortForms.set(acr.name, f);
  }
  for (const f of firms) {
    if (f.fromKb) continue;
    const words = f.name.replace(/\s*\([^)]*\)/g, '').split(' ');
    shortForms.set(words.filter((w) => !/^(Inc|Corp|Co|Ltd|plc|SA|AG|GmbH|Group|Holdings?)\.?$/.test(w)).join(' '), f);
    if (words.length > 1 && words[0]!.length >= 3 && !GENERIC_FIRST.has(words[0]!) && !/^(?:de|del|la|el)$/i.test(words[1] ?? '')) shortForms.set(words[0]!, f);
  }
  for (const [s, f] of shortForms) {
    if (!s || s.length < 2) continue;
    for (const at of wholeWordOffsets(text, s)) {
      const ref = { key: f.key, name: f.name, start: at, end: at + s.length, fromKb: false };
      if (at < capsTitleEnd || refs.some((x) => overlaps(x, ref))) continue;
      // A tagger's person or place on the same words yields unless it is the very words of the firm's name.
      if (others.some((o) => overlaps(o, ref) && !f.name.includes(o.text))) continue;
      refs.push(ref);
    }
  }
  unitsToParents(text, refs);
  return refs.filter((r) => r.fromKb || !NOT_EMPLOYER.test(r.name)).sort((a, b) => a.start - b.start);
}

/**
 * A title-case headline runs a firm's name into the words after it ("Genomic Prediction Appoints Santiago Munné",
 * "Potomac Bank Welcomes New…"): a headline name the body never writes is cut to its longest start that the body
 * does write. A one-word start must be a name, not a word the article also writes in lower case.
 */
function asTheBodyNamesIt(text: string, r: RawRef, headlineEnd: number): RawRef {
  const body = text.slice(headlineEnd);
  if (!text.startsWith(r.name, r.start) || wholeWordOffsets(body, r.name).length) return r;
  const words = r.name.split(' ');
  for (let k = words.length - 1; k >= 1; k--) {
    const start = words.slice(0, k).join(' ');
    if (start.length < 3 || (k === 1 && (GENERIC_FIRST.has(start) || wholeWordOffsets(text, start.toLowerCase()).length))) continue;
    if (wholeWordOffsets(body, start).length) return { ...r, name: start, end: r.start + start.length };
  }
  return r;
}

/** "Pan Am Corp said its Pan American World Airways unit will…": the unit's events belong to the parent firm. */
function unitsToParents(text: string, refs: FirmRef[]): void {
  refs.sort((a, b) => a.start - b.start);
  refs.forEach((r, i) => {
    if (!/\bits\s+$/.test(text.slice(Math.max(0, r.start - 5), r.start))) return;
    if (!/^\s+(?:unit|subsidiary|division|arm|affiliate)\b/.test(text.slice(r.end, r.end + 14))) return;
    const parent = refs.slice(0, i).reverse().find((p) => r.start - p.end < 80 && !/[.!?]\s/.test(text.slice(p.end, r.start)));
    if (!parent || parent.key === r.key) return;
    const old = r.key;
    for (const x of refs) if (x.key === old) Object.assign(x, { key: parent.key, name: parent.name, fromKb: parent.fromKb });
  });
}
