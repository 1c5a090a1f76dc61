import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ageOn, sen2TablesOf, type Sen2Record } from './sen2-tables.ts';

const record = (over: Partial<Sen2Record> & { receivedOn?: string; issuedOn?: string | null; exception?: boolean } = {}): Sen2Record => {
  const receivedOn = over.receivedOn ?? '2015-01-05';
  const issuedOn = over.issuedOn === undefined ? '2015-05-25' : over.issuedOn;
  return {
    steps: {
      receivedOn,
      withdrawnOn: null,
      decision: { assess: true, on: '2015-02-09' },
      draftOn: null,
      outcome: issuedOn === null ? null : { plan: true, on: issuedOn },
      exceptions: over.exception === true ? [{ regulation: '13(3)', on: '2015-03-01' }] : [],
    },
    plan: issuedOn === null ? null : { issuedOn, ceasedOn: null, placements: [{ startsOn: issuedOn, establishmentType: 'maintained-special' }] },
    dateOfBirth: '2008-09-01',
    ceaseReason: null,
    ...over,
  };
};

describe('the SEN2 tables (January return: plans at the census, the previous calendar year’s activity)', () => {
  it('counts age on the 31 August before the census: born 1 September 2008 is 6 on 31 August 2015', () => {
    assert.equal(ageOn('2008-09-01', '2015-08-31'), 6);
    assert.equal(ageOn('2008-08-31', '2015-08-31'), 7);
  });

  it('counts new plans of 2015 within 20 weeks including and excluding exceptions, and the plans maintained in January 2016', () => {
    // Received 5 January 2015, an EHC request (after 1 September 2014): 20 weeks end 25 May 2015 (SEND Regulations 2014 reg 13(2)).
    // The fifth, a statement of 2014 requested in 2013, ceased in July 2015: out of the census, counted as ceased in 2015.
    const records = [
      record(),
      record({ issuedOn: '2015-05-26' }),
      record({ issuedOn: '2015-07-01', exception: true }),
      record({ issuedOn: null }),
      {
        ...record({ issuedOn: '2014-03-03', receivedOn: '2013-10-01' }),
        steps: { ...record({ issuedOn: '2014-03-03', receivedOn: '2013-10-01' }).steps, decision: { assess: true, on: '2013-11-11' } },
        plan: { issuedOn: '2014-03-03', ceasedOn: '2015-07-31', placements: [] },
        ceaseReason: 'moved-la',
      },
    ];
    const t = sen2TablesOf(records, 2016, '2016-01-15');
    assert.deepEqual(t.newPlans, { issued: 3, inTime: 1, exceptions: 1, issuedExcludingExceptions: 2, inTimeExcludingExceptions: 1 });
    assert.equal(t.maintained.total, 3);
    assert.equal(t.maintained.byAge['5 to 10'], 3);
    assert.equal(t.maintained.byEstablishment['maintained-special'], 3);
    assert.deepEqual([t.activity.requests, t.activity.assessed, t.activity.ceased, t.activity.ceasedByReason['moved-la']], [4, 4, 1, 1]);
  });
});
