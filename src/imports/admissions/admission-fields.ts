import { z } from 'zod';
import { quoted } from '../../domain/errors.ts';
import { isPostcode, normalisePostcode } from '../../domain/geography/postcode.ts';
import type { CsvTable } from '../csv-table.ts';
import { normaliseHeader } from '../row-schema.ts';

/** Fields the admissions files share: Y/N flags, grid references, postcodes, and the header check. */

/** 'Y' or 'N' (any case); blank is `blank` (null for "not known", false where blank means no). */
export function yesNo<B extends boolean | null>(blank: B) {
  return z.string().transform((raw, ctx): boolean | B => {
    const value = raw.trim().toUpperCase();
    if (value === '') return blank;
    if (value === 'Y' || value === 'N') return value === 'Y';
    ctx.addIssue({ code: 'custom', message: `${quoted(raw.trim())} is not Y or N${blank === null ? ' (or blank when not known)' : ''}` });
    return z.NEVER;
  });
}

/** A postcode written with its space ('CT1 2AB'), or null when blank. */
export const postcode = z.string().transform((raw, ctx): string | null => {
  if (raw.trim() === '') return null;
  const n = normalisePostcode(raw);
  if (!isPostcode(n)) {
    ctx.addIssue({ code: 'custom', message: `${quoted(raw.trim())} is not a postcode` });
    return z.NEVER;
  }
  return `${n.slice(0, -3)} ${n.slice(-3)}`;
});

/** A National Grid coordinate in whole metres (Great Britain: eastings to 700 km, northings to 1,300 km), or null. */
export function gridMetres(max: number) {
  return z.string().transform((raw, ctx): number | null => {
    const value = raw.trim();
    if (value === '') return null;
    const n = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || n > max) {
      ctx.addIssue({ code: 'custom', message: `${quoted(value)} is not a National Grid coordinate in metres (0 to ${max})` });
      return z.NEVER;
    }
    return Math.round(n);
  });
}

/** The columns a file must have that its header lacks, as one issue on line 1 (or none). */
export function missingColumns(table: CsvTable, required: readonly string[]) {
  const have = new Set(table.header.map(normaliseHeader));
  const missing = required.filter((c) => !have.has(normaliseHeader(c)));
  return missing.length === 0
    ? []
    : [{ file: table.file, line: 1, column: missing[0]!, message: `the header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` }];
}
