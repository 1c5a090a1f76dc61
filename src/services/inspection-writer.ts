import type { ImportFile } from '../domain/import-file.ts';
import type { Store } from '../store/store.ts';
import { zeroCounts, type Counts } from './import-counts.ts';

type InspectionFile = Extract<ImportFile, { format: 'ofsted-inspection-outcomes' | 'ofsted-ratings-history' | 'ofsted-management-information' }>;

/** Inspections are keyed by URN as inspected: a school the register does not hold (a closed predecessor) is kept too. */
export async function writeInspections(tx: Store, file: InspectionFile, batchId: number): Promise<Counts> {
  const counts = await tx.inspections.upsert(file.records, batchId);
  const provenance = file.records[0]?.provenance ?? 'official';
  const ungraded = file.records.filter((r) => r.grade === null).length;
  const lateSatisfactory = file.records.filter((r) => r.provenance === 'unofficial' && r.grade === 3 && r.startedOn >= '2012-09-01').length;
  return {
    ...zeroCounts(),
    ...counts,
    notes: [
      `${file.records.length} inspections stored with ${provenance} provenance${provenance === 'unofficial' ? ' (a scrape of Ofsted report pages, not an Ofsted dataset)' : ''}`,
      ...(ungraded > 0 ? [`${ungraded} inspections with no overall grade, held as such`] : []),
      ...(file.format === 'ofsted-ratings-history' && lateSatisfactory > 0
        ? [`grade 3 after 1 September 2012 is "requires improvement" whatever the page's word: ${lateSatisfactory} such inspections`]
        : []),
    ],
  };
}
