import { z } from 'zod';
import type { InspectionRecord } from '../../domain/schools/inspection.ts';
import { gradeOfWord } from '../../domain/schools/inspection.ts';
import type { OverallGrade } from '../../domain/schools/ofsted-judgements.ts';
import { type FileIssue, quoted } from '../../domain/errors.ts';
import type { CsvTable } from '../csv-table.ts';
import { gathered, readWhole, type RecordReader, type TableHead } from '../chunk-reader.ts';
import { chunkScreen, hasColumns, optionalDate, urn } from '../row-schema.ts';

/**
 * A school's grade history as listed on Ofsted's report pages, collected by a third party (URN, Rating, Inspection
 * Date yyyymmdd): not an Ofsted dataset, so every row is stored with unofficial provenance. The scrape repeats some
 * rows; a repeat with the same grade is kept once, two different grades for one school and date refuse the file.
 */
const words = ['Outstanding', 'Good', 'Satisfactory', 'Requires Improvement', 'Inadequate'] as const;

const row = z.object({
  URN: urn,
  Rating: z.string().transform((raw, ctx): { grade: OverallGrade; word: string } => {
    const grade = gradeOfWord(raw);
    if (grade === null) {
      ctx.addIssue({ code: 'custom', message: `unknown rating ${quoted(raw.trim())} (expected one of: ${words.join(', ')})` });
      return z.NEVER;
    }
    return { grade, word: raw.trim() };
  }),
  'Inspection Date': optionalDate('yyyymmdd'),
});

export type RatingsParse = { records: InspectionRecord[]; issues: FileIssue[]; repeats: number; lateSatisfactory: number };

export const ofstedRatingsHistory = {
  id: 'ofsted-ratings-history',
  label: 'Ofsted grade history (scraped from report pages; unofficial)',
  encoding: 'utf-8',
  recognise: (header: readonly string[]) => header.length === 3 && hasColumns(header, ['URN', 'Rating', 'Inspection Date']),
  parse: (table: CsvTable): RatingsParse => readWhole(table, (head) => gathered(ratingsReader(head))),
  reader: ratingsReader,
} as const;

/**
 * The file's rows a chunk at a time: one grade an inspection, a repeat with the same grade counted and left out. Each
 * inspection's first line and grade are kept to know one, as two numbers, so that what is held stays small as the file
 * grows: the key is the URN as written, led by its length (a URN of 5 to 7 digits, "0100001" apart from "100001": below
 * 10^8), times 10^7, plus the date's day counted from 1 January 1970 and moved on 10^6 (any day of the years 0000-9999
 * lies from 280,000 to 3,940,000 then): below 2^53, so exact. The line and grade make one value.
 */
function ratingsReader(head: TableHead): RecordReader<InspectionRecord, Omit<RatingsParse, 'records'>> {
  const rows = chunkScreen(row);
  const issues: FileIssue[] = [];
  const seen = new Map<number, number>();
  const keyOf = (urn: string, isoDate: string) => Number(`${urn.length}${urn}`) * 10_000_000 + Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000 + 1_000_000;
  let repeats = 0;
  let lateSatisfactory = 0;
  return {
    read(chunk) {
      const records: InspectionRecord[] = [];
      for (const r of rows.read(chunk)) {
        const startedOn = r['Inspection Date'];
        if (startedOn === null) {
          issues.push({ file: head.file, line: r.line, column: 'Inspection Date', message: 'inspection date is blank' });
          continue;
        }
        const key = keyOf(r.URN, startedOn);
        const held = seen.get(key);
        const first = held === undefined ? undefined : { line: Math.floor(held / 8), grade: held % 8 };
        if (first !== undefined) {
          if (first.grade === r.Rating.grade) repeats++;
          else
            issues.push({
              file: head.file,
              line: r.line,
              column: 'Rating',
              message: `URN ${r.URN} inspected ${startedOn} is graded ${r.Rating.grade} here and ${first.grade} on line ${first.line}`,
            });
          continue;
        }
        if (r.Rating.word === 'Satisfactory' && startedOn >= '2012-09-01') lateSatisfactory++;
        seen.set(key, r.line * 8 + r.Rating.grade);
        records.push({
          line: r.line,
          urn: r.URN,
          laCode: null,
          schoolName: null,
          phase: null,
          postcode: null,
          inspectionNumber: null,
          startedOn,
          endedOn: null,
          inspectionType: null,
          grade: r.Rating.grade,
          gradeNote: null,
          category: null,
          judgements: {},
          provenance: 'unofficial',
        });
      }
      return records;
    },
    finish: () => ({ issues: [...rows.issues(), ...issues], repeats, lateSatisfactory }),
  };
}
