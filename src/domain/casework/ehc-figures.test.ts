import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RequestSteps } from './ehc-clock.ts';
import { bornOnOrBeforeToRetire, censusCountOf, inTimeCountOf, maintainedOn, placementOn, retainUntil, timingsOf, type PlanLife } from './ehc-figures.ts';

const issued = (receivedOn: string, on: string, exception = false): RequestSteps => ({
  receivedOn,
  withdrawnOn: null,
  decision: { assess: true, on: receivedOn },
  draftOn: null,
  outcome: { plan: true, on },
  exceptions: exception ? [{ regulation: '13(3)(a)', on }] : [],
});

describe('plans issued within the time limit (DfE SEN2; LAIT SEN_EHC_Excpt_20wks)', () => {
  // Four plans issued in 2024: two in time, one late, one late with an exception; one 2023 plan; one not issued.
  const requests: RequestSteps[] = [
    issued('2024-01-08', '2024-05-27'),
    issued('2024-02-05', '2024-06-10'),
    issued('2024-01-08', '2024-05-28'),
    issued('2024-01-08', '2024-08-01', true),
    issued('2023-01-09', '2023-05-01'),
    { ...issued('2024-03-04', '2024-07-01'), outcome: null },
  ];

  it('excluding exceptions: 2 in time of 3 plans issued in 2024 (the exception is out of both counts)', () => {
    const x = inTimeCountOf(timingsOf(requests), 2024, 'excluding');
    assert.deepEqual([x.inTime, x.issued], [2, 3]);
    assert.equal(x.percent, 200 / 3);
  });

  it('including exceptions: 2 in time of 4', () => {
    assert.deepEqual(inTimeCountOf(timingsOf(requests), 2024, 'including'), { inTime: 2, issued: 4, percent: 50 });
  });

  it('counts by the calendar year of issue (a plan requested in 2013 and issued in 2014 counts in 2014), 26 weeks for statements', () => {
    // Requested 1 October 2013 (statement, 26 weeks: due 1 April 2014), issued 31 March 2014: in time, in 2014.
    const x = inTimeCountOf(timingsOf([issued('2013-10-01', '2014-03-31')]), 2014, 'excluding');
    assert.deepEqual([x.inTime, x.issued], [1, 1]);
    assert.equal(inTimeCountOf(timingsOf([issued('2013-10-01', '2014-03-31')]), 2013, 'excluding').percent, null);
  });
});

describe('plans maintained at the January census (SEN2 table A) and independent placements (target 19)', () => {
  const plan = (issuedOn: string, ceasedOn: string | null, ...placements: [string, PlanLife['placements'][number]['establishmentType']][]): PlanLife => ({
    issuedOn,
    ceasedOn,
    placements: placements.map(([startsOn, establishmentType]) => ({ startsOn, establishmentType })),
  });

  it('counts a plan from its issue day until the day it ceases', () => {
    assert.equal(maintainedOn(plan('2012-01-15', null), '2012-01-15'), true);
    assert.equal(maintainedOn(plan('2011-01-01', '2012-01-15'), '2012-01-15'), false);
    assert.equal(maintainedOn(plan('2011-01-01', '2012-01-16'), '2012-01-15'), true);
  });

  it('takes the placement in force on the day', () => {
    const p = plan('2010-09-01', null, ['2010-09-01', 'maintained-special'], ['2011-09-01', 'independent-special']);
    assert.equal(placementOn(p, '2011-01-15'), 'maintained-special');
    assert.equal(placementOn(p, '2012-01-15'), 'independent-special');
  });

  it('counts 3 maintained and 2 independent or non-maintained of four plans at 15 January 2012', () => {
    const plans = [
      plan('2010-01-01', null, ['2010-01-01', 'independent-special']),
      plan('2010-01-01', null, ['2010-01-01', 'non-maintained-special']),
      plan('2011-05-01', null, ['2011-05-01', 'mainstream-school']),
      plan('2009-01-01', '2011-07-31', ['2009-01-01', 'independent-special']),
    ];
    assert.deepEqual(censusCountOf(plans, '2012-01-15'), { maintained: 3, independent: 2 });
  });
});

describe('EHC record retention (IRMS toolkit: date of birth + 31 years)', () => {
  it('keeps a record until the 31st birthday', () => {
    assert.equal(retainUntil('2005-06-30'), '2036-06-30');
  });
  it('moves a 29 February birthday to 1 March when the 31st year has none', () => {
    assert.equal(retainUntil('2004-02-29'), '2035-03-01');
  });
});

describe('which records a retention run anonymises', () => {
  it('retires a record on its 31st birthday and not the day before', () => {
    // Born 30 June 2005: kept to 30 June 2036 (retainUntil); a run that day takes it, a run on 29 June does not.
    assert.ok('2005-06-30' <= bornOnOrBeforeToRetire('2036-06-30'));
    assert.ok(!('2005-06-30' <= bornOnOrBeforeToRetire('2036-06-29')));
  });
  it('takes a 29 February birthday on 1 March of a year with no 29 February, as retainUntil says', () => {
    assert.ok(!('2004-02-29' <= bornOnOrBeforeToRetire('2035-02-28')));
    assert.ok('2004-02-29' <= bornOnOrBeforeToRetire('2035-03-01'));
  });
});
