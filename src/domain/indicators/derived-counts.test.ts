import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allFromBreakdowns, deriveShares, sumOfIndicators, type CountedFigure, type Derivation } from './derived-counts.ts';

// Kent (886), entry in September 2014, from appsandoffers_2014-15_to_2021-22_by_la.csv (shared/data/public/admissions-offers):
// primary 17,092 applications, 14,515 first and 1,236 second preference offers; secondary 15,667, 13,093 and 1,511.
const kent = (indicatorCode: string, breakdown: string, numerator: number | null, denominator: number, symbol: string | null = null): CountedFigure => ({
  indicatorCode,
  placeId: 886,
  period: '201415',
  breakdown,
  numerator,
  denominator,
  symbol,
  dataVersion: 'final',
});
const file: CountedFigure[] = [
  kent('first-preference-offers', 'phase:primary', 14515, 17092),
  kent('first-preference-offers', 'phase:secondary', 13093, 15667),
  kent('second-preference-offers', 'phase:primary', 1236, 17092),
  kent('second-preference-offers', 'phase:secondary', 1511, 15667),
];

describe('figures derived from published counts', () => {
  it('gives all applicants the two phases’ offers over the two phases’ applications, not the mean of the two rates', () => {
    const [all] = allFromBreakdowns('first-preference-offers', ['phase:primary', 'phase:secondary'], file);
    // (14,515 + 13,093) / (17,092 + 15,667) = 27,608 / 32,759 = 84.2761…%; the mean of 84.92% and 83.57% would be 84.25%.
    assert.equal(all!.numerator, 27608);
    assert.equal(all!.denominator, 32759);
    assert.ok(Math.abs(all!.value - 84.2760768) < 1e-6);
    assert.equal(all!.breakdown, 'all');
  });

  it('adds first and second preference offers of the same applications', () => {
    const sums = sumOfIndicators('first-or-second-preference-offers', ['first-preference-offers', 'second-preference-offers'], file);
    const primary = sums.find((s) => s.breakdown === 'phase:primary')!;
    // (14,515 + 1,236) / 17,092 = 92.1542…%
    assert.equal(primary.numerator, 15751);
    assert.ok(Math.abs(primary.value - 92.1542242) < 1e-6);
  });

  it('derives the all-phase first-or-second figure from the derived phase figures', () => {
    const derivations = new Map<string, Derivation[]>([
      [
        'first-or-second-preference-offers',
        [
          { kind: 'sum-of-indicators', indicators: ['first-preference-offers', 'second-preference-offers'] },
          { kind: 'all-from-breakdowns', breakdowns: ['phase:primary', 'phase:secondary'] },
        ],
      ],
    ]);
    const all = deriveShares(derivations, file).find((s) => s.breakdown === 'all')!;
    // (14,515 + 1,236 + 13,093 + 1,511) / 32,759 = 30,355 / 32,759 = 92.6615…%
    assert.equal(all.numerator, 30355);
    assert.ok(Math.abs(all.value - 92.66155866) < 1e-6);
  });

  it('leaves no figure where a part is suppressed, missing, or has another denominator', () => {
    const suppressed = [file[0]!, kent('first-preference-offers', 'phase:secondary', null, 15667, 'c')];
    assert.deepEqual(allFromBreakdowns('first-preference-offers', ['phase:primary', 'phase:secondary'], suppressed), []);
    assert.deepEqual(allFromBreakdowns('first-preference-offers', ['phase:primary', 'phase:secondary'], [file[0]!]), []);
    const unlike = [file[0]!, kent('second-preference-offers', 'phase:primary', 1236, 17000)];
    assert.deepEqual(sumOfIndicators('x', ['first-preference-offers', 'second-preference-offers'], unlike), []);
  });

  it('derives the all figure whatever else is held, so the import order cannot change it', () => {
    const published = [...file, kent('first-preference-offers', 'all', 27000, 32759)];
    assert.equal(allFromBreakdowns('first-preference-offers', ['phase:primary', 'phase:secondary'], published)[0]!.numerator, 27608);
  });

  it('reads the latest data version of each part', () => {
    const revised = [{ ...file[0]!, dataVersion: 'provisional' as const, numerator: 1 }, file[0]!, file[1]!];
    assert.equal(allFromBreakdowns('first-preference-offers', ['phase:primary', 'phase:secondary'], revised)[0]!.numerator, 27608);
  });
});
