import { z } from 'zod';
import type { ArrangementFileRow } from '../../domain/admissions/admission-files.ts';
import { parseCriteria } from '../../domain/admissions/arrangement-rules.ts';
import type { FileIssue } from '../../domain/errors.ts';
import { readCsvBytes } from '../csv-table.ts';
import { code, findDuplicates, optionalInteger, screenRows, urn } from '../row-schema.ts';
import { gridMetres, missingColumns, yesNo } from './admission-fields.ts';
import { lowerCased } from './application-file.ts';

/**
 * A round's admission arrangements, one line per school as its admission authority determined them (School Admissions
 * Code 2014 paras 1.1-1.3, 1.46): the admission number, the oversubscription criteria in order (written as
 * `parseCriteria` reads them: 'looked-after; sibling; catchment(CT1 2|CT1 3); other'), the tie-break and its seed, and
 * the school's point for distances. The service checks each line with `arrangementProblems` and against the schools held.
 */
export const arrangementColumns = [
  'urn',
  'admission_number',
  'admission_authority',
  'selective',
  'criteria',
  'tie_break',
  'seed',
  'easting',
  'northing',
] as const;

const row = z
  .object({
    urn,
    admission_number: optionalInteger(0, 2000).refine((n) => n !== null, 'the admission number is blank'),
    admission_authority: code(['la', 'governing-body', 'academy-trust'] as const, 'admission authority'),
    selective: yesNo(null).refine((v) => v !== null, 'blank: Y (a grammar school) or N'),
    criteria: z.string().transform((text, ctx) => {
      try {
        return parseCriteria(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
    tie_break: code(['distance', 'random'] as const, 'tie-break'),
    seed: optionalInteger(0, 2 ** 31 - 1).refine((n) => n !== null, 'the tie-break seed is blank (the random allocation must be reproducible)'),
    easting: gridMetres(700_000),
    northing: gridMetres(1_300_000),
  })
  .superRefine((r, ctx) => {
    if ((r.easting === null) !== (r.northing === null))
      ctx.addIssue({ code: 'custom', path: [r.easting === null ? 'easting' : 'northing'], message: 'give both the easting and the northing, or neither' });
  });

export type ArrangementFile = { rows: ArrangementFileRow[]; hash: string } | { issues: FileIssue[] };

export function readArrangementFile(file: string, bytes: Uint8Array): ArrangementFile {
  const read = readCsvBytes(file, bytes, 'utf-8');
  if (!read.ok) return { issues: read.issues };
  const table = lowerCased(read.table);
  const missing = missingColumns(table, arrangementColumns);
  if (missing.length > 0) return { issues: missing };
  const screened = screenRows(table, row);
  const rows = screened.records.map((r): ArrangementFileRow => ({
    line: r.line,
    urn: r.urn,
    admissionNumber: r.admission_number,
    admissionAuthority: r.admission_authority,
    selective: r.selective,
    criteria: r.criteria,
    tieBreak: { kind: r.tie_break, seed: r.seed },
    location: r.easting === null || r.northing === null ? null : { easting: r.easting, northing: r.northing },
  }));
  const issues = [...screened.issues, ...findDuplicates(file, rows, (r) => r.urn, 'urn', 'school')];
  return issues.length > 0 ? { issues: issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) } : { rows, hash: table.hash };
}
