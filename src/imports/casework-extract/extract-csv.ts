import type { ExtractCell } from '../../domain/casework/pseudonymise.ts';

/**
 * One cell as an extract writes it: quoted where RFC 4180 needs it, and text a spreadsheet would run as a formula
 * (starting =, +, -, @, tab or carriage return) prefixed with an apostrophe, as OWASP's CSV injection guidance advises;
 * numbers, negative ones included, left as numbers; true and false as Y and N; null as an empty cell.
 */
export function extractCell(value: ExtractCell): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'Y' : 'N';
  const text = String(value);
  const isNumber = /^-?\d+(\.\d+)?$/.test(text);
  const safe = !isNumber && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A pseudonymised extract as CSV: UTF-8 with a byte order mark (so a spreadsheet reads it as UTF-8), CRLF line ends. */
export function extractCsv(columns: readonly string[], rows: readonly Readonly<Record<string, ExtractCell>>[]): string {
  const lines = [columns.map((c) => extractCell(c)).join(','), ...rows.map((r) => columns.map((c) => extractCell(r[c] ?? null)).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
