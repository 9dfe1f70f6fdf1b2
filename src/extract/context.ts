// Context cues around a mention, in the languages we read: is it at a sentence start, does the text call it a company
// or an agency, is a place named after a locative preposition. Used by resolve.ts to decide types and ambiguity.

/** True when `start` opens a sentence, a line or a quotation (capitalisation there says nothing about names). */
export function atSentenceStart(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 4), start);
  return start === 0 || /(?:^|[.!?:;]\s+|\n\s*|["“«¿¡(]\s*)$/u.test(before) || /\n\s*$/u.test(before);
}

// Words that say "the next name is a company": la empresa X, the start-up X, chipmaker X, X's rival.
const FIRM_BEFORE = new RegExp(
  '(?:empresa|compañía|firma|startup|start-up|empresa emergente|fabricante|gigante|grupo|company|firm|chipmaker|chip maker|' +
  'maker|carmaker|retailer|rival|competitor|competidor|société|entreprise|groupe|Unternehmen|Konzern|Firma|Hersteller|' +
  'empresa de|companhia|cofundador de|co-fundador de|cofundadora de|co-founder of|cofounder of|founder of|fundador de|' +
  'CEO de|CEO of|director ejecutivo de|presidente de|chief executive of|trabajó en|trabaja en|worked at|works at|joined|' +
  'se unió a|empleados de|employees of|ingenieros de|engineers at|engineers from|investors in|adquirió|acquired|' +
  'fondateur de|PDG de|Gründer von|Chef von|bei|' +
  '(?:analyst|economist|strategist|engineer|researcher|executive|scientist|analista|economista|ingeniero|investigador|' +
  'analyste|économiste|ingénieur|chercheur|Analyst|Ökonom|Ingenieur|Forscher)s? (?:at|with|de|en|chez|bei))\\s+(?:la\\s+|el\\s+|the\\s+|a\\s+|an\\s+|der\\s+|die\\s+|le\\s+|l\'\\s*)?$', 'iu');
const FIRM_AFTER = /^(?:\s+(?:Inc|Corp|Corporation|Ltd|Limited|LLC|plc|SA|S\.A\.|SL|AG|GmbH|SE|NV|BV|Co|KK|SpA|Srl|S\.p\.A\.|Technologies|Technology|Labs|AI|Robotics|Semiconductor|Systems|Software|Networks|Motors|Bank|Capital|Ventures)\b|\s*['’]s\s+(?:CEO|shares|stock|chips?|revenue|employees|staff|founder|chief)\b|\s+(?:said|says|announced|reported|posted|employs|will hire|is hiring|plans to|hired|laid off|has (?:blamed|cut|hired|reported|posted|announced)|anunció|dijo|planea|contrató|contrata|despidió|informó|a annoncé|kündigte)\b)/u;
const FIRM_NAME_SUFFIX = /\s(?:Inc\.?|Corp\.?|Corporation|Ltd\.?|Limited|LLC|plc|S\.?A\.?|AG|GmbH|SE|N\.?V\.?|B\.?V\.?|Co\.?|SpA|Technologies|Technology|Labs|AI|Robotics|Semiconductors?|Systems|Software|Networks|Motors|Holdings|Tecnologías|Technologie)$/u;

/** True when the words just before the name call it a company ("la startup X", "an analyst at X", "cofundador de X"). */
export function firmBefore(text: string, start: number): boolean {
  return FIRM_BEFORE.test(text.slice(Math.max(0, start - 40), start));
}

/** True when the name itself reads like a company ("Quantix Robotics", "Acme Corp."). */
export function firmNameShape(name: string): boolean {
  return FIRM_NAME_SUFFIX.test(name);
}

/** True when the text around [start, end) calls the name a company. */
export function firmContext(text: string, start: number, end: number, name = text.slice(start, end)): boolean {
  if (FIRM_NAME_SUFFIX.test(name)) return true;
  const before = text.slice(Math.max(0, start - 40), start);
  const after = text.slice(end, end + 40);
  return FIRM_BEFORE.test(before) || FIRM_AFTER.test(after);
}

const AGENCY_NAME = /\b(?:Ministry|Ministerio|Ministère|Ministerium|Ministério|Department|Departamento|Département|Commission|Comisión|Commissione|Agency|Agencia|Agence|Behörde|Bureau|Office|Oficina|Administration|Administración|Authority|Autoridad|Autorité|Regulator|Council|Consejo)\b|(?:部|局|委员会|委員会|庁|省)$/u;

/** True when an organisation name reads like a public body (Ministry of X, Agencia Y, 某某局). */
export function agencyName(name: string): boolean {
  return AGENCY_NAME.test(name);
}

// Prepositions after which a city name is the place, not its government: "en Washington", "in Washington".
const LOCATIVE = /(?:(?<![\p{L}])(?:in|en|em|à|nach|near|cerca de|en el área de|based in|ubicad[oa]s? en|basad[oa]s? en|offices? in|oficinas? en)\s+)$/iu;

/** True when the name is introduced as a place ("in Washington", "based in Austin") or followed by a state/D.C. */
export function locativeContext(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 25), start);
  const after = text.slice(end, end + 8);
  return LOCATIVE.test(before) || /^,?\s*(?:D\.?\s?C\.?|state|estado)\b/iu.test(after);
}
