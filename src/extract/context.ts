// Context cues around a mention, in the languages we read: is it at a sentence start, does the text call it a company
// or an agency, is a place named after a locative preposition. Used by resolve.ts to decide types and ambiguity.

/** True when `start` opens a sentence, a line or a quotation (capitalisation there says nothing about names). */
export function atSentenceStart(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 4), start);
  return start === 0 || /(?:^|[.!?:;]\s+|\n\s*|["“«¿¡(]\s*)$/u.test(before) || /\n\s*$/u.test(before);
}

// Words that say "the next name is a company": la empresa X, the start-up X, chipmaker X, X's rival.
const FIRM_BEFORE = new RegExp(
  '(?:(?:empresa|compañía|firma|startup|start-up|empresa emergente|fabricante|gigante|grupo|company|firm|chipmaker|chip maker|' +
  'maker|carmaker|retailer|rival|competitor|competidor|société|entreprise|groupe|Unternehmen|Konzern|Firma|Hersteller|' +
  'empresa de|companhia|cofundador de|co-fundador de|cofundadora de|co-founder of|cofounder of|founder of|fundador de|' +
  'CEO de|CEO of|director ejecutivo de|presidente de|chief executive of|trabajó en|trabaja en|worked at|works at|joined|' +
  'se unió a|empleados de|employees of|ingenieros de|engineers at|engineers from|investors in|adquirió|acquired|' +
  'fondateur de|PDG de|Gründer von|Chef von|bei|' +
  '(?:analyst|economist|strategist|engineer|researcher|executive|scientist|analista|economista|ingeniero|investigador|' +
  'analyste|économiste|ingénieur|chercheur|Analyst|Ökonom|Ingenieur|Forscher)s? (?:at|with|de|en|chez|bei))\\s+|' +
  // An industry noun, also in apposition: "Ireland's state-owned airline, Aer Lingus", "la aerolínea Iberia", "GM's units Opel".
  '(?:airline|carrier|bank|insurer|lender|brewer|publisher|broadcaster|operator|conglomerate|automaker|manufacturer|supplier|' +
  'marque|brand|subsidiary|units?|aerolínea|aseguradora|filial|marca|constructora|operadora|editorial),?\\s+)' +
  '(?:la\\s+|el\\s+|the\\s+|a\\s+|an\\s+|der\\s+|die\\s+|le\\s+|l\'\\s*)?$', 'iu');
const FIRM_AFTER = /^(?:\s+(?:Inc|Corp|Corporation|Ltd|Limited|LLC|plc|SA|S\.A\.|SL|AG|GmbH|SE|NV|BV|Co|KK|SpA|Srl|S\.p\.A\.|Technologies|Technology|Labs|AI|Robotics|Semiconductor|Systems|Software|Networks|Motors|Bank|Capital|Ventures)\b|\s*['’]s\s+(?:CEO|shares|stock|chips?|revenue|employees|staff|founder|chief)\b|\s+(?:said|says|announced|reported|posted|employs|will hire|is hiring|plans to|hired|laid off|has (?:blamed|cut|hired|reported|posted|announced)|anunció|dijo|planea|contrató|contrata|despidió|informó|a annoncé|kündigte)\b)/u;
// Last words that make a capitalised name a company: legal forms and industry heads ("Mittal Steel", "Lionhead
// Studios", "New York Telephone", "Federated Department Stores", "Cáceres CB").
export const FIRM_HEAD_WORDS = 'Inc\\.?|Corp\\.?|Corporation|Ltd\\.?|Limited|LLC|plc|PLC|S\\.?A\\.?|S\\.?L\\.?|AG|GmbH|SE|N\\.?V\\.?|B\\.?V\\.?|Co\\.?|SpA|' +
  'Technologies|Technology|Labs|AI|Robotics|Semiconductors?|Systems|Software|Networks|Motors|Holdings|Tecnologías|Technologie|' +
  'Steel|Stores|Studios|Telephone|Telecom|Telecommunications|Communications|Airways|Airlines|Pharmaceuticals?|Petroleum|' +
  'Electronics|Industries|Entertainment|Insurance|Bancorp|Bank|Brewery|Breweries|Foods|Chemicals?|Mining|Energy|Oil|Media|' +
  'Enterprises|Partners|Ventures|Capital|Group|Consulting|CB|CF|FC|SAD|BM|Dynamics|Aerospace|Logistics|Retail|Motor Company';
const FIRM_NAME_SUFFIX = new RegExp(`\\s(?:${FIRM_HEAD_WORDS})$`, 'u');

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

// Head words of public bodies: ministries, regulators, parliaments, courts, councils, the police and the armed forces.
// Town halls (Ayuntamiento, Diputación, Patronato) are left out: they hire staff and the event rules treat them as employers.
const AGENCY_WORDS = 'Ministry|Ministerio|Ministère|Ministerium|Ministério|Department|Departamento|Département|Commission|Comisión|' +
  'Commissione|Agency|Agencia|Agence|Behörde|Bureau|Office|Oficina|Administration|Administración|Authority|Autoridad|Autorité|' +
  'Regulator|Council|Ejecutivo|Consejo|Consejería|Conselleria|Generalitat|Xunta|Junta|Gobierno|Government|' +
  'Parlamento|Parliament|Parlement|Congreso|Senado|Senate|Cortes|Asamblea|Assembly|Tribunal|Court|Audiencia|Juzgado|Fiscalía|' +
  'Defensor del Pueblo|Policía|Police|Guardia Civil|Ertzaintza|Mossos|Ejército|Ejercito|Army|Armada|Navy|Fuerzas Armadas|' +
  'Presidencia|Vicepresidencia|Secretaría|Delegación del Gobierno|Subdelegación|Instituto Nacional|Servicio|Service|Inspección|' +
  'Dirección General|Organización|Organization|Organisation|Registry|Registro|Central Bank|Banco Central|Reserva Federal|Federal Reserve';
const AGENCY_HEAD = new RegExp(`(?<![\\p{L}])(?:${AGENCY_WORDS})(?![\\p{L}])`, 'u');
const AGENCY_OF = new RegExp(`(?<![\\p{L}])(?:${AGENCY_WORDS})(?:\\s+(?:of|de|del|for|para|du|des|für|da|do|dos))(?![\\p{L}])`, 'u');
const AGENCY_LAST = new RegExp(`(?<![\\p{L}])(?:${AGENCY_WORDS})$`, 'u');
const AGENCY_CJK = /(?:部|局|委员会|委員会|庁|省)$/u;

/**
 * True when an organisation name reads like a public body (Ministry of X, Tribunal Supremo, 某某局); a firm head word
 * at the end wins ("Federated Department Stores", "Office Depot" are shops).
 */
export function agencyName(name: string): boolean {
  if (AGENCY_CJK.test(name)) return true;
  if (!AGENCY_HEAD.test(name)) return false;
  if (AGENCY_OF.test(name) || AGENCY_LAST.test(name)) return true;
  return !FIRM_NAME_SUFFIX.test(name) && new RegExp(`^(?:${AGENCY_WORDS})(?![\\p{L}])`, 'u').test(name);
}

// Organisations that are neither firms nor public bodies: parties, unions, associations, foundations, universities,
// churches, armed groups. The tagger calls them ORG; without company context they are no employer we report.
const CIVIC_ORG = /(?<![\p{L}])(?:Partido|Party|Parti|Partei|Sindicato|Union of|Trade Union|Trades Union|Confederación|Confederation|Federación|Federation|Asociación|Association|Associació|Fundación|Foundation|Fundació|Universidad|Universitat|University|Université|Universität|Colegio|College|Academia|Academy|Instituto|Institute|Iglesia|Church|Movimiento|Movement|Frente|Front|Comité|Committee|Coordinadora|Plataforma|Liga|League|Alianza|Alliance|Unión del Pueblo|Izquierda|Esquerra|Coalición|Coalition|Cruz Roja|Red Cross|Orden|Hermandad|Cofradía|Peña|Club Deportivo Social|ONG|Greenpeace|Amnistía|Amnesty|Museo|Museum|Hospital|Escuela|School|Congreso Español|Congreso Internacional|Congreso Nacional|Conferencia|Conference|Cumbre|Summit|Copa|Campeonato|Championships?|Juegos|Olimpiadas?|Simposio|Symposium|Jornadas|Torneo|Tournament|Feria|Exposición)(?![\p{L}])/u;

/** True when an organisation name reads like a party, union, association, school, church, armed group or an event (cup, congress). */
export function civicOrgName(name: string): boolean {
  return CIVIC_ORG.test(name);
}

const HONORIFIC_BEFORE = /(?:^|[^\p{L}])(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady|Dame|Prof|Professor|Sr|Sra|Srta|señor|señora|don|doña|Mme|Mlle|Herr|Frau|Monsieur|Madame)\.?\s+$/u;
// Words after a name that only fit a person: "X, who", "X said he", "X, 45,", "X dijo que él".
const PERSON_AFTER = /^(?:,?\s+(?:who|whose wife|whose husband|quien|quienes|qui|der sich)\b|\s+(?:said|says|told|added|thinks|believes) (?:he|she|his|her)\b|,\s+\d{2},|\s+\(\d{2}\)|\s+himself|\s+herself)/u;
// Words after a name that only fit a company: "X, which employs", "X's shares", "X employs", "X is parting company with
// its chief executive" (an "its" in the same clause, unless a verb of saying puts another speaker in between).
const FIRM_AFTER_STRONG = new RegExp('^(?:' + [
  ',?\\s+(?:which|that)\\s[^.;:!?\\n]{0,60}?\\b(?:its|employs|floated|is listed|shares)\\b',
  ',?\\s+whose (?:shares|stock)\\b',
  '\\s+(?:announced|reported|expects?|plans?) (?:it|its)\\b',
  "(?:['’]s?)?\\s+(?:shares|stock|share price|chief executive|chairman|chairwoman|board|boss|workforce|staff|employees|headquarters|shareholders|profits?|revenues?|turnover|subsidiary|subsidiaries|stores|shops|factory|factories|marque|brand)\\b",
  // "X said it would", "X says its": a company speaks of itself as "it" (a person as he/she).
  '\\s+(?:said|says|announced|added|confirmed) (?:it|its)\\b',
  '\\s+(?:plc|PLC|Inc|Ltd|LTD|Corp|AG|GmbH|NV|SpA)\\b',
  '\\s+(?:employs|was founded|is listed|was listed|floated|is headquartered)\\b',
  ',?\\s+(?:que|la cual|el cual)\\s+(?:emplea|cotiza|fabrica|factura|tiene una plantilla|cuenta con una plantilla)\\b',
  '\\s+(?:cotiza|cotizó|facturó|emplea a)\\b',
  '\\s+(?:(?!said|says|told|added|dijo|afirmó|señaló|indicó|explicó)[^.;:,!?\\n]){0,50}?\\s(?:its|sus acciones|su plantilla|sus trabajadores|sus empleados)\\s',
].join('|') + ')', 'u');
const FIRM_BEFORE_STRONG = /(?:shares (?:in|of)|stake in|acciones de|shareholders of|accionistas de|employees of|empleados de|trabajadores de|plantilla de|staff at|workers at|chairman of|chief executive of|consejero delegado de|boss of)\s+(?:the\s+|la\s+|el\s+)?$/iu;
// Role titles right before a name: "co-chief executive Rebecca Navarednam", "el presidente José Pérez".
const ROLE_BEFORE = /(?:^|[^\p{L}])(?:chief executive|executive|CEO|chairman|chairwoman|president|director|minister|secretary|spokesman|spokeswoman|founder|co-founder|presidente|presidenta|director|directora|consejero delegado|ministro|ministra|portavoz|fundador|fundadora|secretario|secretaria|alcalde|alcaldesa|diputado|diputada|senador|senadora|entrenador|técnico|jugador|delantero|portero|escritor|actor|actriz|cantante|pintor|juez|jueza|fiscal)\s+$/iu;

/** Evidence at one occurrence of a name for "company" (firm) and for "person" (person); each cue counts 1. */
export function typeCues(text: string, start: number, end: number): { firm: number; person: number } {
  const before = text.slice(Math.max(0, start - 40), start);
  const after = text.slice(end, end + 70);
  let firm = 0;
  let person = 0;
  if (FIRM_AFTER_STRONG.test(after)) firm++;
  if (FIRM_BEFORE_STRONG.test(before) || FIRM_BEFORE.test(before)) firm++;
  if (HONORIFIC_BEFORE.test(before)) person += 2;
  if (PERSON_AFTER.test(after)) person++;
  if (ROLE_BEFORE.test(before)) person++;
  return { firm, person };
}

/** True when an honorific (Mr, Dr, señor...) stands just before `start`. */
export function honorificBefore(text: string, start: number): boolean {
  return HONORIFIC_BEFORE.test(text.slice(Math.max(0, start - 12), start));
}

// Prepositions after which a city name is the place, not its government: "en Washington", "in Washington".
const LOCATIVE = /(?:(?<![\p{L}])(?:in|en|em|à|nach|near|cerca de|en el área de|based in|ubicad[oa]s? en|basad[oa]s? en|offices? in|oficinas? en)\s+)$/iu;

/** True when the name is introduced as a place ("in Washington", "based in Austin") or followed by a state/D.C. */
export function locativeContext(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 25), start);
  const after = text.slice(end, end + 8);
  return LOCATIVE.test(before) || /^,?\s*(?:D\.?\s?C\.?|state|estado)\b/iu.test(after);
}

// What may stand between two items of a list: "Opel and Saab", "Guardian Media Group, Trinity Mirror and the ...".
const LIST_SEP = /^\s*(?:,|,?\s*(?:and|or|y|e|o|und|oder|et|ou|&))\s+(?:the\s+|la\s+|el\s+|los\s+|las\s+)?$/u;

/** True when [start, end) is an item of a list joined by a conjunction to one of `others` ("Maserati, Ferrari and X"). */
export function listedWith(text: string, start: number, end: number, others: ReadonlyArray<{ start: number; end: number }>): boolean {
  // A bare comma may be an apposition ("del Roma, Franco Sensi"): only a conjunction on one side makes it a list.
  const conj = (s: string): boolean => LIST_SEP.test(s) && /[^\s,]/u.test(s);
  const near = (o: { start: number; end: number }, sep: (s: string) => boolean): boolean =>
    (o.end <= start && start - o.end <= 12 && sep(text.slice(o.end, start))) || (o.start >= end && o.start - end <= 12 && sep(text.slice(end, o.start)));
  return others.some((o) => near(o, conj));
}

/**
 * True when a news agency's name is a byline ("Madrid, 23 may (EFE)", a line "Reuters -" or "AP" alone), not news
 * about it. Quote credits ("told AP", "declaraciones a Efe") stay mentions: the agency is named there.
 */
export function newsCredit(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 3), start);
  const after = text.slice(end, end + 4);
  if (/\(\s*$/u.test(before) && /^\s*\)/u.test(after)) return true;
  const lineStart = /^[\s\p{P}]*$/u.test(text.slice(text.lastIndexOf('\n', start - 1) + 1, start));
  return lineStart && /^(?:\s*\.?\s*[-–—]\s|\s*(?:\n|$))/u.test(after);
}

/** True when a Spanish city name follows a masculine article, i.e. names its club ("el Roma", "del Valencia"). */
export function clubArticle(text: string, start: number, end: number): boolean {
  return /(?:^|[^\p{L}])(?:el|del|al)\s+$/u.test(text.slice(Math.max(0, start - 5), start)) && !/^\s+\p{Lu}/u.test(text.slice(end, end + 3));
}
