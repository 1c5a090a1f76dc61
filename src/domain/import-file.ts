import type {
  AreaNameRecord,
  GroupingRecord,
  GroupMembershipRecord,
  LaRecord,
  NeighbourListRecord,
  PostcodeRecord,
  SchoolRecord,
  SuccessionRecord,
} from './geography/register.ts';
import type { LaitMeasureRecord, LaitValueRecord } from './indicators/lait.ts';
import type { PublishedValueRecord } from './indicators/published-values.ts';
import type { InspectionRecord } from './schools/inspection.ts';

/** `skipped`: rows the format leaves out on purpose (each reason is in `notes`). */
type FileFacts = Readonly<{ file: string; path: string; hash: string; encoding: string; rowCount: number; skipped: number; notes: readonly string[] }>;

/** A file read and screened, ready to write: its facts for the import batch and its records. */
export type ImportFile = FileFacts &
  (
    | { format: 'la-code-list'; records: readonly LaRecord[] }
    | { format: 'performance-tables-spine' | 'gias-establishments'; records: readonly SchoolRecord[] }
    | { format: 'codepoint-code-names'; records: readonly AreaNameRecord[] }
    | { format: 'codepoint-postcodes'; records: readonly PostcodeRecord[] }
    | { format: 'gias-links'; records: readonly SuccessionRecord[] }
    | { format: 'gias-group-links'; records: readonly GroupMembershipRecord[] }
    | { format: 'grouping-file'; records: readonly GroupingRecord[] }
    | { format: 'statistical-neighbours'; records: readonly NeighbourListRecord[] }
    | { format: 'lait-dictionary'; records: readonly LaitMeasureRecord[] }
    | { format: 'lait-data'; records: readonly LaitValueRecord[] }
    | { format: 'ofsted-inspection-outcomes' | 'ofsted-ratings-history' | 'ofsted-management-information'; records: readonly InspectionRecord[] }
    | { format: 'mapped-csv'; mapping: string; records: readonly PublishedValueRecord[] }
  );

/** The order files of one import are written in: LAs before schools, schools before their links, measures before values. */
export const importWriteOrder: readonly ImportFile['format'][] = [
  'la-code-list',
  'performance-tables-spine',
  'gias-establishments',
  'codepoint-code-names',
  'codepoint-postcodes',
  'gias-links',
  'gias-group-links',
  'grouping-file',
  'statistical-neighbours',
  'lait-dictionary',
  'lait-data',
  'ofsted-inspection-outcomes',
  'ofsted-management-information',
  'ofsted-ratings-history',
  'mapped-csv',
];

/** The format an import batch records: mapped files name their mapping. */
export function batchFormat(file: ImportFile): string {
  return file.format === 'mapped-csv' ? `mapped-csv:${file.mapping}` : file.format;
}
