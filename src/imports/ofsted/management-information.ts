import { z } from 'zod';
import type { FileIssue } from '../../domain/errors.ts';
import type { InspectionRecord } from '../../domain/schools/inspection.ts';
import { overallGrade, type OverallGrade } from '../../domain/schools/ofsted-judgements.ts';
import type { CsvTable } from '../csv-table.ts';
import { gathered, readWhole, type RecordReader, type TableHead } from '../chunk-reader.ts';
import { chunkScreen, hasColumns, optionalDate, optionalText, requiredText, urn } from '../row-schema.ts';
import { categoryCell, judgementCell } from './inspection-outcomes.ts';

/**
 * Ofsted's monthly management information, "State-funded school inspections and outcomes" (the latest graded
 * inspection of every open state-funded school), as LAs download it from GOV.UK: dates dd/mm/yyyy, judgements 1-4,
 * "NULL" or "9" not judged. From September 2024 "Overall effectiveness" is "Not judged". When the latest graded
 * inspection was of a predecessor school (an academy converter not yet inspected), "URN at time of latest full
 * inspection" names it: the inspection is stored under the URN that was inspected, and the successor reads it
 * through the school's succession links. Schools never inspected have no inspection date and are skipped.
 */
export const managementInformationJudgements = [
  'Quality of education',
  'Behaviour and attitudes',
  'Personal development',
  'Effectiveness of leadership and management',
  'Early years provision (where applicable)',
  'Sixth form provision (where applicable)',
  'Outcomes for pupils',
  'Quality of teaching, learning and assessment',
  // The section 5 framework's name to August 2015, as the official statistics' inspection-level files write it: kept
  // when an older file has it, so a school's teaching judgement (teaching-judgement.ts) reads from it.
  'Quality of teaching',
  'Personal development, behaviour and welfare',
] as const;

const inspectedUrn = 'URN at time of latest full inspection';

const row = z.object({
  URN: urn,
  LAESTAB: z
    .string()
    .trim()
    .regex(/^\d{7}$/, 'not a LAESTAB (7 digits)'),
  'School name': requiredText('school name'),
  'Ofsted phase': optionalText,
  Postcode: optionalText,
  'Inspection number': optionalText,
  'Inspection type': optionalText,
  'Inspection start date': optionalDate('dd/mm/yyyy'),
  'Overall effectiveness': z.string(),
  'Category of concern': categoryCell,
});

export type ManagementInformationParse = { records: InspectionRecord[]; issues: FileIssue[]; notInspected: number; carried: number };

export const ofstedManagementInformation = {
  id: 'ofsted-management-information',
  label: 'Ofsted management information (latest inspection of every state-funded school)',
  encoding: 'utf-8-or-windows-1252',
  recognise: (header: readonly string[]) =>
    hasColumns(header, ['URN', 'LAESTAB', 'Ofsted phase', 'Inspection number', 'Inspection start date', 'Overall effectiveness', 'Category of concern']),
  parse: (table: CsvTable): ManagementInformationParse => readWhole(table, (head) => gathered(managementInformationReader(head))),
  reader: managementInformationReader,
} as const;

/** The file's rows a chunk at a time: each school's latest inspection, kept once when two schools carry it. */
function managementInformationReader(head: TableHead): RecordReader<InspectionRecord, Omit<ManagementInformationParse, 'records'>> {
  const judgementColumns = managementInformationJudgements.filter((c) => head.header.includes(c));
  // The judgement columns vary by file; their values are read through `values` below.
  const schema = row.extend({
    ...Object.fromEntries(judgementColumns.map((c) => [c, judgementCell])),
    ...(head.header.includes('Inspection end date') ? { 'Inspection end date': optionalDate('dd/mm/yyyy') } : {}),
    ...(head.header.includes(inspectedUrn) ? { [inspectedUrn]: z.union([z.literal('').transform(() => null), urn]) } : {}),
  }) as unknown as typeof row;
  const rows = chunkScreen(schema);
  const issues: FileIssue[] = [];
  const kept = new Set<string>();
  let notInspected = 0;
  let carried = 0;
  return {
    read(chunk) {
      const records: InspectionRecord[] = [];
      for (const r of rows.read(chunk)) {
        const values = r as unknown as Record<string, unknown>;
        const startedOn = r['Inspection start date'];
        if (startedOn === null) {
          notInspected++;
          continue;
        }
        const raw = r['Overall effectiveness'].trim();
        const grade = overallGrade(/^not judged$/i.test(raw) ? '' : raw, startedOn);
        if (grade.note !== null && grade.note.startsWith('unknown')) {
          issues.push({ file: head.file, line: r.line, column: 'Overall effectiveness', message: `${grade.note} (expected 1-4, Not judged, 9 or NULL)` });
          continue;
        }
        const inspected = (values[inspectedUrn] as string | null | undefined) ?? r.URN;
        if (inspected !== r.URN) carried++;
        // A predecessor's inspection carried by two successors (a split) is one inspection.
        const key = `${inspected} ${startedOn}`;
        if (kept.has(key)) continue;
        kept.add(key);
        records.push({
          line: r.line,
          urn: inspected,
          laCode: r.LAESTAB.slice(0, 3),
          schoolName: r['School name'],
          phase: r['Ofsted phase'],
          postcode: r.Postcode,
          inspectionNumber: r['Inspection number'],
          startedOn,
          endedOn: (values['Inspection end date'] as string | null | undefined) ?? null,
          inspectionType: r['Inspection type'],
          grade: grade.grade,
          gradeNote: grade.note,
          category: r['Category of concern'],
          judgements: Object.fromEntries(judgementColumns.map((c) => [c, (values[c] as OverallGrade | null | undefined) ?? null])),
          provenance: 'official',
        });
      }
      return records;
    },
    finish: () => ({ issues: [...rows.issues(), ...issues], notInspected, carried }),
  };
}
