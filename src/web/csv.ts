// CSV writing (RFC 4180 quoting) with spreadsheet formula-injection neutralised: a text cell that starts with
// = + - @ (or a tab / carriage return, which some spreadsheets strip first) gets a leading apostrophe.

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: numbers as they are, text neutralised and always quoted. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** A whole CSV document with a header row, CRLF line ends and a BOM so spreadsheets read UTF-8. */
export function toCsv(header: string[], rows: Array<Array<string | number | null | undefined>>): string {
  const lines = [header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
