import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { capacityInPeriod, changeEffect, changeEffectOnSchool } from './capacity-changes.ts';
import type { ByYearGroup, CapacityRecord, PlannedChange } from './place-planning.ts';
import { phaseYearGroups } from './place-planning.ts';

// A 1FE primary in 2015/16: 30 places in each of R-Y6 (210), admission number 30.
const oneFormEntry: CapacityRecord = {
  urn: '100001',
  period: '201516',
  phase: 'primary',
  places: { R: 30, '1': 30, '2': 30, '3': 30, '4': 30, '5': 30, '6': 30 },
  admissionNumber: 30,
};

const change = (over: Partial<PlannedChange>): PlannedChange => ({
  code: 'C1',
  laCode: '886',
  areaCode: 'P1',
  urn: '100001',
  schoolName: 'Hill Primary',
  phase: 'primary',
  kind: 'expansion',
  entryPlaces: 30,
  phasing: 'year-by-year',
  fromPeriod: '201617',
  status: 'approved',
  description: '',
  ...over,
});

const byGroup = (places: ByYearGroup) => phaseYearGroups.primary.map((g) => places[g]);
const total = (places: ByYearGroup) => Object.values(places).reduce((s, n) => s + n, 0);

describe('a school’s capacity with its planned changes in force', () => {
  it('grows a year-by-year expansion from 1FE to 2FE one year group a year from Reception', () => {
    const expansion = change({});
    // Not yet in force in 2015/16; 2016/17 Reception 60; 2018/19 R-Y2 60 (3 × 60 + 4 × 30 = 300); 2022/23 all 60 (420).
    assert.deepEqual(capacityInPeriod(oneFormEntry, [expansion], 'primary', '201516'), { places: oneFormEntry.places, admissionNumber: 30 });
    const first = capacityInPeriod(oneFormEntry, [expansion], 'primary', '201617');
    assert.deepEqual(byGroup(first.places), [60, 30, 30, 30, 30, 30, 30]);
    assert.equal(first.admissionNumber, 60);
    assert.deepEqual(byGroup(capacityInPeriod(oneFormEntry, [expansion], 'primary', '201819').places), [60, 60, 60, 30, 30, 30, 30]);
    assert.equal(total(capacityInPeriod(oneFormEntry, [expansion], 'primary', '202223').places), 420);
  });

  it('adds a whole-school expansion to every year group at once', () => {
    const r = capacityInPeriod(oneFormEntry, [change({ phasing: 'whole-school' })], 'primary', '201617');
    assert.equal(total(r.places), 420);
    assert.equal(r.admissionNumber, 60);
  });

  it('moves a bulge class up the school without changing the admission number, and lets it leave after Year 6', () => {
    const bulge = change({ kind: 'bulge' });
    const first = capacityInPeriod(oneFormEntry, [bulge], 'primary', '201617');
    assert.deepEqual(byGroup(first.places), [60, 30, 30, 30, 30, 30, 30]);
    assert.equal(first.admissionNumber, 30);
    assert.deepEqual(byGroup(capacityInPeriod(oneFormEntry, [bulge], 'primary', '201718').places), [30, 60, 30, 30, 30, 30, 30]);
    // Reception in 2016/17 is Year 6 in 2022/23 and gone in 2023/24.
    assert.equal(capacityInPeriod(oneFormEntry, [bulge], 'primary', '202223').places['6'], 60);
    assert.equal(total(capacityInPeriod(oneFormEntry, [bulge], 'primary', '202324').places), 210);
  });

  it('takes every place away from a closure’s first year, and never below 0 for a reduction', () => {
    const closure = change({ kind: 'closure', fromPeriod: '201819' });
    assert.equal(total(capacityInPeriod(oneFormEntry, [closure], 'primary', '201718').places), 210);
    assert.deepEqual(capacityInPeriod(oneFormEntry, [change({}), closure], 'primary', '201819'), {
      places: { R: 0, '1': 0, '2': 0, '3': 0, '4': 0, '5': 0, '6': 0 },
      admissionNumber: 0,
    });
    // Reduction of 15 whole-school: 15 a group (105), number 15; of 45: 30 − 45 → 0.
    const by15 = capacityInPeriod(oneFormEntry, [change({ kind: 'reduction', entryPlaces: 15, phasing: 'whole-school' })], 'primary', '201617');
    assert.deepEqual([total(by15.places), by15.admissionNumber], [105, 15]);
    const by45 = capacityInPeriod(oneFormEntry, [change({ kind: 'reduction', entryPlaces: 45, phasing: 'whole-school' })], 'primary', '201617');
    assert.deepEqual([total(by45.places), by45.admissionNumber], [0, 0]);
  });

  it('ignores withdrawn changes and changes of the other phase', () => {
    const r = capacityInPeriod(oneFormEntry, [change({ status: 'withdrawn' }), change({ phase: 'secondary' })], 'primary', '201920');
    assert.deepEqual(r, { places: oneFormEntry.places, admissionNumber: 30 });
  });

  it('opens a new school with no record from nothing: a 2FE opening from Reception has 60 then 120 places', () => {
    const opening = change({ kind: 'new-school', urn: null, entryPlaces: 60, fromPeriod: '201718' });
    assert.deepEqual(capacityInPeriod(null, [opening], 'primary', '201617'), {
      places: { R: 0, '1': 0, '2': 0, '3': 0, '4': 0, '5': 0, '6': 0 },
      admissionNumber: 0,
    });
    assert.equal(total(capacityInPeriod(null, [opening], 'primary', '201718').places), 60);
    assert.equal(total(capacityInPeriod(null, [opening], 'primary', '201819').places), 120);
    assert.equal(capacityInPeriod(null, [opening], 'primary', '201819').admissionNumber, 60);
  });

  it('does not add twice a change already in the capacity record (SCAP capacity is as at 1 May), only what it adds since', () => {
    // The 2016/17 record already holds the whole-school expansion delivered in 2016/17 (420, number 60): nothing more in
    // 2017/18. A year-by-year expansion from 2016/17 is in that record as Reception 60; in 2017/18 it reaches Year 1 too
    // (+30), the record's Reception staying 60 (not 90).
    const whole = change({ phasing: 'whole-school' });
    const record2016: CapacityRecord = {
      ...oneFormEntry,
      period: '201617',
      places: capacityInPeriod(oneFormEntry, [whole], 'primary', '201617').places,
      admissionNumber: 60,
    };
    assert.deepEqual(capacityInPeriod(record2016, [whole], 'primary', '201718'), { places: record2016.places, admissionNumber: 60 });

    const yearly = change({});
    const yearlyRecord: CapacityRecord = { ...oneFormEntry, period: '201617', places: { ...oneFormEntry.places, R: 60 }, admissionNumber: 60 };
    const next = capacityInPeriod(yearlyRecord, [yearly], 'primary', '201718');
    assert.deepEqual(byGroup(next.places), [60, 60, 30, 30, 30, 30, 30]);
    assert.equal(next.admissionNumber, 60);
    // A bulge in the 2016/17 record's Reception (60) has moved to Year 1 in 2017/18: Reception back to 30, Year 1 60.
    const bulgeRecord: CapacityRecord = { ...yearlyRecord, admissionNumber: 30 };
    assert.deepEqual(byGroup(capacityInPeriod(bulgeRecord, [change({ kind: 'bulge' })], 'primary', '201718').places), [30, 60, 30, 30, 30, 30, 30]);
    // A closure in the record (places already 0) leaves it at 0.
    assert.equal(
      total(capacityInPeriod({ ...oneFormEntry, period: '201617', places: {}, admissionNumber: 0 }, [change({ kind: 'closure' })], 'primary', '201718').places),
      0,
    );
  });

  it('takes the entry group’s places as the admission number when the record has none', () => {
    assert.equal(capacityInPeriod({ ...oneFormEntry, admissionNumber: null }, [], 'primary', '201516').admissionNumber, 30);
  });
});

describe('the effect of a planned change in a year (the commissioning view)', () => {
  it('counts the places each kind adds over the phase, by hand', () => {
    // Year-by-year +30 from 2016/17: 2016/17 30 (R), 2018/19 90 (R-Y2), 2022/23 210; before it 0.
    assert.deepEqual(
      ['201516', '201617', '201819', '202223'].map((p) => changeEffect(change({}), 'primary', p)),
      [0, 30, 90, 210],
    );
    // Whole-school +30: 210 from the start. Reduction of 15 whole-school: −105. Bulge: 30 while in the school, 0 after.
    assert.equal(changeEffect(change({ phasing: 'whole-school' }), 'primary', '201617'), 210);
    assert.equal(changeEffect(change({ kind: 'reduction', entryPlaces: 15, phasing: 'whole-school' }), 'primary', '201617'), -105);
    assert.deepEqual(
      ['201617', '202223', '202324'].map((p) => changeEffect(change({ kind: 'bulge' }), 'primary', p)),
      [30, 30, 0],
    );
    assert.equal(changeEffect(change({ status: 'withdrawn' }), 'primary', '201718'), 0);
  });

  it('counts a closure as the places the school had (210), or its entry places in every year group without them', () => {
    assert.equal(changeEffect(change({ kind: 'closure' }), 'primary', '201617', oneFormEntry.places), -210);
    assert.equal(changeEffect(change({ kind: 'closure', entryPlaces: 45 }), 'primary', '201617'), -315);
    assert.equal(changeEffect(change({ kind: 'closure' }), 'primary', '201516', oneFormEntry.places), 0);
  });

  it('counts a closure on its school as the places the school has by then, with its other changes, whatever entryPlaces says', () => {
    // Review of issue 17, finding 12. The 1FE school (210) closing from 2018/19 recorded with entryPlaces 0: −210 (was 0
    // with no places before passed); recorded with 45: still −210 (was −45 × 7 = −315). After a whole-school +30 from
    // 2016/17 (60 a year group, 420) it removes 420. An expansion's own effect is unchanged by the other changes: +210.
    const closure = change({ code: 'X', kind: 'closure', fromPeriod: '201819' });
    const growth = change({ code: 'E', phasing: 'whole-school' });
    assert.equal(changeEffectOnSchool({ ...closure, entryPlaces: 0 }, oneFormEntry, [closure], '202021'), -210);
    assert.equal(changeEffectOnSchool({ ...closure, entryPlaces: 45 }, oneFormEntry, [closure], '202021'), -210);
    assert.equal(changeEffectOnSchool(closure, oneFormEntry, [growth, closure], '202021'), -420);
    assert.equal(changeEffectOnSchool(growth, oneFormEntry, [growth, closure], '202021'), 210);
  });
});

describe('capacity changes for any school and changes', () => {
  const anyChange = fc.record({
    kind: fc.constantFrom('expansion', 'bulge', 'new-school', 'reduction', 'closure'),
    entryPlaces: fc.integer({ min: 0, max: 90 }),
    phasing: fc.constantFrom('whole-school', 'year-by-year'),
    fromPeriod: fc.constantFrom('201415', '201516', '201617', '201718', '201819'),
    status: fc.constantFrom('proposed', 'approved', 'delivered', 'withdrawn'),
  });
  const period = fc.constantFrom('201516', '201617', '201718', '201920', '202324');

  it('never has fewer than 0 places in a year group, nor a negative admission number', () => {
    fc.assert(
      fc.property(fc.array(anyChange, { maxLength: 6 }), period, fc.integer({ min: 0, max: 60 }), (changes, p, perGroup) => {
        const base = { ...oneFormEntry, places: Object.fromEntries(phaseYearGroups.primary.map((g) => [g, perGroup])), admissionNumber: perGroup };
        const r = capacityInPeriod(base, changes.map(change), 'primary', p);
        assert.ok(Object.values(r.places).every((n) => n >= 0) && r.admissionNumber >= 0);
      }),
    );
  });

  it('gives a new school (no record) with one change that adds places exactly that change’s effect', () => {
    const adding = anyChange.filter((c) => c.kind !== 'reduction' && c.kind !== 'closure');
    fc.assert(
      fc.property(adding, period, (c, p) => {
        assert.equal(total(capacityInPeriod(null, [change(c)], 'primary', p).places), changeEffect(change(c), 'primary', p));
      }),
    );
  });
});
