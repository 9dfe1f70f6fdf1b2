// Firm references for the event rules: the entity stage's firm mentions plus event-local heuristics for firms no
// knowledge base knows ("Lodgistix Inc", Reuters' "<Sequoia Systems>", "la multinacional Heinz"), each resolved
// to one article-level firm so that "Goodyear Tire and Rubber Co" and a later "Goodyear" are the same firm.
import type { Mention } from '../types.ts';

/** One place in the text that names a firm, resolved to an article-level firm key. */
export interface FirmRef {
  key: string;
  name: string;
  start: number;
  end: number;
  fromKb: boolean;
}

const LEGAL_SUFFIX = String.raw`(?:Inc|Corp|Corporation|Co|Company|Cos|Ltd|Limited|plc|PLC|Plc|LLC|SA|S\.A|AG|GmbH|NV|N\.V|SpA|AB|Group|Holdings?|Industries|Laboratories|Systems|Airways|Airlines|Bank|Motors)\b\.?`;
const CAP_WORD = String.raw`(?:[A-Z][\p{L}\p{N}&'’\-]*|&|of|and|de|del|y|la|des|du|van|von)`;
// "Pan Am Corp", "Goodyear Tire and Rubber Co", "Sony (U.K.) Ltd"
// Names may wrap onto the next line (Reuters) but never cross a blank line.
const SEP = String.raw`(?:[ \t]+|[ \t]*\n[ \t]*)`;
const SUFFIXED = new RegExp(String.raw`(?<![\p{L}])((?:[A-Z][\p{L}\p{N}&'’\-.]*)(?:${SEP}(?:${CAP_WORD}|\([A-Z.]+\)))*?),?${SEP}${LEGAL_SUFFIX}`, 'gu');
// Reuters marks unlisted companies as <Sequoia Systems>; tickers (<GT>, <RENA.PA>) are all caps and skipped.
const BRACKETED = /<([A-Z][^<>\n]*[a-z][^<>\n]*)>/gu;
// A designator noun then a capitalised name: "la multinacional estadounidense Heinz", "the carmaker Renault".
const DESIGNATED = new RegExp(
  String.raw`(?:\b(?:la|el|los|las|the|a|an|un|una)\s+(?:empresa|compa[nñ][ií]a|multinacional|firma|entidad(?:\s+bancaria)?|grupo|banco|caja|club|sociedad|aseguradora|constructora|cadena|fabricante|operadora|company|firm|group|carmaker|automaker|airline|bank|retailer|chipmaker|startup|start-up|lab|insurer|maker|manufacturer|giant)(?:\s+[a-záéíóúñ]+){0,2}\s+|\b(?:Ayuntamiento de|Patronato Municipal de \p{Lu}\p{L}+(?: de \p{Lu}\p{L}+)?|Consejo de|Caja de|Caixa de)\s*)((?:\p{Lu}[\p{L}\p{N}&'’\-]*)(?:\s+(?:(?:de|del|la|y)\s+)?\p{Lu}[\p{L}\p{N}&'’\-]*){0,4})`,
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
  const push = (name: string, start: number, strong: boolean) => {
    const n = clean(name);
    const first = n.split(' ')[0] ?? '';
    if (n.length < 2 || NOT_FIRM_WORDS.has(first) || start < skipUntil) return;
    const ref = { name: n, start, end: start + name.trimEnd().length, fromKb: false };
    // A person or a place the entity stage found wins over a weak heuristic ("Santa Bárbara" the town).
    if (!strong && others.some((m) => overlaps(m, ref))) return;
    out.push(ref);
  };
  for (const m of text.matchAll(BRACKETED)) push(m[1]!, m.index + 1, true);
  for (const m of text.matchAll(SUFFIXED)) {
    const full = m[0].replace(/[\s,]+$/, '');
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

/** Every firm reference in the article, sorted by position, with keys shared by names of the same firm. */
export function findFirmRefs(text: string, mentions: Mention[], capsTitleEnd: number): FirmRef[] {
  const firmMentions = mentions.filter((m) => m.type === 'firm');
  const bodyIds = new Set(firmMentions.filter((m) => m.start >= capsTitleEnd).map((m) => m.entityId));
  const raw: RawRef[] = firmMentions
    // An ALL-CAPS Reuters title names firms only when the body names them too.
    .filter((m) => m.start >= capsTitleEnd || bodyIds.has(m.entityId))
    .map((m) => ({ name: m.name, start: m.start, end: m.end, fromKb: m.origin === 'kb', id: m.entityId }));
  const others = mentions.filter((m) => m.type !== 'firm');
  for (const h of heuristicRefs(text, capsTitleEnd, others)) if (!raw.some((r) => overlaps(r, h))) raw.push(h);

  // Resolve names to article firms: same id, or one key a word-prefix of the other ("goodyear" / "goodyear tire and rubber").
  const firms: Array<{ key: string; name: string; id?: string; fromKb: boolean }> = [];
  const resolveFirm = (r: RawRef) => {
    const k = firmKey(r.name);
    const hit = firms.find((f) => (r.id && f.id === r.id) || f.key === k || f.key.startsWith(`${k} `) || k.startsWith(`${f.key} `));
    if (hit) {
      if (r.fromKb && !hit.fromKb) Object.assign(hit, { name: r.name, fromKb: true, id: r.id });
      return hit;
    }
    const f = { key: k, name: r.name, fromKb: r.fromKb, ...(r.id ? { id: r.id } : {}) };
    firms.push(f);
    return f;
  };
  const resolved = raw.sort((a, b) => a.start - b.start).map((r) => ({ r, f: resolveFirm(r) }));

  // Short forms of heuristic names ("Goodyear" after "Goodyear Tire and Rubber Co") found again in the body.
  const refs: FirmRef[] = resolved.map(({ r, f }) => ({ key: f.key, name: f.name, start: r.start, end: r.end, fromKb: f.fromKb }));
  for (const f of firms) {
    if (f.fromKb) continue;
    const words = f.name.replace(/\s*\([^)]*\)/g, '').split(' ');
    const short = new Set<string>([words.filter((w) => !/^(Inc|Corp|Co|Ltd|plc|SA|AG|GmbH|Group|Holdings?)\.?$/.test(w)).join(' ')]);
    if (words.length > 1 && words[0]!.length >= 3 && !GENERIC_FIRST.has(words[0]!)) short.add(words[0]!);
    for (const s of short) {
      if (!s || s.length < 2) continue;
      const re = new RegExp(`(?<![\\p{L}\\p{N}])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu');
      for (const m of text.matchAll(re)) {
        const ref = { key: f.key, name: f.name, start: m.index, end: m.index + s.length, fromKb: false };
        if (m.index < capsTitleEnd || refs.some((x) => overlaps(x, ref)) || others.some((o) => overlaps(o, ref))) continue;
        refs.push(ref);
      }
    }
  }
  return refs.sort((a, b) => a.start - b.start);
}
