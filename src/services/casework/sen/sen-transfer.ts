import { londonDateOf } from '../../../domain/periods/london-time.ts';
import type { CaseScope } from '../../../domain/access/reach.ts';
import type { AuditWho } from '../../../domain/audit/audit-chain.ts';
import {
  caseKeysOf,
  caseListCellsOf,
  checkCaseListRow,
  senCaseListColumns,
  type SenCaseListValues,
  type SenListedCase,
} from '../../../domain/casework/ehc-case-list.ts';
import type { FileIssue } from '../../../domain/errors.ts';
import type { SenChildRow, SenExceptionRow, SenPlacementRow, SenRequestRow, SenReviewRow } from '../../../store/sen-store.ts';
import type { Store } from '../../../store/store.ts';
import type { AuditContext } from '../../audit/audit-service.ts';
import type { Clock } from '../../clock.ts';
import { remakeSenFigures, yearsTouched } from './sen-figures.ts';

/** A case list row as the import reads it (src/imports/sen/sen-case-list.ts): its line and its cells by column. */
export type SenListRow = Readonly<{ line: number; values: SenCaseListValues }>;

export type SenImportResult = { issues: FileIssue[] } | { written: number; unchanged: number; batchId: number | null };

/** The columns two listings of a case are compared on: all but request_id (the id in the system the list came from). */
const compared = senCaseListColumns.filter((c) => c !== 'request_id');

/**
 * A child row is shared by the requests of a list only when every field the list holds of it agrees (names, date of
 * birth, UPN, school, district): the list gives them per request, and a child written from one row must read back the
 * same in every row it serves, or the list would not load back unchanged.
 */
const childKeyOf = (c: Pick<SenListedCase, 'given_name' | 'family_name' | 'date_of_birth' | 'upn' | 'school_urn'>, placeId: number) =>
  JSON.stringify([c.given_name, c.family_name, c.date_of_birth, c.upn, c.school_urn, placeId]);

/**
 * Bulk import of an LA's existing EHC needs assessment cases (issue 15, item 6). A case's identity is its child (the UPN
 * when given, and the names with the date of birth) and the day its request was received (caseKeysOf): a row naming a
 * case already held writes nothing when every column but request_id agrees with the case as held, and is refused when
 * one differs (a change is recorded on the case's pages, where each step is checked against today's state). So
 * importing a file twice, or an export, writes nothing new.
 */
export function createSenTransfer(store: Store, clock: Clock, audit: AuditContext) {
  const today = () => londonDateOf(clock());
  return {
    /**
     * Every row is checked with the forms' rules (checkCaseListRow), its district held and in the reader's scope, and
     * against the cases held and the rows above it, before anything is written; on any problem nothing is written and
     * every problem is returned with its line and column. Each case written is audited; the SEN figures of the years
     * the new cases touch are remade once.
     */
    async importCases(scope: CaseScope, who: AuditWho, file: string, rows: readonly SenListRow[], fileHash = 'sen-case-list'): Promise<SenImportResult> {
      const day = today();
      return store.transaction(async (tx) => {
        const districts = await tx.places.idsByCode('district');
        const held = await tx.sen.casesForExport(null);
        const anonymised = new Map(held.filter((h) => h.anonymised_on !== null).map((h) => [String(h.id), h]));
        const heldByKey = new Map(held.flatMap((h) => caseKeysOf(h).map((k) => [k, h] as const)));
        const childByKey = new Map<string, number>();
        for (const h of held) if (h.anonymised_on === null) childByKey.set(childKeyOf(h, Number(h.place_id)), Number(h.child_id));
        const issues: FileIssue[] = [];
        const fresh: { line: number; placeId: number; listed: SenListedCase }[] = [];
        const lineOfKey = new Map<string, number>();
        let unchanged = 0;
        for (const row of rows) {
          const issue = (column: string | null, message: string) => issues.push({ file, line: row.line, column, message });
          // A case anonymised by the retention rule is listed with no names: known by its id, it loads back as nothing new.
          if (row.values.given_name.trim() === '' && row.values.family_name.trim() === '') {
            const gone = anonymised.get(row.values.request_id.trim());
            const listed = gone === undefined ? null : caseListCellsOf(gone, null);
            const inScope = gone !== undefined && (scope.kind === 'everywhere' || scope.placeIds.has(Number(gone.place_id)));
            if (inScope && compared.every((c) => listed![c] === row.values[c].trim())) unchanged++;
            else issue('given_name', 'Enter the child or young person’s names (a row with none is read only as a case held here and anonymised, unchanged)');
            continue;
          }
          const checked = checkCaseListRow(row.values, day);
          if ('problems' in checked) {
            checked.problems.forEach((p) => issue(p.column, p.text));
            continue;
          }
          const listed = checked.listed;
          const placeId = districts.get(listed.district_code);
          if (placeId === undefined) {
            issue('district_code', `${listed.district_code} is not the ONS code of a district held (for example E07000113)`);
            continue;
          }
          if (scope.kind === 'places' && !scope.placeIds.has(placeId)) {
            issue('district_code', 'The district is outside the places you work on: only cases of your districts can be imported');
            continue;
          }
          const keys = caseKeysOf(listed);
          const earlier = keys.map((k) => lineOfKey.get(k)).find((l) => l !== undefined);
          if (earlier !== undefined) {
            issue('received_on', `The same case as line ${earlier}: the same child with a request received the same day`);
            continue;
          }
          keys.forEach((k) => lineOfKey.set(k, row.line));
          const same = keys.map((k) => heldByKey.get(k)).find((h) => h !== undefined);
          if (same === undefined) {
            fresh.push({ line: row.line, placeId, listed });
            continue;
          }
          if (scope.kind === 'places' && !scope.placeIds.has(Number(same.place_id))) {
            issue('district_code', 'A case of this child with a request received that day is held in a district outside the places you work on');
            continue;
          }
          const [mine, theirs] = [caseListCellsOf(listed, null), caseListCellsOf(same, null)];
          const differs = compared.find((c) => mine[c] !== theirs[c]);
          if (differs === undefined) unchanged++;
          else issue(differs, `Case ${same.id} is this child's request of that day, held with a different ${differs}: record the change on the case itself`);
        }
        if (issues.length > 0) return { issues };
        if (fresh.length === 0) {
          await audit.trail.record(tx, who, { action: 'sen.import-file', subject: 'sen-case:*', detail: { written: 0, unchanged } });
          return { written: 0, unchanged, batchId: null };
        }
        const batchId = await tx.register.openBatch({ fileName: file, fileHash, format: 'sen-case-list', rowCount: rows.length });
        const requestIds = await tx.sen.nextIds('sen_request', fresh.length);
        // As many child ids as there could be new children; those not used leave a gap in the sequence, nothing more.
        const childIds = await tx.sen.nextIds('sen_child', fresh.length);
        const children: SenChildRow[] = [];
        const requests: SenRequestRow[] = [];
        const exceptions: Omit<SenExceptionRow, 'id'>[] = [];
        const reviews: Omit<SenReviewRow, 'id'>[] = [];
        const placements: Omit<SenPlacementRow, 'id'>[] = [];
        const known: boolean[] = [];
        for (const [i, { placeId, listed: c }] of fresh.entries()) {
          // A child already held (or written from a row above) in the same district is the same child.
          const key = childKeyOf(c, placeId);
          let childId = childByKey.get(key);
          known.push(childId !== undefined && children.every((n) => n.id !== childId));
          if (childId === undefined) {
            childId = childIds[children.length]!;
            children.push({ ...childOf(c), id: childId, place_id: placeId, anonymised_on: null, batch_id: batchId });
            childByKey.set(key, childId);
          }
          const id = requestIds[i]!;
          requests.push({ ...requestOf(c), id, child_id: childId, batch_id: batchId });
          for (const e of c.exceptions) exceptions.push({ request_id: id, reason: e.reason, recorded_on: e.on });
          for (const on of c.reviews) reviews.push({ request_id: id, reviewed_on: on });
          for (const p of c.placements) placements.push({ request_id: id, starts_on: p.on, establishment_type: p.type, school_urn: p.schoolUrn });
        }
        await tx.sen.insertChildren(children);
        await tx.sen.insertRequests(requests);
        await tx.sen.insertExceptions(exceptions as SenExceptionRow[]);
        await tx.sen.insertReviews(reviews as SenReviewRow[]);
        await tx.sen.insertPlacements(placements as SenPlacementRow[]);
        for (const [i, { placeId }] of fresh.entries())
          await audit.trail.record(tx, who, {
            action: 'sen.import',
            subject: `sen-case:${requestIds[i]}`,
            placeId,
            detail: { batch: batchId, childKnown: known[i]! },
          });
        const first = fresh.map((f) => f.listed.received_on).sort()[0]!;
        const figures = await remakeSenFigures(tx, yearsTouched(first, day), batchId, day);
        await tx.register.closeBatch(batchId, {
          inserted: fresh.length,
          updated: 0,
          closed: 0,
          unchanged,
          skipped: 0,
          notes: [`${children.length} children added`, `${figures} SEN figures remade`],
        });
        await audit.trail.record(tx, who, { action: 'sen.import-file', subject: `batch:${batchId}`, detail: { written: fresh.length, unchanged } });
        return { written: fresh.length, unchanged, batchId };
      });
    },
  };
}

const childOf = (c: SenListedCase) => ({
  given_name: c.given_name,
  family_name: c.family_name,
  date_of_birth: c.date_of_birth,
  upn: c.upn,
  school_urn: c.school_urn,
});

const requestOf = (c: SenListedCase) => ({
  received_on: c.received_on,
  requested_by: c.requested_by,
  withdrawn_on: c.withdrawn_on,
  decision: c.decision,
  decision_on: c.decision_on,
  draft_on: c.draft_on,
  outcome: c.outcome,
  outcome_on: c.outcome_on,
  ceased_on: c.ceased_on,
  cease_reason: c.cease_reason,
});
