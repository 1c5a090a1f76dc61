import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { disclose, disclosureKey, disclosureName, disclosureNameOver, laOfficerDisclosure, policyAt, publicDisclosure, type Cell } from './disclosure.ts';

const count = (id: string, value: number | null, symbol: Cell['symbol'] = null): Cell => ({
  id,
  unit: 'count',
  decimalPlaces: 0,
  value,
  numerator: null,
  denominator: null,
  symbol,
});
const percent = (id: string, numerator: number, denominator: number): Cell => ({
  id,
  unit: 'percent',
  decimalPlaces: 0,
  value: (100 * numerator) / denominator,
  numerator,
  denominator,
  symbol: null,
});

describe('disclosure for a public audience', () => {
  it('suppresses counts of 1 or 2 as c, and shows 0 and 3', () => {
    const shown = disclose([count('a', 0), count('b', 1), count('c', 2), count('d', 3)], [], publicDisclosure);
    assert.deepEqual(
      [...shown.values()].map((c) => c.symbol ?? c.value),
      [0, 'c', 'c', 3],
    );
  });

  it('suppresses a percentage of a group of five or fewer pupils, or with 1 or 2 pupils in its numerator', () => {
    const shown = disclose([percent('small', 4, 5), percent('two', 2, 40), percent('ok', 20, 30)], [], publicDisclosure);
    assert.equal(shown.get('small')!.symbol, 'c');
    assert.equal(shown.get('small')!.denominator, null, 'nothing behind a suppressed cell is shown');
    assert.equal(shown.get('two')!.symbol, 'c');
    assert.equal(shown.get('ok')!.value, 67); // 66.67 rounded half up
  });

  it('suppresses a second cell so the hidden one cannot be recovered from the total', () => {
    // Permanent exclusions: all 12 = FSM 2 + not FSM 10. Hiding only FSM would leave 12 − 10 = 2 in plain sight.
    const cells = [count('all', 12), count('fsm', 2), count('not-fsm', 10)];
    const shown = disclose(cells, [{ total: 'all', parts: ['fsm', 'not-fsm'] }], publicDisclosure);
    assert.deepEqual(
      [...shown.values()].map((c) => [c.id, c.symbol ?? c.value, c.suppression]),
      [
        ['all', 12, null],
        ['fsm', 'c', 'primary'],
        ['not-fsm', 'c', 'secondary'],
      ],
    );
  });

  it('picks the smallest other part for secondary suppression and follows chains across groups', () => {
    // District total 40 = school A 1 + school B 9 + school C 30; school B is also part of a trust: trust 9 + 20 = 29.
    const cells = [count('district', 40), count('a', 1), count('b', 9), count('c', 30), count('trust', 29), count('d', 20)];
    const shown = disclose(
      cells,
      [
        { total: 'district', parts: ['a', 'b', 'c'] },
        { total: 'trust', parts: ['b', 'd'] },
      ],
      publicDisclosure,
    );
    assert.equal(shown.get('b')!.suppression, 'secondary');
    assert.equal(shown.get('c')!.symbol, null);
    // Hiding b exposed it within the trust: the trust's other part is hidden too.
    assert.equal(shown.get('d')!.suppression, 'secondary');
  });

  it('hides the total when it is the only other cell that would give a part away', () => {
    const shown = disclose([count('all', 5), count('only', 2)], [{ total: 'all', parts: ['only'] }], publicDisclosure);
    assert.equal(shown.get('all')!.suppression, 'secondary');
  });

  it('keeps the symbols a source gave and marks values that round to zero as low', () => {
    const cells: Cell[] = [
      count('na', null, 'x'),
      { id: 'tiny', unit: 'rate', decimalPlaces: 2, value: 0.004, numerator: 30, denominator: 800_000, symbol: null },
    ];
    const shown = disclose(cells, [], publicDisclosure);
    assert.equal(shown.get('na')!.symbol, 'x');
    assert.equal(shown.get('na')!.suppression, 'source');
    assert.deepEqual([shown.get('tiny')!.value, shown.get('tiny')!.symbol], [null, 'low']);
  });
});

describe('disclosure for an LA officer under a data-sharing agreement', () => {
  it('shows small numbers, rounded as published', () => {
    const shown = disclose([count('b', 1), percent('small', 4, 5)], [], laOfficerDisclosure);
    assert.equal(shown.get('b')!.value, 1);
    assert.equal(shown.get('small')!.value, 80);
  });
});

describe('disclosure for signed-in staff: true values in their scope, public figures elsewhere (issue 14.4)', () => {
  const staff = { ...publicDisclosure, unsuppressedAt: new Set([4, 5]) };

  it("shows a place the reader's roles reach as an LA officer sees it, and every other place as the public does", () => {
    assert.equal(policyAt(staff, 5), laOfficerDisclosure);
    assert.equal(policyAt(staff, 7), staff);
    assert.equal(disclose([count('own', 1)], [], policyAt(staff, 5)).get('own')!.value, 1);
    assert.equal(disclose([count('other', 1)], [], policyAt(staff, 7)).get('other')!.symbol, 'c');
  });

  it('names the answer: public, true values everywhere, or true values in scope', () => {
    assert.equal(disclosureName(publicDisclosure), 'public');
    assert.equal(disclosureName({ ...publicDisclosure, unsuppressedAt: new Set() }), 'public');
    assert.equal(disclosureName(staff), 'in-scope');
    assert.equal(disclosureName(laOfficerDisclosure), 'la-officer');
  });

  it("names an answer over some places only in scope where the reader's roles reach one of them", () => {
    assert.equal(disclosureNameOver(staff, [5, 7]), 'in-scope');
    assert.equal(disclosureNameOver(staff, [7, 8]), 'public');
    assert.equal(disclosureNameOver(laOfficerDisclosure, [7]), 'la-officer');
    assert.equal(disclosureNameOver(publicDisclosure, [5]), 'public');
  });
});

describe('secondary suppression when the total is the hidden cell', () => {
  it('hides a part when a hidden total could be rebuilt by adding its visible parts', () => {
    // A district's figure hidden (by another equation) while both its schools show: 7 + 9 = 16 gives it away.
    const cells = [count('district', 16), count('a', 7), count('b', 9), count('la', 40), count('other', 24)];
    const shown = disclose(
      cells,
      [
        { total: 'district', parts: ['a', 'b'] },
        { total: 'la', parts: ['district', 'other'] },
      ],
      { ...publicDisclosure, countThreshold: 17 },
    );
    // Primary: district 16 (under 17), a 7 and b 9 → all three hidden by the threshold already; la 40 and other 24 visible,
    // so la = district + other has one hidden cell and 'other' must go too.
    assert.equal(shown.get('other')!.suppression, 'secondary');
  });

  it('never leaves an equation with exactly one hidden cell, whichever cell it is', () => {
    const cells = [count('all', 30), count('fsm', 10), count('not-fsm', 20), count('district', 50), count('school-2', 20)];
    const groups = [
      { total: 'all', parts: ['fsm', 'not-fsm'] },
      { total: 'district', parts: ['all', 'school-2'] },
    ];
    // Only 'all' is small under this threshold: hiding it alone would let district − school-2 rebuild it.
    const shown = disclose(cells, groups, { ...publicDisclosure, countThreshold: 31, numeratorThreshold: 0, denominatorThreshold: 0 });
    for (const g of groups) {
      const hiddenCount = [g.total, ...g.parts].filter((id) => shown.get(id)!.suppression !== null).length;
      assert.notEqual(hiddenCount, 1, `${g.total} = ${g.parts.join(' + ')} has one hidden cell`);
    }
  });
});

describe('a disclosure policy as a key (issue 20.4: what is read for one reader is shown to another with the same key)', () => {
  it('tells apart the public, an LA officer and staff reaching other places, and not staff reaching the same places', () => {
    const at = (...ids: number[]) => ({ ...publicDisclosure, unsuppressedAt: new Set(ids) });
    const keys = [publicDisclosure, laOfficerDisclosure, at(1), at(1, 2)].map(disclosureKey);
    assert.equal(new Set(keys).size, 4);
    assert.equal(disclosureKey(at(2, 10, 1)), disclosureKey(at(1, 2, 10)), 'the places in any order');
    // Reaching no place, staff see what the public sees (policyAt): the same key.
    assert.equal(disclosureKey(at()), disclosureKey(publicDisclosure));
    // The places are ordered as numbers: 10 after 2.
    assert.ok(disclosureKey(at(10, 2)).endsWith('|2,10'));
  });
});
