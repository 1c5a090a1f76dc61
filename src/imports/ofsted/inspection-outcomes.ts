import { quoted, type FileIssue } from '../../domain/errors.ts';
import { z } from 'zod';
import type { InspectionRecord } from '../../domain/schools/inspection.ts';
import { categoryOf, overallGrade, type OverallGrade } from '../../domain/schools/ofsted-judgements.ts';
import type { CsvTable } from '../csv-table.ts';
import { gathered, readWhole, type RecordReader, type TableHead } from '../chunk-reader.ts';
import { chunkScreen, findDuplicates, hasColumns, optionalDate, optionalText, requiredText, urn, type Screened } from '../row-schema.ts';

/**
 * The inspection-level data files of Ofsted's official statistics "Maintained schools and academies inspections
 * and outcomes" (2013/14 annual, quarterly from October 2014): one row per inspection in the period, dates
 * dd/mm/yyyy, judgements 1-4, "NULL" or "9" where a judgement does not apply, the category of concern as "SM ",
 * "SWK" (any case), blank or 0. Later files add columns (early years, sixth form): every judgement column the file
 * has is kept under its own name.
 */
export const outcomeJudgementColumns = [
  'Achievement of pupils',
  'Behaviour and safety of pupils',
  'Quality of teaching',
  'Leadership and management',
  'Effectiveness of the early years provision',
  'Effectiveness of the sixth form provision',
  'Overall effectiveness of the residential or boarding provision',
  'Outcomes for residential or boarding pupils',
  'The quality of residential or boarding provision and care',
  "Residential or boarding pupil's safety",
  'Leadership and management of the residential or boarding provision',
] as const;

/** A sub-judgement cell: 1-4, or not judged ("NULL", "9", blank). */
export const judgementCell = z.string().transform((raw, ctx): OverallGrade | null => {
  const value = raw.trim();
  if (value === '' || value.toUpperCase() === 'NULL' || value === '9') return null;
  if (['1', '2', '3', '4'].includes(value)) return Number(value) as OverallGrade;
  ctx.addIssue({ code: 'custom', message: `${quoted(value)} is not a judgement (1-4, 9 or NULL)` });
  return z.NEVER;
});

export const categoryCell = z.string().transform((raw, ctx) => {
  const value = raw.trim();
  if (value === '' || value === '0') return null;
  const category = categoryOf(value);
  if (category === null) ctx.addIssue({ code: 'custom', message: `unknown category of concern ${quoted(value)} (expected SM, SWK, NTI, 0 or blank)` });
  return category;
});

const laestab = z
  .string()
  .trim()
  .regex(/^\d{7}$/, 'not a LAESTAB (7 digits)');

const row = z.object({
  URN: urn,
  LAESTAB: laestab,
  'School name': requiredText('school name'),
  Phase: optionalText,
  Postcode: optionalText,
  'Inspection number': optionalText,
  'Inspection start date': optionalDate('dd/mm/yyyy'),
  'Inspection end date': optionalDate('dd/mm/yyyy'),
  'Inspection type': optionalText,
  'Overall effectiveness': z.string(),
  'Category of concern': categoryCell,
});

export const ofstedInspectionOutcomes = {
  id: 'ofsted-inspection-outcomes',
  label: 'Ofsted inspection outcomes (official statistics, inspections in a period)',
  encoding: 'utf-8-or-windows-1252',
  recognise: (header: readonly string[]) =>
    hasColumns(header, ['URN', 'LAESTAB', 'Inspection start date', 'Inspection type', 'Overall effectiveness', 'Category of concern', 'Achievement of pupils']),
  parse: (table: CsvTable): Screened<InspectionRecord> => readWhole(table, (head) => gathered(outcomesReader(head))),
  reader: outcomesReader,
} as const;

/** The file's rows a chunk at a time: each chunk's inspections, an inspection of a URN and start date given twice refused. */
function outcomesReader(head: TableHead): RecordReader<InspectionRecord, { issues: FileIssue[] }> {
  const judgementColumns = outcomeJudgementColumns.filter((c) => head.header.includes(c));
  // The judgement columns vary by file; their values are read through `values` below.
  const rows = chunkScreen(row.extend(Object.fromEntries(judgementColumns.map((c) => [c, judgementCell]))) as unknown as typeof row);
  const issues: FileIssue[] = [];
  const repeats: FileIssue[] = [];
  const firstLines = new Map<string, number>();
  return {
    read(chunk) {
      const records: InspectionRecord[] = [];
      for (const r of rows.read(chunk)) {
        const startedOn = r['Inspection start date'];
        if (startedOn === null) {
          issues.push({ file: head.file, line: r.line, column: 'Inspection start date', message: 'inspection start date is blank' });
          continue;
        }
        const grade = overallGrade(r['Overall effectiveness'], startedOn);
        if (grade.note !== null && grade.note.startsWith('unknown')) {
          issues.push({ file: head.file, line: r.line, column: 'Overall effectiveness', message: `${grade.note} (expected 1-4, 9 or NULL)` });
          continue;
        }
        const values = r as unknown as Record<string, OverallGrade | null>;
        records.push({
          line: r.line,
          urn: r.URN,
          laCode: r.LAESTAB.slice(0, 3),
          schoolName: r['School name'],
          phase: r.Phase,
          postcode: r.Postcode,
          inspectionNumber: r['Inspection number'],
          startedOn,
          endedOn: r['Inspection end date'],
          inspectionType: r['Inspection type'],
          grade: grade.grade,
          gradeNote: grade.note,
          category: r['Category of concern'],
          judgements: Object.fromEntries(judgementColumns.map((c) => [c, values[c] ?? null])),
          provenance: 'official',
        });
      }
      repeats.push(
        ...findDuplicates(head.file, records, (r) => `${r.urn} ${r.startedOn}`, 'Inspection start date', 'inspection of URN and start date', firstLines),
      );
      return records;
    },
    finish: () => ({ issues: [...rows.issues(), ...issues, ...repeats] }),
  };
}
