import type { ImportFile } from '../../domain/import-file.ts';
import type { Store } from '../../store/store.ts';
import { zeroCounts, type Counts } from '../imports/import-counts.ts';

type InspectionFile = Extract<ImportFile, { format: 'ofsted-inspection-outcomes' | 'ofsted-ratings-history' | 'ofsted-management-information' }>;

/** Inspections are keyed by URN as inspected: a school the register does not hold (a closed predecessor) is kept too. */
export async function writeInspections(tx: Store, file: InspectionFile, batchId: number): Promise<Counts> {
  const counts = await tx.inspections.upsert(file.records, batchId);
  const provenance = file.records[0]?.provenance ?? 'official';
  const ungraded = file.records.filter((r) => r.grade === null).length;
  return {
    ...zeroCounts(),
    ...counts,
    notes: [
      `${file.records.length} inspections stored with ${provenance} provenance${provenance === 'unofficial' ? ' (a scrape of Ofsted report pages, not an Ofsted dataset)' : ''}`,
      ...(ungraded > 0 ? [`${ungraded} inspections with no overall grade, held as such`] : []),
    ],
  };
}
