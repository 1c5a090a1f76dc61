import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { birthsByArea, englandBirths, englandMinimumAreas, sumOfAreas, type BirthRecord } from './births.ts';

// ONS mid-year estimates give births by district and sex only (ons-births-la/PROVENANCE.md: "no county rows: Kent = the
// sum of its 12 districts"); both sexes, a county and England are sums made here.
const row = (areaCode: string, sex: 'female' | 'male', births: number, year = '2014', line = 2): BirthRecord => ({ areaCode, sex, year, births, line });

describe('births from ONS mid-year estimates', () => {
  it('gives each area its births by sex and both sexes as their sum', () => {
    // Invented figures; the real Maidstone 2014 total (1,887, data.md row 25) is checked against the file in tests/.
    const figures = birthsByArea([row('E07000110', 'female', 900, '2014', 2), row('E07000110', 'male', 987, '2014', 3)]);
    assert.deepEqual(
      figures.map((f) => [f.breakdown, f.births]),
      [
        ['sex:female', 900],
        ['sex:male', 987],
        ['all', 1887],
      ],
    );
  });

  it('gives no both-sexes figure for an area and year with one sex only', () => {
    assert.deepEqual(
      birthsByArea([row('E07000110', 'female', 900)]).map((f) => f.breakdown),
      ['sex:female'],
    );
  });

  it("sums a county's districts for each year and breakdown in which every district has a figure", () => {
    const figures = birthsByArea([
      row('A', 'female', 10, '2013'),
      row('A', 'male', 11, '2013'),
      row('B', 'female', 20, '2013'),
      row('B', 'male', 21, '2013'),
      row('A', 'female', 12, '2014'),
      row('A', 'male', 13, '2014'),
    ]);
    const sums = sumOfAreas(figures, ['A', 'B']);
    // 2014 lacks district B: no sum rather than a partial one that would read as a fall in births.
    assert.deepEqual(
      sums.map((s) => [s.period, s.breakdown, s.births, s.areas]),
      [
        ['2013', 'sex:female', 30, 2],
        ['2013', 'sex:male', 32, 2],
        ['2013', 'all', 62, 2],
      ],
    );
  });

  it('sums England from every area only where a year covers England', () => {
    const national = Array.from({ length: englandMinimumAreas }, (_, i) => [row(`E${i}`, 'female', 1, '2014'), row(`E${i}`, 'male', 2, '2014')]).flat();
    const oneCounty = [row('A', 'female', 10, '2013'), row('A', 'male', 11, '2013')];
    const sums = englandBirths(birthsByArea([...national, ...oneCounty]));
    assert.deepEqual(
      sums.map((s) => [s.period, s.breakdown, s.births]),
      [
        ['2014', 'sex:female', englandMinimumAreas],
        ['2014', 'sex:male', 2 * englandMinimumAreas],
        ['2014', 'all', 3 * englandMinimumAreas],
      ],
    );
  });
});
