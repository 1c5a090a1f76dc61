import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { breaksWithin, buildTables, newerDataThan, periodsBetween, type TableFigure, type TableQuery } from './built-table.ts';

// Issue 19.2: the table builder, as Explore Education Statistics builds a table: the reader's indicators, places,
// years and pupil groups; a row per place and group, a column per year; the cells as disclosed. Worked by hand.

const ks2 = { code: 'ks2', title: 'KS2 level 4+ in RWM', unit: 'percent', decimalPlaces: 0, polarity: 'higher_is_better', source: 'DfE' } as const;
const kent = { choice: 'la:886', kind: 'la', code: '886', name: 'Kent' } as const;
const england = { choice: 'country:E92000001', kind: 'country', code: 'E92000001', name: 'England' } as const;
const cell = (value: number | null, symbol: 'c' | null = null) => ({ value, symbol, decimalPlaces: 0 });
const query: TableQuery = { indicators: ['ks2'], places: ['la:886', 'country:E92000001'], from: '201213', to: '201415', groups: ['all', 'fsm'] };

describe('periodsBetween keeps the years held from the first chosen to the last', () => {
  it('is inclusive at both ends, in order, once each', () => {
    assert.deepEqual(periodsBetween(['201415', '201112', '201213', '201314', '201213', '201516'], '201213', '201415'), ['201213', '201314', '201415']);
  });
  it('takes the ends in either order', () => {
    assert.deepEqual(periodsBetween(['201213', '201314'], '201314', '201213'), ['201213', '201314']);
  });
  it('places a calendar year by the year it is, an academic year by the year it ends in (2013 sits with 2012/13)', () => {
    assert.deepEqual(periodsBetween(['2012', '2013', '2014'], '201213', '201213'), ['2013']);
  });
});

describe('buildTables lays a table out as chosen', () => {
  const figures: TableFigure[] = [
    { indicator: 'ks2', place: 'la:886', group: 'all', period: '201213', cell: cell(74) },
    { indicator: 'ks2', place: 'la:886', group: 'all', period: '201415', cell: cell(80) },
    { indicator: 'ks2', place: 'country:E92000001', group: 'all', period: '201314', cell: cell(79) },
    { indicator: 'ks2', place: 'la:886', group: 'fsm', period: '201314', cell: cell(null, 'c') },
  ];
  const [table] = buildTables(query, [ks2], [kent, england], figures);
  it('has a column per year held for the indicator in the range', () => {
    assert.deepEqual(table!.periods, ['201213', '201314', '201415']);
  });
  it('has a row per place and group in the order chosen, a gap where no figure is held, a symbol as shown', () => {
    assert.deepEqual(
      table!.rows.map((r) => [r.place.name, r.group, r.cells.map((c) => c?.value ?? c?.symbol ?? null)]),
      [
        ['Kent', 'all', [74, null, 80]],
        ['Kent', 'fsm', [null, 'c', null]],
        ['England', 'all', [null, 79, null]],
      ],
    );
  });
  it('leaves out a place and group with no figure in any year shown (England, FSM)', () => {
    assert.equal(table!.rows.length, 3);
  });
});

describe('newerDataThan says whether a later import exists than the one a permalink was built after', () => {
  const at = (batchId: number) => ({ batchId, importedAt: '2026-12-04T00:00:00.000Z' });
  it('is true after a later import, false at the same one', () => {
    assert.equal(newerDataThan(at(5), at(6)), true);
    assert.equal(newerDataThan(at(6), at(6)), false);
  });
  it('is true when a permalink was built on an empty store and figures have come since', () => {
    assert.equal(newerDataThan(null, at(1)), true);
    assert.equal(newerDataThan(null, null), false);
  });
});

describe('breaksWithin finds where a table crosses a change in the measure', () => {
  const ks4 = { ...ks2, code: 'ks4', breaks: [{ period: '201314', note: '2014 reforms to qualifications counted' }] };
  it('names a break after the table’s first year, and the years from it on as the run a line may join', () => {
    const found = breaksWithin({ indicator: ks4, periods: ['201112', '201213', '201314', '201415'] });
    assert.deepEqual(found.breaks, [{ period: '201314', note: '2014 reforms to qualifications counted' }]);
    assert.deepEqual(found.latestRun, ['201314', '201415']);
  });
  it('ignores a break at or before the first year shown: every year is then one measure', () => {
    assert.deepEqual(breaksWithin({ indicator: ks4, periods: ['201314', '201415'] }), { breaks: [], latestRun: ['201314', '201415'] });
  });
  it('finds a break whose own year has no column, between the two years either side of it', () => {
    const found = breaksWithin({ indicator: ks4, periods: ['201213', '201415', '201516'] });
    assert.deepEqual(found.breaks, [{ period: '201314', note: '2014 reforms to qualifications counted' }]);
    assert.deepEqual(found.latestRun, ['201415', '201516']);
  });
  it('reads a table kept before breaks were stored as one measure', () => {
    assert.deepEqual(breaksWithin({ indicator: ks2, periods: ['201213', '201314'] }).latestRun, ['201213', '201314']);
  });
});
