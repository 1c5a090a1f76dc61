import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { additivityGroups, placeSumsOf, publicSuppressionOf, type FamilyFigure } from './additivity.ts';

describe('the equations of a table family', () => {
  it('adds each dimension of a place up to its all-pupils cell, and each place up from the places under it', () => {
    const cells = [
      { id: '1', place: 'district:D', breakdown: 'all' },
      { id: '2', place: 'district:D', breakdown: 'fsm' },
      { id: '3', place: 'district:D', breakdown: 'not-fsm' },
      { id: '4', place: 'school:1', breakdown: 'fsm' },
      { id: '5', place: 'school:2', breakdown: 'fsm' },
      { id: '6', place: 'school:1', breakdown: 'all' },
    ];
    const groups = additivityGroups(cells, [{ total: 'district:D', parts: ['school:1', 'school:2', 'school:3'] }], { fsm: ['fsm', 'not-fsm'] });
    assert.deepEqual(groups, [
      { total: '1', parts: ['2', '3'] },
      // school 1 holds no not-FSM cell: the compute writes every group that has pupils, so it has none and all = FSM
      { total: '6', parts: ['4'] },
      { total: '1', parts: ['6'] },
      { total: '2', parts: ['4', '5'] },
    ]);
  });

  it('makes an LA the sum of its districts only when every one of its schools is in a district', () => {
    const sums = placeSumsOf(
      [
        { school: '1', district: 'A', la: '886', groupings: ['HUB'] },
        { school: '2', district: 'B', la: '886', groupings: [] },
        { school: '3', district: null, la: '887', groupings: [] },
        { school: '4', district: 'C', la: '887', groupings: ['HUB'] },
      ],
      new Map([
        ['886', 'SE'],
        ['887', 'SE'],
      ]),
    );
    const totals = sums.map((s) => `${s.total}=${s.parts.join('+')}`);
    assert.ok(totals.includes('la:886=district:A+district:B'));
    assert.ok(!totals.some((t) => t.startsWith('la:887=district')));
    assert.ok(totals.includes('la:887=school:3+school:4'));
    assert.ok(totals.includes('grouping:HUB=school:1+school:4'));
    assert.ok(totals.includes('region:SE=la:886+la:887'));
    assert.ok(totals.includes('country:england=la:886+la:887'));
  });
});

describe('public suppression of computed figures', () => {
  const figure = (family: string, place: string, breakdown: string, numerator: number, denominator: number): FamilyFigure => ({
    family,
    place,
    breakdown,
    unit: 'percent',
    value: (100 * numerator) / denominator,
    numerator,
    denominator,
  });

  it('hides a school of five pupils and a second school of its district, and nothing in another family', () => {
    // School 1 has 5 pupils (performance tables: groups of 5 or fewer are not shown); the district is 5 + 40 + 60.
    const figures = [
      figure('ks2|2012', 'district:D', 'all', 80, 105),
      figure('ks2|2012', 'school:1', 'all', 4, 5),
      figure('ks2|2012', 'school:2', 'all', 30, 40),
      figure('ks2|2012', 'school:3', 'all', 46, 60),
      figure('ks2|2013', 'school:1', 'all', 30, 40),
    ];
    const decided = publicSuppressionOf(figures, [{ total: 'district:D', parts: ['school:1', 'school:2', 'school:3'] }], {});
    assert.deepEqual(decided, [null, 'primary', 'secondary', null, null]);
  });
});
