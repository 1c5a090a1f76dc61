import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stepProblem, type CaseState } from './ehc-steps.ts';

const state = (over: Partial<CaseState> = {}): CaseState => ({
  receivedOn: '2024-01-08',
  withdrawnOn: null,
  decision: null,
  draftOn: null,
  outcome: null,
  exceptions: [],
  ceasedOn: null,
  ...over,
});
const today = '2024-12-31';

describe('the order of steps on an EHC needs assessment (SEND Regulations 2014 regs 4-13)', () => {
  it('takes the decision whether to assess first, once, and not before the request', () => {
    assert.equal(stepProblem(state(), { kind: 'decision', assess: true, on: '2024-02-12' }, today), null);
    assert.match(stepProblem(state(), { kind: 'decision', assess: true, on: '2024-01-01' }, today)!, /before the request/);
    assert.match(
      stepProblem(state({ decision: { assess: true, on: '2024-02-12' } }), { kind: 'decision', assess: false, on: '2024-02-13' }, today)!,
      /already/,
    );
  });

  it('refuses a final plan before a decision to assess, and after a decision not to assess', () => {
    assert.match(stepProblem(state(), { kind: 'outcome', plan: true, on: '2024-05-01' }, today)!, /decision to assess first/);
    assert.match(
      stepProblem(state({ decision: { assess: false, on: '2024-02-12' } }), { kind: 'outcome', plan: true, on: '2024-05-01' }, today)!,
      /decision to assess first/,
    );
  });

  it('refuses a final plan dated before its draft, and any date in the future', () => {
    const s = state({ decision: { assess: true, on: '2024-02-12' }, draftOn: '2024-04-29' });
    assert.match(stepProblem(s, { kind: 'outcome', plan: true, on: '2024-04-28' }, today)!, /before the draft/);
    assert.equal(stepProblem(s, { kind: 'outcome', plan: true, on: '2024-05-20' }, today), null);
    assert.match(stepProblem(s, { kind: 'outcome', plan: true, on: '2025-01-01' }, today)!, /future/);
  });

  it('records reviews, placements and the end only on an issued plan, not after it ceased', () => {
    assert.match(stepProblem(state(), { kind: 'review', on: '2024-06-01' }, today)!, /No plan/);
    const issued = state({ decision: { assess: true, on: '2024-02-12' }, outcome: { plan: true, on: '2024-05-20' } });
    assert.equal(stepProblem(issued, { kind: 'placement', establishmentType: 'maintained-special', schoolUrn: null, on: '2024-05-20' }, today), null);
    assert.match(stepProblem({ ...issued, ceasedOn: '2024-09-01' }, { kind: 'review', on: '2024-10-01' }, today)!, /ceased/);
  });

  it('lets an exception or a withdrawal be recorded only while the clock runs', () => {
    assert.equal(stepProblem(state(), { kind: 'exception', reason: 'absent-four-weeks', on: '2024-02-01' }, today), null);
    assert.match(stepProblem(state({ withdrawnOn: '2024-01-20' }), { kind: 'withdrawal', on: '2024-02-01' }, today)!, /no longer open/);
  });
});
