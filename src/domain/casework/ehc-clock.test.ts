import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays, daysBetween } from '../periods/dates.ts';
import { clockOf, deadlinesOf, planTimingOf, regimeOf, type RequestSteps } from './ehc-clock.ts';

const request = (over: Partial<RequestSteps> = {}): RequestSteps => ({
  receivedOn: '2024-01-08',
  withdrawnOn: null,
  decision: null,
  draftOn: null,
  outcome: null,
  exceptions: [],
  ...over,
});

describe('EHC needs assessment clock (SEND Regulations 2014 regs 5, 10, 13)', () => {
  it('sets the decision at 6 weeks, the no-plan notice at 16 and the final plan at 20 (domain.md §7.1 worked example)', () => {
    // Request Monday 8 January 2024 -> 19 February, 29 April, 27 May 2024 (domain.md §7.1).
    assert.deepEqual(deadlinesOf('2024-01-08'), { regime: 'ehc', decision: '2024-02-19', noPlanNotice: '2024-04-29', finalPlan: '2024-05-27' });
  });

  it('counts calendar weeks with no bank-holiday adjustment: the 20-week day may be a bank holiday', () => {
    // 27 May 2024 is the spring bank holiday; the regulations count weeks, so the plan is still due that day.
    assert.equal(deadlinesOf('2024-01-08').finalPlan, '2024-05-27');
    // A request on a Saturday is due on a Saturday: weekends are not skipped (reg 13(2) "within 20 weeks").
    assert.equal(deadlinesOf('2024-03-02').decision, '2024-04-13');
  });

  it('runs across a leap day by calendar days (request 1 February 2024 -> 20 weeks is 20 June 2024)', () => {
    assert.equal(deadlinesOf('2024-02-01').finalPlan, '2024-06-20');
  });

  it('finds a plan issued on 28 May 2024 with no exception late, and one on 27 May in time (domain.md §7.1)', () => {
    const late = planTimingOf(request({ decision: { assess: true, on: '2024-02-12' }, outcome: { plan: true, on: '2024-05-28' } }))!;
    assert.deepEqual([late.inTime, late.exception, late.dueOn], [false, false, '2024-05-27']);
    const onTime = planTimingOf(request({ decision: { assess: true, on: '2024-02-12' }, outcome: { plan: true, on: '2024-05-27' } }))!;
    assert.equal(onTime.inTime, true);
  });

  it('marks a plan with a recorded exception (reg 13(3)) so the DfE measure can leave it out', () => {
    const t = planTimingOf(
      request({
        outcome: { plan: true, on: '2024-07-01' },
        exceptions: [{ regulation: '13(3)(c)', on: '2024-03-01' }],
        decision: { assess: true, on: '2024-02-01' },
      }),
    )!;
    assert.deepEqual([t.inTime, t.exception], [false, true]);
  });

  it('gives a statement request of 1 October 2012 its 26 weeks: due 1 April 2013 (SEN Regulations 2001, domain.md §7.1)', () => {
    assert.equal(regimeOf('2012-10-01'), 'statement');
    assert.equal(deadlinesOf('2012-10-01').finalPlan, '2013-04-01');
    // The 6 + 10 + 2 stages: decision at 6 weeks, note in lieu by 18.
    assert.equal(deadlinesOf('2012-10-01').decision, '2012-11-12');
  });

  it('switches to the EHC regime for requests received from 1 September 2014 (Children and Families Act 2014 Part 3)', () => {
    assert.equal(regimeOf('2014-08-31'), 'statement');
    assert.equal(regimeOf('2014-09-01'), 'ehc');
  });

  it('shows the decision due first, then the final plan, with days left and overdue', () => {
    assert.deepEqual(clockOf(request(), '2024-02-12'), { kind: 'running', step: 'decision', dueOn: '2024-02-19', daysLeft: 7, overdue: false });
    assert.deepEqual(clockOf(request(), '2024-02-20'), { kind: 'running', step: 'decision', dueOn: '2024-02-19', daysLeft: -1, overdue: true });
    const assessing = request({ decision: { assess: true, on: '2024-02-15' } });
    assert.deepEqual(clockOf(assessing, '2024-05-27'), { kind: 'running', step: 'outcome', dueOn: '2024-05-27', daysLeft: 0, overdue: false });
  });

  it('ends the clock on a withdrawal or a decision not to assess (reg 5: no assessment, no plan to issue)', () => {
    assert.deepEqual(clockOf(request({ withdrawnOn: '2024-01-20' }), '2024-09-01'), { kind: 'ended', why: 'withdrawn', on: '2024-01-20' });
    assert.deepEqual(clockOf(request({ decision: { assess: false, on: '2024-02-16' } }), '2024-09-01'), {
      kind: 'ended',
      why: 'not-assessed',
      on: '2024-02-16',
    });
    assert.equal(planTimingOf(request({ decision: { assess: false, on: '2024-02-16' } })), null);
  });

  it('gives a reopened case (a new request for the same child) a clock of its own from its own date', () => {
    // The first request ended with no assessment; the parent asks again on 3 June 2024: 6 weeks from then.
    const first = request({ decision: { assess: false, on: '2024-02-16' } });
    const second = request({ receivedOn: '2024-06-03' });
    assert.equal(clockOf(first, '2024-06-10').kind, 'ended');
    assert.deepEqual(clockOf(second, '2024-06-10'), { kind: 'running', step: 'decision', dueOn: '2024-07-15', daysLeft: 35, overdue: false });
  });
});

describe('calendar arithmetic under the clocks', () => {
  it('adds and counts days as the calendar does, across month ends, leap days and centuries', () => {
    // Checked against JavaScript's own Date arithmetic for every day of 1999-2030.
    for (let t = Date.UTC(1999, 0, 1); t < Date.UTC(2031, 0, 1); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      const later = new Date(t + 97 * 86_400_000).toISOString().slice(0, 10);
      assert.equal(addDays(day, 97), later);
      assert.equal(addDays(later, -97), day);
      assert.equal(daysBetween(day, later), 97);
    }
    assert.equal(addDays('2000-02-28', 1), '2000-02-29');
    assert.equal(addDays('2100-02-28', 1), '2100-03-01');
  });
});
