import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readCapacityFile } from './capacity-file.ts';

// SCAP school capacity, one row per school, year and phase (places by year group; blank = none).
const header =
  'urn,period,phase,admission_number,places_r,places_1,places_2,places_3,places_4,places_5,places_6,places_7,places_8,places_9,places_10,places_11,places_12,places_13';
const read = (lines: string[]) => readCapacityFile('capacity.csv', new TextEncoder().encode([header, ...lines].join('\n')));

describe('school capacity file', () => {
  it('reads a 2FE primary (60 × 7 = 420 places) and a secondary without a sixth form, a period written either way', () => {
    const file = read(['900001,2015/16,primary,60,60,60,60,60,60,60,60,,,,,,,', '900500,201516,secondary,180,,,,,,,,180,180,180,180,180,,']);
    assert.ok(!('issues' in file), JSON.stringify(file));
    const [primary, secondary] = file.records;
    assert.equal(primary!.period, '201516');
    assert.equal(
      Object.values(primary!.places).reduce((a, b) => a + (b ?? 0), 0),
      420,
    );
    assert.deepEqual(Object.keys(secondary!.places), ['7', '8', '9', '10', '11']);
    assert.equal(secondary!.admissionNumber, 180);
  });

  it('names the file, line and column of negative places, a year group outside the phase, a bad period and a school twice', () => {
    const file = read([
      '900001,2015/16,primary,60,60,-5,60,60,60,60,60,,,,,,,',
      '900002,2015/16,primary,30,30,30,30,30,30,30,30,30,,,,,,',
      '900003,2015-16,primary,30,30,30,30,30,30,30,30,,,,,,,',
      '900004,201516,primary,30,30,30,30,30,30,30,30,,,,,,,',
      '900004,201516,primary,30,30,30,30,30,30,30,30,,,,,,,',
    ]);
    assert.ok('issues' in file);
    assert.deepEqual(
      file.issues.map((i) => [i.file, i.line, i.column]),
      [
        ['capacity.csv', 2, 'places_1'],
        ['capacity.csv', 3, 'places_7'],
        ['capacity.csv', 4, 'period'],
        ['capacity.csv', 6, 'urn'],
      ],
    );
    assert.match(file.issues[0]!.message, /cannot be negative/);
  });
});
