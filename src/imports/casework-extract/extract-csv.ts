import { csvField } from '../../domain/csv-field.ts';
import type { ExtractCell } from '../../domain/casework/pseudonymise.ts';

/** One cell as an extract writes it (domain/csv-field.ts): true and false as Y and N, null as an empty cell. */
export function extractCell(value: ExtractCell): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'Y' : 'N';
  return csvField(String(value));
}

/** A pseudonymised extract as CSV: UTF-8 with a byte order mark (so a spreadsheet reads it as UTF-8), CRLF line ends. */
export function extractCsv(columns: readonly string[], rows: readonly Readonly<Record<string, ExtractCell>>[]): string {
  const lines = [columns.map((c) => extractCell(c)).join(','), ...rows.map((r) => columns.map((c) => extractCell(r[c] ?? null)).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
