import type { FileIssue } from '../../domain/errors.ts';
import type { ImportFile } from '../../domain/import-file.ts';
import type { InspectionProvenance } from '../../domain/schools/inspection.ts';
import type { Store } from '../../store/store.ts';
import { addCounts, zeroCounts, type Counts } from '../imports/import-counts.ts';

type InspectionFile = Extract<ImportFile, { format: 'ofsted-inspection-outcomes' | 'ofsted-ratings-history' | 'ofsted-management-information' }>;

/**
 * Inspections are keyed by URN as inspected: a school the register does not hold (a closed predecessor) is kept too.
 * They are written a chunk at a time as the file is read again (issue 20.5); a file changed since it was screened adds
 * its issue to `issues`.
 */
export async function writeInspections(tx: Store, file: InspectionFile, batchId: number, issues: FileIssue[]): Promise<Counts> {
  let counts = zeroCounts();
  let provenance: InspectionProvenance = 'official';
  let stored = 0;
  let ungraded = 0;
  for await (const records of file.records(issues)) {
    counts = addCounts(counts, await tx.inspections.upsert(records, batchId));
    if (stored === 0 && records[0] !== undefined) provenance = records[0].provenance;
    stored += records.length;
    ungraded += records.filter((r) => r.grade === null).length;
  }
  return {
    ...counts,
    notes: [
      `${stored} inspections stored with ${provenance} provenance${provenance === 'unofficial' ? ' (a scrape of Ofsted report pages, not an Ofsted dataset)' : ''}`,
      ...(ungraded > 0 ? [`${ungraded} inspections with no overall grade, held as such`] : []),
    ],
  };
}
