import { checkOutcome, checkReferral, cmeCaseListColumns, type FieldProblem } from '../../../domain/casework/cme-referral.ts';
import { frameworkYearOf } from '../../../domain/periods/period.ts';
import { csvField } from '../../../domain/csv-field.ts';
import type { FileIssue } from '../../../domain/errors.ts';
import type { BulkCase } from '../../../store/cme-store.ts';
import type { CmeContext, CmeReader } from './cme-service.ts';
import { remakeCmeFigures } from './cme-figures.ts';

/** A case list row as the import reads it (src/imports/cme/cme-case-list.ts), by column. */
export type CaseListRow = Readonly<{ line: number; values: Readonly<Record<string, string>> }>;

// Each form field's CSV column, so an error names the column of the file.
const columnOf: Readonly<Record<string, string>> = {
  'given-name': 'given_name',
  'family-name': 'family_name',
  'date-of-birth': 'date_of_birth',
  sex: 'sex',
  upn: 'upn',
  postcode: 'postcode',
  district: 'district_code',
  'known-on': 'date_known',
  source: 'source',
  'deletion-ground': 'deletion_ground',
  reason: 'reason',
  'outcome-kind': 'outcome',
  'outcome-on': 'outcome_date',
  'school-urn': 'school_urn',
  'outcome-note': 'outcome',
};

const csvCell = (value: string | number | null) => csvField(value === null ? '' : String(value));

/** Bulk import of an existing case list and export of the cases in scope (CSV, the same columns). */
export function createCmeTransfer(context: CmeContext) {
  const { store, trail, today } = context;
  return {
    /**
     * Import a case list: every row is checked (the referral form's rules, the district in the reader's scope, any
     * outcome) before anything is written; on any problem nothing is written and every problem is returned with its line
     * and column.
     */
    async importCases(reader: CmeReader, file: string, rows: readonly CaseListRow[]): Promise<{ issues: FileIssue[] } | { written: number }> {
      return store.transaction(async (tx) => {
        const scope = await context.scopeFor(reader.principal);
        const districts = new Map((await tx.cme.districtsWithLa()).map((d) => [d.code, d.id]));
        const issues: FileIssue[] = [];
        const cases: BulkCase[] = [];
        const day = today();
        const issue = (line: number, p: FieldProblem) => issues.push({ file, line, column: columnOf[p.field] ?? null, message: p.text });
        for (const row of rows) {
          const v = row.values;
          const checked = checkReferral(
            {
              givenName: v.given_name ?? '',
              familyName: v.family_name ?? '',
              dateOfBirth: v.date_of_birth ?? '',
              sex: v.sex ?? '',
              upn: v.upn ?? '',
              postcode: v.postcode ?? '',
              districtCode: v.district_code ?? '',
              knownOn: v.date_known ?? '',
              source: v.source ?? '',
              deletionGround: v.deletion_ground ?? '',
              reason: v.reason ?? '',
            },
            day,
          );
          if ('problems' in checked) {
            checked.problems.forEach((p) => issue(row.line, p));
            continue;
          }
          const r = checked.referral;
          const byPostcode = r.postcode === null ? null : await tx.cme.districtOfPostcode(r.postcode);
          const districtId = districts.get(byPostcode ?? r.districtCode);
          if (districtId === undefined) {
            issue(row.line, {
              field: 'district',
              text: `Give the ONS code of a district held (for example E07000113): ${r.districtCode === '' ? 'none given' : `${r.districtCode} is not held`}`,
            });
            continue;
          }
          if (scope.kind === 'places' && !scope.placeIds.has(districtId)) {
            issue(row.line, { field: 'district', text: 'The district is outside your role’s scope: only cases of your districts can be imported' });
            continue;
          }
          let outcome = null;
          if ((v.outcome ?? '').trim() !== '' || (v.outcome_date ?? '').trim() !== '') {
            const o = checkOutcome({ kind: v.outcome ?? '', on: v.outcome_date ?? '', schoolUrn: v.school_urn ?? '', note: '' }, r.knownOn, day);
            if ('problems' in o) {
              o.problems.forEach((p) => issue(row.line, p));
              continue;
            }
            outcome = o.outcome;
          }
          cases.push({
            child: { ...r, districtId, districtBasis: byPostcode === null ? 'chosen' : 'postcode' },
            episodes: [{ knownOn: r.knownOn, source: r.source, deletionGround: r.deletionGround, reason: r.reason, outcome, enquiries: [] }],
          });
        }
        if (issues.length > 0) return { issues };
        const batchId = await tx.register.openBatch({ fileName: file, fileHash: 'cme-case-list', format: 'cme-case-list', rowCount: rows.length });
        const written = await tx.cme.bulkInsert(cases, batchId);
        const first = cases.map((c) => c.episodes[0]!.knownOn).sort()[0]!;
        const years: number[] = [];
        for (let y = frameworkYearOf(first); y <= frameworkYearOf(day); y++) years.push(y);
        const figures = await remakeCmeFigures(tx, context.unitOf, day, years, batchId);
        await tx.register.closeBatch(batchId, { inserted: written, updated: 0, closed: 0, unchanged: 0, skipped: 0, notes: [`${figures} figures remade`] });
        await trail.record(tx, reader.who, { action: 'cme.import', subject: `batch:${batchId}`, detail: { cases: written } });
        return { written };
      });
    },

    /** The cases in the reader's scope as CSV (one row per episode), audited as one export. */
    async exportCases(reader: CmeReader): Promise<string> {
      return store.transaction(async (tx) => {
        const scope = await context.scopeFor(reader.principal);
        const facts = await tx.cme.episodes(scope.kind === 'everywhere' ? null : [...scope.placeIds]);
        const lines = [['case_id', 'episode', ...cmeCaseListColumns].join(',')];
        const cases = new Map<number, Awaited<ReturnType<typeof tx.cme.caseById>>>();
        for (const f of facts) if (!cases.has(f.caseId)) cases.set(f.caseId, await tx.cme.caseById(f.caseId));
        for (const held of cases.values())
          for (const e of held!.episodes)
            lines.push(
              [
                held!.id,
                e.seq,
                held!.givenName,
                held!.familyName,
                held!.dateOfBirth,
                held!.sex,
                held!.upn,
                held!.postcode,
                held!.districtCode,
                e.knownOn,
                e.source,
                e.deletionGround,
                e.reason,
                e.outcome,
                e.outcomeOn,
                e.schoolUrn,
              ]
                .map(csvCell)
                .join(','),
            );
        await trail.record(tx, reader.who, { action: 'cme.export', subject: 'cme-cases', detail: { cases: cases.size } });
        return `${lines.join('\r\n')}\r\n`;
      });
    },
  };
}
