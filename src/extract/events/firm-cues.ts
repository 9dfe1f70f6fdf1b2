// Firm names the entity stage missed, recognised from the words around them: a designator ("media group Reuters"),
// an appositive ("ABN Amro, the Netherlands' largest bank"), a possessive ("May's chairman"), an organisation head
// word ("Caja", "Fundación", "CB"), a Spanish article before a proper name ("el Arsenal", "del Real Valladolid"), or a
// Spanish acronym ("RTVE"). Every name found here is a firm for the event rules only; entities are not changed.
import type { Mention } from '../types.ts';

/** A firm name found by a cue; `override` names may replace person/place mentions the tagger put on the same words. */
export interface CuedName {
  name: string;
  start: number;
  end: number;
  override: boolean;
}

const WORD = String.raw`\p{Lu}[\p{L}\p{N}&'’\-]*`;
const NAME_EN = String.raw`${WORD}(?:[ \t]+(?:(?:of|and|&)[ \t]+)?${WORD}){0,4}`;
const NAME_ES = String.raw`${WORD}(?:[ \t]+(?:(?:de|del|de la|de los|y|i)[ \t]+)?${WORD}){0,4}`;

const DESIGNATOR = String.raw`(?:firm|company|group|giant|maker|carmaker|automaker|bank|retailer|rival|airline|chipmaker|insurer|producer|manufacturer|start-?up|conglomerate|publisher|broadcaster|studio|developer|supplier|chain|lender|brewer|distributor|operator)`;
// "car maker BMW", "media group Reuters", "US retail giant Federated Department Stores" (no article needed).
const BEFORE_EN = new RegExp(String.raw`\b${DESIGNATOR}[ \t]+(${NAME_EN})`, 'gu');
// "ABN Amro, the Netherlands' largest bank", "Mittal Steel, one of the world's largest steel producers".
const APPOSITIVE_EN = new RegExp(String.raw`(?<![\p{L}\p{N}])(${NAME_EN}),[ \t]+(?:the|a|an|one of the)[ \t]+(?:[\p{L}'’\-]+[ \t]+){0,5}?${DESIGNATOR}s?(?=[\s,.;])`, 'gu');
// "May's chairman", "Laura Ashley chief stepping down", "Goodyear Chairman Robert Mercer".
const OWNED_EN = new RegExp(String.raw`(?<![\p{L}\p{N}])(${NAME_EN})(?:['’]s)?[ \t]+(?:[Cc]hairman|[Cc]hairwoman|[Cc]hief [Ee]xecutive|[Cc]hief|CEO|[Bb]oss|[Pp]resident|[Vv]ice [Cc]hairman|board|shares|workforce|staff|employees|headquarters|shareholders)\b`, 'gu');
const ES_HEAD = /^(?:Caja|Caixa|Banco|Banca|Radio|Televisi[oó]n|Fundaci[oó]n?|Fundaci[oó]|Grupo|Club|Real|Deportivo|Atl[eé]tico|Patronato|Editorial|Ediciones|Industrias|Laboratorios|Compa[nñ][ií]a|Corporaci[oó]n|Sociedad|Uni[oó]n Deportiva)$/u;
const ES_TAIL = /^(?:CB|CF|FC|SAD|BM|CD|UD|SA|SL|Bank|Group)$/u;
// "Eurovestir, empresa que cuenta con…": a name followed by a firm noun in apposition; in a list ("Uno-e, la
// compañía de internet Terra Network") the noun designates the next name instead.
const APPOSITIVE_ES = new RegExp(String.raw`(?<![\p{L}\p{N}])(${NAME_ES}),[ \t]+(?:(?:la|una|el|un)[ \t]+)?(?:empresa|compa[nñ][ií]a|firma|sociedad|multinacional|cadena|fabricante|constructora|aseguradora|operadora|entidad financiera|entidad bancaria)(?![\p{L}])(?!(?:[ \t]+\p{Ll}+){0,2}[ \t]+\p{Lu})`, 'gu');
const ARTICLE_ES = new RegExp(String.raw`(?<![\p{L}])(?:[Ee]l|del|al)[ \t]+(${NAME_ES})`, 'gu');
const ACRONYM = /(?<![\p{L}\p{N}])([A-Z]{3,6})(?![\p{L}\p{N}])/gu;
// Words that start names of things that are not employers in the sense of the event rules.
const NOT_FIRM_ES = new Set(
  ('Gobierno Ejecutivo Rey Reina Príncipe Principe Papa Presidente Presidenta Congreso Senado Parlamento Ministerio Ministro Ministra Tribunal Supremo Constitucional Estado Ejército ' +
    'Mundial Tour Giro Partido Consejo Señor Don Doña Defensor Fiscal Juzgado Instituto Norte Sur Este Oeste Atlántico Mediterráneo Pacífico Golfo Gran Premio Campeonato Torneo Open ' +
    'Lunes Martes Miércoles Jueves Viernes Sábado Domingo Enero Febrero Marzo Abril Mayo Junio Julio Agosto Septiembre Octubre Noviembre Diciembre Día Año Plan Proyecto Programa Premio ' +
    'Telediario Derecho Producción Informativos Comunicación Administración Consejería Dirección Área Euro Eurocopa Liga Copa Juegos Olímpicos Festival Museo Palacio Teatro Ayuntamiento PP PSOE').split(' '),
);
const NOT_ACRONYM = new Set('PP PSOE IU CIU PNV UGT CCOO ONU UE EEUU OTAN ETA FMI OCDE EE UU PIB IVA IPC BOE TC TS DNI SIDA ADN EU US UK NBA ACB ATP WTA FIFA UEFA COI ERE AVE TV CD DVD II III IV VI VII VIII IX XI XII XX XXI OPA OPV PYME PYMES TIC ONG CEO GMT EFE USA URSS RDA RFA ISBN EEE OEA OMC OMS OIT UNESCO UNICEF ACNUR CEE BCE CIA FBI NASA'.split(' '));
const NOT_FIRM_EN = new Set(['The', 'A', 'An', 'In', 'On', 'At', 'But', 'And', 'It', 'He', 'She', 'They', 'We', 'Mr', 'Mrs', 'Ms', 'Dr', 'Chairman', 'Chief', 'President', 'Executive', 'Group', 'Its', 'His', 'Her', 'This', 'That', 'Former', 'New', 'US', 'UK', 'U.S.', 'Sir', 'Prime', 'Minister', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February', 'March', 'April', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'Mr', 'Britain', 'America', 'Europe', 'China', 'Japan', 'Germany', 'France']);

function overlapsAny(r: { start: number; end: number }, list: Array<{ start: number; end: number }>): boolean {
  return list.some((m) => r.start < m.end && m.start < r.end);
}

/** Trims leading words that cannot start a firm name and trailing connectors; null when nothing is left. */
function tidy(name: string, start: number, stop: Set<string>, dropOnStop = false): { name: string; start: number } | null {
  const words = name.split(/[ \t]+/);
  // In Spanish a stop word anywhere first ("Museo Reina Sofía", "Gobierno Vasco") marks the whole name as no firm.
  if (dropOnStop && words.some((w) => stop.has(w))) return null;
  let s = start;
  while (words.length && stop.has(words[0]!)) {
    s += words[0]!.length + 1;
    words.shift();
  }
  while (words.length && /^(?:of|and|&|de|del|la|los|y|i)$/.test(words[words.length - 1]!)) words.pop();
  if (!words.length || !/^\p{Lu}/u.test(words[0]!)) return null;
  const n = words.join(' ');
  return n.length >= 2 ? { name: n, start: s } : null;
}

function englishCues(text: string, others: Mention[]): CuedName[] {
  const out: CuedName[] = [];
  const places = others.filter((m) => m.type !== 'person');
  const add = (raw: string, at: number, override: boolean) => {
    const t = tidy(raw.replace(/['’]s$/u, ''), at, NOT_FIRM_EN);
    if (!t || /^[A-Z]{1,2}$/.test(t.name)) return;
    const r = { name: t.name, start: t.start, end: t.start + t.name.length, override };
    // A place or agency name is never turned into a firm ("Britain's chief executive", "Federal Reserve chairman").
    if (overlapsAny(r, places)) return;
    if (!override && overlapsAny(r, others)) return;
    // A cue never cuts a person's name in half: "Steven B. Sheppard chief operating officer" names no firm "Sheppard".
    if (others.some((m) => m.type === 'person' && m.start < r.start && r.start < m.end)) return;
    out.push(r);
  };
  for (const m of text.matchAll(BEFORE_EN)) add(m[1]!, m.index + m[0].length - m[1]!.length, false);
  for (const m of text.matchAll(APPOSITIVE_EN)) add(m[1]!, m.index, true);
  for (const m of text.matchAll(OWNED_EN)) add(m[1]!, m.index, true);
  return out;
}

function spanishCues(text: string, others: Mention[]): CuedName[] {
  const out: CuedName[] = [];
  const people = others.filter((m) => m.type === 'person' || m.type === 'agency');
  const kbPlaces = others.filter((m) => m.type === 'location' && m.origin === 'kb');
  const add = (raw0: string, at0: number, viaArticle: boolean) => {
    // A sentence-initial article is not part of the name ("La Caja Rural de Soria").
    const lead = /^(?:El|La|Los|Las|Un|Una)[ \t]+/u.exec(raw0)?.[0] ?? '';
    const raw = raw0.slice(lead.length);
    const at = at0 + lead.length;
    const t = tidy(raw, at, NOT_FIRM_ES, true);
    if (!t) return;
    const words = t.name.split(' ');
    const headed = words.some((w, i) => ES_HEAD.test(w) && (i > 0 || words.length > 1)) || (words.length > 1 && ES_TAIL.test(words[words.length - 1]!));
    if (!headed && !viaArticle) return;
    const r = { name: t.name, start: t.start, end: t.start + t.name.length, override: headed };
    if (overlapsAny(r, people) && !headed) return;
    // "el Valladolid" is the club, but a country or region the knowledge base knows stays a place.
    if (!headed && overlapsAny(r, kbPlaces)) return;
    out.push(r);
  };
  for (const m of text.matchAll(ARTICLE_ES)) add(m[1]!, m.index + m[0].length - m[1]!.length, true);
  for (const m of text.matchAll(APPOSITIVE_ES)) add(m[1]!, m.index, true);
  const headRe = new RegExp(`(?<![\\p{L}])(${NAME_ES})`, 'gu');
  for (const m of text.matchAll(headRe)) add(m[1]!, m.index, false);
  for (const m of text.matchAll(ACRONYM)) {
    const a = m[1]!;
    if (NOT_ACRONYM.has(a) || /^[IVXLCDM]+$/.test(a) || /[&.]/.test(text[m.index + a.length] ?? '')) continue;
    // Words in an all-caps line (a headline) are not acronyms.
    const line = text.slice(text.lastIndexOf('\n', m.index) + 1, text.indexOf('\n', m.index) < 0 ? text.length : text.indexOf('\n', m.index));
    if (!/\p{Ll}{3}/u.test(line)) continue;
    // "ISRAEL - LIBANO - ENFRENTAMIENTOS": a run of capitalised words is a headline inside the line.
    if (/\p{Lu}{3,}[\s-]*$/u.test(text.slice(Math.max(0, m.index - 12), m.index)) || /^[\s-]*\p{Lu}{3,}/u.test(text.slice(m.index + a.length, m.index + a.length + 12))) continue;
    const r = { name: a, start: m.index, end: m.index + a.length, override: false };
    if (!overlapsAny(r, others)) out.push(r);
  }
  return out;
}

// Public cultural, academic and health institutions are not firms for the event rules (ANNOTATION.md: employers only).
const INSTITUTION = /(?<![\p{L}])(?:Museo|Museum|Universidad|Universitat|University|Hospital|Biblioteca|Library|Ministerio|Ministry)(?![\p{L}])/u;

/** Firm names established by the words around them (see the file comment); overlapping finds keep the longer one. */
export function cuedFirmNames(text: string, lang: string, others: Mention[], skipUntil: number): CuedName[] {
  const found = (lang === 'es' ? spanishCues(text, others) : lang === 'en' ? englishCues(text, others) : []).filter((c) => c.start >= skipUntil && !INSTITUTION.test(c.name));
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: CuedName[] = [];
  for (const c of found) {
    const last = kept[kept.length - 1];
    if (last && c.start < last.end) {
      if (c.end - c.start > last.end - last.start) kept[kept.length - 1] = { ...c, override: c.override || last.override };
      continue;
    }
    kept.push(c);
  }
  return kept;
}

/** "Radio Nacional de España (RNE)": the acronym in brackets right after a firm name, to be read as the same firm. */
export function bracketAcronym(text: string, end: number): { name: string; start: number } | null {
  const m = /^\s*\(([A-Z][A-Z0-9&.-]{1,7})\)/u.exec(text.slice(end, end + 14));
  if (!m) return null;
  return { name: m[1]!, start: end + m[0].indexOf(m[1]!) };
}
