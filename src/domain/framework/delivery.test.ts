import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decidingRecord,
  deliveryProblems,
  deliveryStatus,
  recordFromFramework,
  withdrawalProblems,
  type DeliveryInput,
  type DeliveryRecord,
} from './delivery.ts';

// Issue 18.6: a delivery milestone or qualitative target of the Kent framework (frameworks/kent-2013-2016.yaml, e.g.
// target 16 "integrated education, health and care plans", due by 2016) is judged from the records officers make. A
// framework year is the academic year ending in it: something done on 15 October 2014 counts for 2014/15, i.e. 2015
// (domain/periods/period.ts frameworkYearOf, issue 13.2).

const record = (over: Partial<DeliveryRecord>): DeliveryRecord => ({
  kind: 'delivered',
  on: '2014-09-01',
  year: null,
  status: null,
  evidence: 'First EHC plans issued under the Children and Families Act 2014',
  link: null,
  recordedBy: 'Officer A',
  recordedAt: '2014-09-02T10:00:00.000Z',
  withdrawn: null,
  ...over,
});
const milestone = { rules: [{ kind: 'milestone_done' as const, due: 2016 }] };
const years = { from: 2013, to: 2016 };
const input = (over: Partial<DeliveryInput>): DeliveryInput => ({
  kind: 'delivered',
  on: '2014-09-01',
  year: null,
  status: null,
  evidence: 'EHC plans issued',
  link: null,
  ...over,
});

describe('which delivery record decides a year', () => {
  it('a delivery counts from the framework year its date falls in, and stays delivered', () => {
    const delivered = record({ on: '2014-10-15' });
    assert.equal(decidingRecord([delivered], 2014), null, 'October 2014 is 2014/15, the framework’s 2015');
    assert.equal(decidingRecord([delivered], 2015), delivered);
    assert.equal(decidingRecord([delivered], 2016), delivered);
  });

  it('a judgement decides its own year only', () => {
    const judged = record({ kind: 'judgement', on: '2014-07-10', year: 2014, status: 'on_track', evidence: 'Partnerships formed in 9 of 12 districts' });
    assert.equal(decidingRecord([judged], 2014), judged);
    assert.equal(decidingRecord([judged], 2015), null);
  });

  it('the record made last wins, so a later judgement that a delivered partnership lapsed is heard', () => {
    const delivered = record({ on: '2014-06-30', recordedAt: '2014-07-01T09:00:00.000Z' });
    const lapsed = record({ kind: 'judgement', on: '2016-07-01', year: 2016, status: 'off_track', recordedAt: '2016-07-01T09:00:00.000Z' });
    assert.equal(decidingRecord([lapsed, delivered], 2016), lapsed);
    assert.equal(decidingRecord([lapsed, delivered], 2015), delivered);
  });

  it('a withdrawn record decides nothing, and an officer’s record outranks the framework file’s', () => {
    const withdrawn = record({ withdrawn: { by: 'Officer B', at: '2014-09-03T10:00:00.000Z', reason: 'recorded against the wrong target' } });
    assert.equal(decidingRecord([withdrawn], 2015), null);
    const file = recordFromFramework({ done: { on: '2013-07-31', evidence: 'from the file' } })!;
    const judged = record({ kind: 'judgement', on: '2015-07-01', year: 2015, status: 'off_track' });
    assert.equal(decidingRecord([judged, file], 2015), judged);
    assert.equal(decidingRecord([judged, file], 2014), file);
  });
});

describe('a delivery milestone’s status from its records', () => {
  it('is not yet due before its year, off track after it, met once delivered, and a judgement’s own status, naming no one', () => {
    assert.deepEqual(deliveryStatus([], 2016, 2015), { status: 'not_yet_due', reason: 'due by 2016, not yet recorded as done' });
    assert.deepEqual(deliveryStatus([], 2016, 2016), { status: 'off_track', reason: 'due by 2016 and not recorded as done' });
    const met = deliveryStatus([record({})], 2016, 2015);
    assert.equal(met.status, 'met');
    assert.equal(met.reason, 'done on 2014-09-01: First EHC plans issued under the Children and Families Act 2014');
    const judged = deliveryStatus(
      [record({ kind: 'judgement', on: '2013-07-01', year: 2013, status: 'off_track', evidence: 'No pathfinder plan yet' })],
      2016,
      2013,
    );
    assert.deepEqual(judged, { status: 'off_track', reason: 'judged off track for 2013 on 2013-07-01: No pathfinder plan yet' });
  });

  it('drops the evidence’s own full stop, which the evaluation adds to the reason (no "yet..")', () => {
    const judged = deliveryStatus([record({ kind: 'judgement', on: '2013-07-01', year: 2013, status: 'on_track', evidence: ' Plans agreed. ' })], 2016, 2013);
    assert.equal(judged.reason, 'judged on track for 2013 on 2013-07-01: Plans agreed');
  });
});

describe('checking a delivery record before it is written', () => {
  const today = '2016-05-03';

  it('takes a delivery and a judgement as entered', () => {
    assert.deepEqual(deliveryProblems(input({}), milestone, years, today), []);
    assert.deepEqual(
      deliveryProblems(
        input({ kind: 'judgement', on: '2015-06-30', year: 2015, status: 'on_track', link: 'https://example.org/minutes.pdf' }),
        milestone,
        years,
        today,
      ),
      [],
    );
  });

  it('refuses a target measured by figures, a date that is not a day or is in the future, and empty evidence, naming each field', () => {
    const fields = (i: DeliveryInput, target = milestone) => deliveryProblems(i, target, years, today).map((p) => p.field);
    assert.deepEqual(fields(input({}), { rules: [{ kind: 'at_least', value: 87, by: 2016 }] } as never), ['target']);
    assert.deepEqual(fields(input({ on: '2014-02-30' })), ['on']);
    assert.deepEqual(fields(input({ on: '2016-05-04' })), ['on']);
    assert.deepEqual(fields(input({ evidence: '   ' })), ['evidence']);
    assert.deepEqual(fields(input({ evidence: 'x'.repeat(2001) })), ['evidence']);
    assert.deepEqual(fields(input({ link: 'javascript:alert(1)' })), ['link']);
    assert.deepEqual(fields(input({ kind: 'planned' })), ['kind']);
  });

  it('refuses a judgement of a year outside the framework, of a year not yet begun on its date, or without a status', () => {
    const fields = (i: DeliveryInput) => deliveryProblems(i, milestone, years, today).map((p) => p.field);
    assert.deepEqual(fields(input({ kind: 'judgement', year: 2017, status: 'met' })), ['year']);
    assert.deepEqual(
      fields(input({ kind: 'judgement', on: '2014-07-01', year: 2015, status: 'met' })),
      ['year'],
      '1 July 2014 is in 2013/14, the framework’s 2014',
    );
    assert.deepEqual(fields(input({ kind: 'judgement', year: 2014, status: 'no_data' })), ['status']);
  });
});

describe('withdrawing a record made in error', () => {
  it('needs a reason of at most 500 characters', () => {
    assert.deepEqual(withdrawalProblems('Recorded against the wrong target'), []);
    assert.deepEqual(
      withdrawalProblems('  ').map((p) => p.field),
      ['reason'],
    );
    assert.deepEqual(
      withdrawalProblems('x'.repeat(501)).map((p) => p.field),
      ['reason'],
    );
  });
});
