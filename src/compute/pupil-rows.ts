import { pupilColumns, type AnyPupilRecord, type Collection } from '../domain/pupils/pupil-record.ts';
import { sqlString, withLiveDuckDb } from './duckdb.ts';

/** Which pupils of a file to read: any pupil matching one of the parts (ids and URNs are matched exactly). */
export type PupilRowFilter = Readonly<{
  pupilIds?: readonly string[];
  urns?: readonly string[];
  inCare?: boolean;
  /** Census files: pupils with a permanent or at least one fixed-period exclusion. */
  excluded?: boolean;
}>;

/**
 * A few pupils' records from a pupil file, as the domain names their fields: what casework reads to match its cases to
 * the pupil records (an excluded pupil's characteristics, a child in care's attendance and results). Never the whole
 * file: a filter with no part reads nothing.
 */
export async function readPupilRows(path: string, collection: Collection, filter: PupilRowFilter): Promise<AnyPupilRecord[]> {
  const parts: string[] = [];
  const list = (values: readonly string[]) => values.map(sqlString).join(', ');
  if (filter.pupilIds !== undefined && filter.pupilIds.length > 0) parts.push(`pupil_id in (${list(filter.pupilIds)})`);
  if (filter.urns !== undefined && filter.urns.length > 0) parts.push(`urn in (${list(filter.urns)})`);
  if (filter.inCare === true) parts.push('in_care');
  if (filter.excluded === true && collection === 'census') parts.push('(permanent_exclusion or fixed_period_exclusions > 0)');
  if (parts.length === 0) return [];
  const columns = pupilColumns(collection);
  return withLiveDuckDb(async (connection) => {
    const result = await connection.runAndReadAll(
      `select ${columns.map((c) => c.name).join(', ')} from read_parquet(${sqlString(path)}) where ${parts.join(' or ')} order by pupil_id`,
    );
    return result.getRowObjectsJS().map((row) => {
      const record: Record<string, unknown> = {};
      for (const c of columns) {
        const value = row[c.name];
        record[c.field] = typeof value === 'bigint' ? Number(value) : value;
      }
      return record as AnyPupilRecord;
    });
  });
}

/** A census file's exclusions by school: pupils permanently excluded and fixed-period exclusions (instances). */
export async function censusExclusionsBySchool(path: string): Promise<Map<string, { permanent: number; suspensions: number }>> {
  return withLiveDuckDb(async (connection) => {
    const result = await connection.runAndReadAll(
      `select urn, count(*) filter (where permanent_exclusion) as permanent, coalesce(sum(fixed_period_exclusions), 0) as suspensions
         from read_parquet(${sqlString(path)}) group by urn having count(*) filter (where permanent_exclusion) > 0 or sum(fixed_period_exclusions) > 0`,
    );
    return new Map(result.getRowObjectsJS().map((r) => [r.urn as string, { permanent: Number(r.permanent), suspensions: Number(r.suspensions) }]));
  });
}
