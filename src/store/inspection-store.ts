import { sql, type Kysely, type Selectable } from 'kysely';
import type { InspectionProvenance, InspectionRecord } from '../domain/schools/inspection.ts';
import type { Category, OverallGrade } from '../domain/schools/ofsted-judgements.ts';
import type { Database, InspectionTable } from './schema.ts';

/** Ofsted inspections by URN as inspected (see migration 0006). */

export type StoredInspection = Omit<InspectionRecord, 'line'> & Readonly<{ batchId: number; sourceLine: number | null }>;

const chunkSize = 1000;

/** What makes two rows for one inspection the same: everything but provenance facts (batch and line). jsonb reorders keys. */
const fingerprint = (r: Omit<StoredInspection, 'batchId' | 'sourceLine' | 'urn' | 'startedOn' | 'provenance'>) =>
  JSON.stringify([
    r.laCode,
    r.schoolName,
    r.phase,
    r.postcode,
    r.inspectionNumber,
    r.endedOn,
    r.inspectionType,
    r.grade,
    r.gradeNote,
    r.category,
    Object.entries(r.judgements).sort(([a], [b]) => a.localeCompare(b)),
  ]);

function fromRow(r: Selectable<InspectionTable>): StoredInspection {
  return {
    urn: r.urn,
    laCode: r.la_code,
    schoolName: r.school_name,
    phase: r.phase,
    postcode: r.postcode,
    inspectionNumber: r.inspection_number,
    startedOn: r.started_on,
    endedOn: r.ended_on,
    inspectionType: r.inspection_type,
    grade: r.overall_grade as OverallGrade | null,
    gradeNote: r.grade_note,
    category: r.category as Category,
    judgements: r.judgements as Record<string, OverallGrade | null>,
    provenance: r.provenance as InspectionProvenance,
    batchId: Number(r.batch_id),
    sourceLine: r.source_line,
  };
}

export function createInspectionStore(db: Kysely<Database>) {
  const startedBetween = async (from: string, to: string, provenance: InspectionProvenance, laCode: string | null): Promise<StoredInspection[]> => {
    let query = db
      .selectFrom('inspection')
      .selectAll()
      .where('provenance', '=', provenance)
      .where(sql<boolean>`started_on between ${from}::date and ${to}::date`);
    if (laCode !== null) query = query.where('la_code', '=', laCode);
    return (await query.orderBy('started_on').orderBy('urn').execute()).map(fromRow);
  };

  return {
    /** Insert new inspections and update changed ones; an inspection a file repeats unchanged is counted, not rewritten. */
    async upsert(records: readonly InspectionRecord[], batchId: number): Promise<{ inserted: number; updated: number; unchanged: number }> {
      const existing = new Map<string, string>();
      const urns = [...new Set(records.map((r) => r.urn))];
      for (let i = 0; i < urns.length; i += chunkSize)
        for (const r of await db
          .selectFrom('inspection')
          .selectAll()
          .where('urn', 'in', urns.slice(i, i + chunkSize))
          .execute())
          existing.set(`${r.urn}|${r.started_on}|${r.provenance}`, fingerprint(fromRow(r)));
      let inserted = 0;
      let updated = 0;
      const changed = records.filter((r) => {
        const old = existing.get(`${r.urn}|${r.startedOn}|${r.provenance}`);
        if (old === undefined) inserted++;
        else if (old !== fingerprint(r)) updated++;
        else return false;
        return true;
      });
      for (let i = 0; i < changed.length; i += chunkSize)
        await db
          .insertInto('inspection')
          .values(
            changed.slice(i, i + chunkSize).map((r) => ({
              urn: r.urn,
              la_code: r.laCode,
              school_name: r.schoolName,
              phase: r.phase,
              postcode: r.postcode,
              inspection_number: r.inspectionNumber,
              started_on: r.startedOn,
              ended_on: r.endedOn,
              inspection_type: r.inspectionType,
              overall_grade: r.grade,
              grade_note: r.gradeNote,
              category: r.category,
              judgements: JSON.stringify(r.judgements),
              provenance: r.provenance,
              source_line: r.line,
              batch_id: batchId,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['urn', 'started_on', 'provenance']).doUpdateSet((eb) => ({
              la_code: eb.ref('excluded.la_code'),
              school_name: eb.ref('excluded.school_name'),
              phase: eb.ref('excluded.phase'),
              postcode: eb.ref('excluded.postcode'),
              inspection_number: eb.ref('excluded.inspection_number'),
              ended_on: eb.ref('excluded.ended_on'),
              inspection_type: eb.ref('excluded.inspection_type'),
              overall_grade: eb.ref('excluded.overall_grade'),
              grade_note: eb.ref('excluded.grade_note'),
              category: eb.ref('excluded.category'),
              judgements: eb.ref('excluded.judgements'),
              source_line: eb.ref('excluded.source_line'),
              batch_id: eb.ref('excluded.batch_id'),
            })),
          )
          .execute();
      return { inserted, updated, unchanged: records.length - inserted - updated };
    },

    /** Every inspection of these URNs, oldest first. */
    async forUrns(urns: readonly string[]): Promise<StoredInspection[]> {
      if (urns.length === 0) return [];
      const out: StoredInspection[] = [];
      for (let i = 0; i < urns.length; i += chunkSize)
        out.push(
          ...(
            await db
              .selectFrom('inspection')
              .selectAll()
              .where('urn', 'in', urns.slice(i, i + chunkSize))
              .orderBy('started_on')
              .orderBy('provenance')
              .execute()
          ).map(fromRow),
        );
      return out.sort((a, b) => a.startedOn.localeCompare(b.startedOn) || a.provenance.localeCompare(b.provenance));
    },

    /** Every URN with an inspection held. */
    async urns(): Promise<string[]> {
      return (await db.selectFrom('inspection').select('urn').distinct().execute()).map((r) => r.urn);
    },

    /** Whether any inspection is held at all. */
    async any(): Promise<boolean> {
      return (await db.selectFrom('inspection').select('id').limit(1).execute()).length > 0;
    },

    /** The LAs and academic years (by start year) official inspections are held for, with how many. */
    async coverage(): Promise<{ laCode: string; startYear: number; inspections: number }[]> {
      const result = await sql<{ la_code: string; start_year: number; n: string }>`
        select la_code, (extract(year from started_on) - case when extract(month from started_on) < 9 then 1 else 0 end)::int as start_year, count(*) as n
          from inspection where la_code is not null and provenance = 'official'
         group by 1, 2 order by 1, 2`.execute(db);
      return result.rows.map((r) => ({ laCode: r.la_code, startYear: Number(r.start_year), inspections: Number(r.n) }));
    },

    /** Inspections that started in [from, to] of schools the file placed in an LA (by LAESTAB), oldest first. */
    inLa: (laCode: string, from: string, to: string, provenance: InspectionProvenance = 'official') => startedBetween(from, to, provenance, laCode),

    /** Every LA's inspections that started between two dates (England's inspections in a year), oldest first. */
    inPeriod: (from: string, to: string, provenance: InspectionProvenance = 'official') => startedBetween(from, to, provenance, null),
  };
}
