import { z } from 'zod';
import { type FileIssue, quoted } from '../domain/errors.ts';
import { isCalendarDate } from '../domain/periods/dates.ts';
import { readPeriod } from '../domain/indicators/published-values.ts';
import type { CsvTable } from './csv-table.ts';

/** Field types shared by the file formats: every failure becomes an issue naming file, line and column. */

type DateLayout = 'yyyymmdd' | 'dd-mm-yyyy' | 'yyyy-mm-dd' | 'dd/mm/yyyy';

const layouts: Record<DateLayout, RegExp> = {
  yyyymmdd: /^(\d{4})(\d{2})(\d{2})$/,
  'dd-mm-yyyy': /^(\d{2})-(\d{2})-(\d{4})$/,
  'yyyy-mm-dd': /^(\d{4})-(\d{2})-(\d{2})$/,
  'dd/mm/yyyy': /^(\d{2})\/(\d{2})\/(\d{4})$/,
};

/** A calendar date as ISO text, or null when blank (or when it is a date the publisher writes for "unknown", such as 1900-01-01). */
export function optionalDate(layout: DateLayout, unknownMarkers: readonly string[] = []) {
  return z.string().transform((raw, ctx): string | null => {
    const value = raw.trim();
    if (value === '' || unknownMarkers.includes(value)) return null;
    const m = layouts[layout].exec(value);
    const [y, mo, d] = m === null ? [] : layout.startsWith('yyyy') ? [m[1], m[2], m[3]] : [m[3], m[2], m[1]];
    const iso = `${y}-${mo}-${d}`;
    if (m === null || !isCalendarDate(iso)) {
      ctx.addIssue({ code: 'custom', message: `bad date ${quoted(value)} (expected a real date written ${layout})` });
      return z.NEVER;
    }
    return iso;
  });
}

export const text = z.string().transform((s) => s.trim());
export const optionalText = z.string().transform((s) => (s.trim() === '' ? null : s.trim()));
export const requiredText = (what: string) => z.string().trim().min(1, `${what} is blank`);

export const urn = z
  .string()
  .trim()
  .regex(/^\d{5,7}$/, 'not a URN (5 to 7 digits)');
export const laCode = z
  .string()
  .trim()
  .transform((s) => s.replace(/\.0$/, ''))
  .pipe(z.string().regex(/^\d{3}$/, 'not a 3-digit LA code'));

/** An academic year written as the LA's returns write it, 2015/16, read as the DfE's period code (201516). */
export const academicYearSlash = z.string().transform((raw, ctx): string => {
  const period = readPeriod(raw, 'academic-slash');
  if (period === null) {
    ctx.addIssue({ code: 'custom', message: `"${raw.trim()}" is not an academic year (written 2015/16)` });
    return z.NEVER;
  }
  return period;
});

export function optionalInteger(min = 0, max = 1_000_000) {
  return z.string().transform((raw, ctx): number | null => {
    const value = raw.trim();
    if (value === '') return null;
    const n = Number(value);
    if (!/^-?\d+$/.test(value) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: `${quoted(value)} is not a whole number from ${min} to ${max}` });
      return z.NEVER;
    }
    return n;
  });
}

export const flag01 = z.enum(['0', '1'], { message: 'expected 0 or 1' }).transform((s) => s === '1');

/** One of a closed list of codes; anything else is an unknown code. */
export function code<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z.string().transform((raw, ctx): T[number] => {
    const value = raw.trim();
    if (!(values as readonly string[]).includes(value)) {
      ctx.addIssue({ code: 'custom', message: `unknown ${what} ${quoted(value)} (expected one of: ${values.join(', ')})` });
      return z.NEVER;
    }
    return value;
  });
}

export type Screened<T> = { records: T[]; issues: FileIssue[] };

/**
 * Validate every row against a format's schema. A column the schema reads that the header lacks (a file recognised by
 * its other columns) is one error on the header, not one on every row.
 */
export function screenRows<S extends z.ZodType<object>>(table: CsvTable, schema: S): Screened<z.output<S> & { line: number }> {
  const records: (z.output<S> & { line: number })[] = [];
  const issues: FileIssue[] = [];
  const lacking = new Set<string>();
  for (const row of table.rows) {
    const result = schema.safeParse(row.values);
    if (result.success) records.push({ ...result.data, line: row.line });
    else
      for (const issue of result.error.issues) {
        const column = issue.path.length > 0 ? String(issue.path[0]) : null;
        // A key the row lacks fails as a type error on undefined; a rule's own issue may name any column.
        if (column !== null && issue.code === 'invalid_type' && !(column in row.values)) lacking.add(column);
        else issues.push({ file: table.file, line: row.line, column, message: issue.message });
      }
  }
  if (lacking.size > 0) {
    const names = [...lacking];
    const written = names.map((n) => table.header.find((h) => normaliseHeader(h) === normaliseHeader(n)));
    const hint = written.some((w) => w !== undefined)
      ? `; the file writes ${names
          .map((n, i) => (written[i] === undefined ? null : `"${written[i]}" for "${n}"`))
          .filter((w) => w !== null)
          .join(', ')}`
      : '';
    const message = `the header lacks column${names.length > 1 ? 's' : ''} ${names.join(', ')}, which this format reads (the file was recognised by its other columns${hint})`;
    return { records: [], issues: [{ file: table.file, line: 1, column: names[0]!, message }] };
  }
  return { records, issues };
}

/**
 * screenRows over a file a chunk of rows at a time (chunk-reader.ts): `read` gives a chunk's records; `issues` gives
 * every row's problem in line order, or, when the header lacks a column the schema reads, that problem alone, as
 * screenRows gives it for a file read whole. A row is never on line 1, the header's line.
 */
export function chunkScreen<S extends z.ZodType<object>>(schema: S) {
  const rowIssues: FileIssue[] = [];
  let lacking: FileIssue | null = null;
  return {
    read(chunk: CsvTable): (z.output<S> & { line: number })[] {
      if (lacking !== null) return [];
      const screened = screenRows(chunk, schema);
      lacking = screened.issues.find((i) => i.line === 1) ?? null;
      if (lacking !== null) return [];
      rowIssues.push(...screened.issues);
      return screened.records;
    },
    issues: (): FileIssue[] => (lacking !== null ? [lacking] : rowIssues),
  };
}

/**
 * Two rows for the same key in one file is an error naming both lines. A file screened a chunk at a time passes each
 * chunk's records with the same `first` (each key's first line), so a key repeated in a later chunk is found too.
 */
export function findDuplicates<T extends { line: number }>(
  file: string,
  records: readonly T[],
  key: (r: T) => string,
  column: string,
  what: string,
  first = new Map<string, number>(),
): FileIssue[] {
  const issues: FileIssue[] = [];
  for (const r of records) {
    const k = key(r);
    const seen = first.get(k);
    if (seen === undefined) first.set(k, r.line);
    else issues.push({ file, line: r.line, column, message: `duplicate ${what} ${k} (first on line ${seen})` });
  }
  return issues;
}

/** Header names compared as DfE and GIAS vary them: case, spaces and underscores ignored. */
export function normaliseHeader(name: string): string {
  return name.toLowerCase().replace(/[\s_]+/g, '');
}

export function hasColumns(header: readonly string[], required: readonly string[]): boolean {
  const have = new Set(header.map(normaliseHeader));
  return required.every((c) => have.has(normaliseHeader(c)));
}
