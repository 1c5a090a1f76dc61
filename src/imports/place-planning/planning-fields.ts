import { z } from 'zod';
import { quoted, type FileIssue } from '../../domain/errors.ts';
import { isTwoYearCode } from '../../domain/periods/period.ts';
import { missingColumns } from '../admissions/admission-fields.ts';
import { lowerCased } from '../admissions/application-file.ts';
import { readCsvBytes, type CsvTable } from '../csv-table.ts';
import { code } from '../row-schema.ts';

/** Fields the place-planning files share, and how each is read: one UTF-8 CSV with a fixed header, checked whole. */

/** What a planning file reads to: its records and the file's hash, or every problem by line and column. */
export type PlanningFile<T> = { records: T; hash: string } | { issues: FileIssue[] };

/**
 * A record with the file line it was read from (for a record made of several rows, its first), so a reference checked
 * only against what is held (an unknown area, a phase that does not match) can still be refused by line and column.
 */
export type Lined<T> = T & Readonly<{ line: number }>;

/** The file as a table with lower-cased header names, or the issues that stop it being read (bytes, a missing column). */
export function planningTable(file: string, bytes: Uint8Array, columns: readonly string[]): { table: CsvTable } | { issues: FileIssue[] } {
  const read = readCsvBytes(file, bytes, 'utf-8');
  if (!read.ok) return { issues: read.issues };
  const table = lowerCased(read.table);
  const missing = missingColumns(table, columns);
  return missing.length > 0 ? { issues: missing } : { table };
}

export const phase = code(['primary', 'secondary'] as const, 'phase');

/** An academic year written 2015/16 or 201516, read as '201516'. */
export const academicPeriod = z.string().transform((raw, ctx): string => {
  const value = raw.trim();
  const m = /^(\d{4})\/(\d{2})$/.exec(value);
  const period = m === null ? value : `${m[1]}${m[2]}`;
  if (!isTwoYearCode(period)) {
    ctx.addIssue({ code: 'custom', message: `${quoted(value)} is not an academic year (written 2015/16 or 201516)` });
    return z.NEVER;
  }
  return period;
});

/** A whole number of places, pupils or dwellings, 0 or more; null when blank. */
export function count(what: string, max = 100_000) {
  return z.string().transform((raw, ctx): number | null => {
    const value = raw.trim();
    if (value === '') return null;
    if (/^-\d+$/.test(value)) {
      ctx.addIssue({ code: 'custom', message: `${quoted(value)}: ${what} cannot be negative` });
      return z.NEVER;
    }
    if (!/^\d+$/.test(value) || Number(value) > max) {
      ctx.addIssue({ code: 'custom', message: `${quoted(value)} is not a whole number of ${what} from 0 to ${max}` });
      return z.NEVER;
    }
    return Number(value);
  });
}

/** The same count, required. */
export const requiredCount = (what: string, max?: number) => count(what, max).refine((n) => n !== null, `the number of ${what} is blank`);

/**
 * Rows that repeat a thing's own fields (an area's name on every member's row, a site's name on every year's row)
 * must agree: each disagreement is an issue on the later line, naming the column and the line it differs from.
 */
export function inconsistencies<T extends { line: number }>(
  file: string,
  records: readonly T[],
  key: (r: T) => string,
  what: string,
  fields: readonly (readonly [string, (r: T) => string | number | null])[],
): FileIssue[] {
  const first = new Map<string, T>();
  const issues: FileIssue[] = [];
  for (const r of records) {
    const seen = first.get(key(r));
    if (seen === undefined) first.set(key(r), r);
    else
      for (const [column, value] of fields)
        if (value(r) !== value(seen))
          issues.push({
            file,
            line: r.line,
            column,
            message: `${what} ${key(r)} has ${column} ${quoted(String(value(r) ?? ''))} here but ${quoted(String(value(seen) ?? ''))} on line ${seen.line}`,
          });
  }
  return issues;
}

export const byLine = (a: FileIssue, b: FileIssue) => (a.line ?? 0) - (b.line ?? 0);
