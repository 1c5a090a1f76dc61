import { londonDateOf } from '../../../domain/periods/london-time.ts';
import type { CaseScope } from '../../../domain/access/reach.ts';
import type { AuditWho } from '../../../domain/audit/audit-chain.ts';
import { clockOf, deadlinesOf, planTimingOf, type RequestSteps } from '../../../domain/casework/ehc-clock.ts';
import { retainUntil } from '../../../domain/casework/ehc-figures.ts';
import { requestDateProblem } from '../../../domain/casework/ehc-request.ts';
import { stepProblem, type CaseState, type Requester, type SenStep } from '../../../domain/casework/ehc-steps.ts';
import { BadRequestError, NotFoundError } from '../../../domain/errors.ts';
import type { SenCaseRows } from '../../../store/sen-store.ts';

export type { SenCaseRows };
import type { Store } from '../../../store/store.ts';
import type { AuditContext } from '../../audit/audit-service.ts';
import type { Clock } from '../../clock.ts';
import { requireInScope } from '../case-scope.ts';
import { planLivesOf, remakeSenFigures, stepsOf, yearsTouched } from './sen-figures.ts';
import { sen2TablesOf } from '../../../domain/casework/sen2-tables.ts';
import { academicYearCode, censusDateOf } from '../../../domain/periods/period.ts';

/** The places a scope reaches, as the store filters by them (null: everywhere). */
export const placeIdsOf = (scope: CaseScope): number[] | null => (scope.kind === 'everywhere' ? null : [...scope.placeIds]);

/** A case's rows as the clock reads them. */
export function stateOf(rows: SenCaseRows): CaseState {
  const r = rows.request;
  return {
    receivedOn: r.received_on,
    withdrawnOn: r.withdrawn_on,
    decision: r.decision === null ? null : { assess: r.decision === 'assess', on: r.decision_on! },
    draftOn: r.draft_on,
    outcome: r.outcome === null ? null : { plan: r.outcome === 'plan', on: r.outcome_on! },
    exceptions: rows.exceptions.map((e) => ({ regulation: e.reason, on: e.recorded_on })),
    ceasedOn: r.ceased_on,
  };
}

export type NewSenRequest = Readonly<{
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  upn: string | null;
  placeId: number;
  schoolUrn: string | null;
  receivedOn: string;
  requestedBy: Requester;
}>;

/**
 * SEN casework (issue 15.2): the caseworker's task list, one case with its clock, a new request, and each step recorded
 * on it. Every read and write is audited in its own transaction (subject `sen-case:<request id>`, no names); a case
 * outside the reader's scope is a 404 that names nothing, and the refusal is audited. A write that can change a figure
 * remakes the SEN figures.
 */
export function createSenCaseService(store: Store, clock: Clock, audit: AuditContext) {
  const today = () => londonDateOf(clock());

  /** Remake the figures of every year a change dated `from` can move. */
  const remake = async (tx: Store, batchId: number, from: string) => remakeSenFigures(tx, yearsTouched(from, today()), batchId, today());

  /**
   * The case if the scope holds it. Else the refusal is audited in a transaction of its own (the caller's rolls back
   * with the 404) and the 404 names nothing: a case outside the scope reads exactly as one that does not exist.
   */
  const loadInScope = async (tx: Store, scope: CaseScope, who: AuditWho, id: number): Promise<SenCaseRows> => {
    const rows = await tx.sen.caseById(id);
    if (rows === null) throw new NotFoundError('no such case');
    if (!scopeHas(scope, rows.child.place_id))
      await store.transaction((own) => audit.trail.record(own, who, { action: 'sen.read-refused', subject: `sen-case:${id}`, placeId: null }));
    requireInScope(scope, rows.child.place_id, 'case');
    return rows;
  };
  const scopeHas = (scope: CaseScope, placeId: number) => scope.kind === 'everywhere' || scope.placeIds.has(placeId);

  return {
    today,

    /** Requests whose clock runs, in scope, with the step due and when: the soonest due first (overdue at the top). */
    async tasks(scope: CaseScope, who: AuditWho) {
      return store.transaction(async (tx) => {
        const rows = await tx.sen.openRequests(placeIdsOf(scope));
        await audit.trail.record(tx, who, { action: 'sen.list', subject: 'sen-case:*', detail: { shown: rows.length } });
        const on = today();
        return rows
          .map((r) => {
            const steps: RequestSteps = {
              receivedOn: r.received_on,
              withdrawnOn: null,
              decision: r.decision === null ? null : { assess: true, on: r.decision_on! },
              draftOn: r.draft_on,
              outcome: null,
              exceptions: [],
            };
            const state = clockOf(steps, on);
            return {
              id: Number(r.id),
              name: `${r.given_name} ${r.family_name}`,
              placeName: r.place_name,
              receivedOn: r.received_on,
              hasException: Boolean(r.has_exception),
              clock: state,
            };
          })
          .sort((a, b) => (a.clock.kind === 'running' && b.clock.kind === 'running' ? a.clock.dueOn.localeCompare(b.clock.dueOn) : 0) || a.id - b.id);
      });
    },

    /** One case with its clock, deadlines, timing, retention date and the child's other requests. Audited. */
    async read(scope: CaseScope, who: AuditWho, id: number) {
      return store.transaction(async (tx) => {
        const rows = await loadInScope(tx, scope, who, id);
        await audit.trail.record(tx, who, { action: 'sen.read', subject: `sen-case:${id}`, placeId: rows.child.place_id });
        const state = stateOf(rows);
        const place = (await tx.places.byIds([rows.child.place_id]))[0];
        const others = (await tx.sen.requestsOfChild(rows.child.id)).filter((r) => Number(r.id) !== id);
        return {
          ...rows,
          placeName: place?.name ?? '',
          clock: clockOf(state, today()),
          deadlines: deadlinesOf(state.receivedOn),
          timing: planTimingOf(state),
          retainUntil: retainUntil(rows.child.date_of_birth),
          otherRequests: others.map((r) => ({ id: Number(r.id), receivedOn: r.received_on })),
        };
      });
    },

    /** Open a new request (a new request for a child already held is a new case with its own clock). */
    async create(scope: CaseScope, who: AuditWho, input: NewSenRequest): Promise<number> {
      if (!scopeHas(scope, input.placeId)) throw new BadRequestError('the district is outside the places you work on');
      const order = requestDateProblem(input.dateOfBirth, input.receivedOn, today());
      if (order !== null) throw new BadRequestError(order.text);
      return store.transaction(async (tx) => {
        const held = await tx.sen.findChildren(input);
        const known = held.find((c) => c.place_id === input.placeId && c.anonymised_on === null);
        const childId =
          known?.id ??
          (await tx.sen.addChild({
            given_name: input.givenName.trim(),
            family_name: input.familyName.trim(),
            date_of_birth: input.dateOfBirth,
            upn: input.upn,
            place_id: input.placeId,
            school_urn: input.schoolUrn,
          }));
        const id = await tx.sen.addRequest({ child_id: Number(childId), received_on: input.receivedOn, requested_by: input.requestedBy });
        await audit.trail.record(tx, who, {
          action: 'sen.create',
          subject: `sen-case:${id}`,
          placeId: input.placeId,
          detail: { childKnown: known !== undefined },
        });
        return id;
      });
    },

    /** Record one step on a case, if the regulations' order allows it on today's date; remakes the figures. */
    async record(scope: CaseScope, who: AuditWho, id: number, step: SenStep): Promise<void> {
      await store.transaction(async (tx) => {
        const rows = await loadInScope(tx, scope, who, id);
        const problem = stepProblem(stateOf(rows), step, today());
        if (problem !== null) throw new BadRequestError(problem);
        if (step.kind === 'decision') await tx.sen.updateRequest(id, { decision: step.assess ? 'assess' : 'not-assess', decision_on: step.on });
        if (step.kind === 'draft') await tx.sen.updateRequest(id, { draft_on: step.on });
        if (step.kind === 'outcome') await tx.sen.updateRequest(id, { outcome: step.plan ? 'plan' : 'no-plan', outcome_on: step.on });
        if (step.kind === 'withdrawal') await tx.sen.updateRequest(id, { withdrawn_on: step.on });
        if (step.kind === 'cease') await tx.sen.updateRequest(id, { ceased_on: step.on, cease_reason: step.reason });
        if (step.kind === 'exception') await tx.sen.addException({ request_id: id, reason: step.reason, recorded_on: step.on });
        if (step.kind === 'review') await tx.sen.addReview({ request_id: id, reviewed_on: step.on });
        if (step.kind === 'placement')
          await tx.sen.addPlacement({ request_id: id, starts_on: step.on, establishment_type: step.establishmentType, school_urn: step.schoolUrn });
        await audit.trail.record(tx, who, { action: 'sen.record', subject: `sen-case:${id}`, placeId: rows.child.place_id, detail: { step: step.kind } });
        if (['outcome', 'withdrawal', 'cease', 'exception', 'placement'].includes(step.kind)) {
          // Figures remade from casework written by hand are recorded under one batch of format `sen-casework`.
          const batch = (await tx.register.batches(1, 'sen-casework'))[0];
          const batchId =
            batch?.id ??
            (await tx.register.openBatch({ fileName: 'SEN casework recorded in Waymark', fileHash: 'sen-casework', format: 'sen-casework', rowCount: 0 }));
          await remake(tx, batchId, step.on);
        }
      });
    },

    /** Every case in scope, for the CSV export; audited once with the count. */
    async exportRows(scope: CaseScope, who: AuditWho) {
      return store.transaction(async (tx) => {
        const rows = await tx.sen.casesForExport(placeIdsOf(scope));
        await audit.trail.record(tx, who, { action: 'sen.export', subject: 'sen-case:*', detail: { rows: rows.length } });
        return rows;
      });
    },

    /** The SEN2 return's main tables for January `year`, from the records in scope; audited as one read of counts. */
    async sen2(scope: CaseScope, who: AuditWho, year: number) {
      return store.transaction(async (tx) => {
        const rows = await tx.sen.figureRows(placeIdsOf(scope));
        await audit.trail.record(tx, who, { action: 'sen.return-tables', subject: `sen2:${year}`, detail: { records: rows.length } });
        const lives = new Map(planLivesOf(rows).map((l, i) => [i, l]));
        let plan = 0;
        const records = rows.map((r) => ({
          steps: stepsOf(r),
          plan: r.outcome === 'plan' && r.withdrawnOn === null ? lives.get(plan++)! : null,
          dateOfBirth: r.dateOfBirth,
          ceaseReason: r.ceaseReason,
        }));
        return sen2TablesOf(records, year, censusDateOf(academicYearCode(year - 1)));
      });
    },

    /** The districts a new request may be placed in: those in scope (every district for an LA-wide grant). */
    async districtsInScope(scope: CaseScope) {
      const ids = await store.places.idsByCode('district');
      const all = await store.places.byIds([...ids.values()]);
      return all.filter((d) => scopeHas(scope, d.id)).sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}
