import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { aggregatePupilFile, loadPlacements, type ComputedFigure } from '../src/compute/aggregate-pupils.ts';
import { withDuckDb } from '../src/compute/duckdb.ts';
import { writePupilParquet } from '../src/compute/pupil-files.ts';
import { comparatorFigures } from '../src/demo/comparator-figures.ts';
import { generateCounty } from '../src/demo/generate-county.ts';
import { generatePupilFiles } from '../src/demo/generate-pupils.ts';
import { rankPlaces } from '../src/domain/comparison/ranking.ts';

// The demo county's computed figures against the seed: Kent's Vision and Priorities for Improvement 2013-2016, "where we
// are now" (../shared/design/kent-framework-2013-2016.md, targets 1, 5, 7, 8 and 21). Computed the way `waymark compute`
// does, on DuckDB over the Parquet files the demo writes.

const dir = mkdtempSync(join(tmpdir(), 'waymark-calibration-'));
const figures = new Map<string, ComputedFigure[]>(); // by period
const county = generateCounty(2013);

before(async () => {
  await withDuckDb(async (connection) => {
    await loadPlacements(
      connection,
      county.schools.map((s) => ({ urn: s.urn, district: s.districtCode, la: '886', region: 'E12000008', groupings: [] })),
    );
    for (const file of generatePupilFiles(county, 2013, [2010, 2011, 2012])) {
      const path = join(dir, `${file.collection}-${file.period}.parquet`);
      await writePupilParquet(connection, file.collection, file.records, path);
      const { figures: computed } = await aggregatePupilFile(connection, { path, collection: file.collection, period: file.period });
      figures.set(file.period, [...(figures.get(file.period) ?? []), ...computed]);
    }
  });
});
after(() => rmSync(dir, { recursive: true, force: true }));

const kent = (indicator: string, period: string, breakdown = 'all'): number => {
  const f = figures.get(period)!.find((x) => x.indicator === indicator && x.level === 'la' && x.code === '886' && x.breakdown === breakdown);
  assert.ok(f?.value !== undefined && f.value !== null, `${indicator} ${breakdown} ${period} computed`);
  return f.value;
};
const near = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= 0.5, `${what}: computed ${actual.toFixed(2)}, seed ${expected}`);

describe('the demo county, computed from its pupil records, matches the seed’s 2012 position', () => {
  it('KS2 level 4+ in English and maths: 78% (seed target 5), and 72% in 2011', () => {
    near(kent('ks2-level4-english-maths', '201112'), 78, 'KS2 L4+ EM 2012');
    near(kent('ks2-level4-english-maths', '201011'), 72, 'KS2 L4+ EM 2011');
  });

  it('KS2 FSM gap: 22 points (seed target 8; 27 in 2011)', () => {
    near(kent('ks2-level4-english-maths', '201112', 'not-fsm') - kent('ks2-level4-english-maths', '201112', 'fsm'), 22, 'KS2 FSM gap 2012');
    near(kent('ks2-level4-english-maths', '201011', 'not-fsm') - kent('ks2-level4-english-maths', '201011', 'fsm'), 27, 'KS2 FSM gap 2011');
  });

  it('KS2 level 5 in English and maths: 27% (seed, other 2012 figures)', () => near(kent('ks2-level5-english-maths', '201112'), 27, 'KS2 L5 EM'));

  it('KS4 5+ A*-C including English and maths: 61% (seed target 7), 59% in 2011', () => {
    near(kent('ks4-5ac-em', '201112'), 61, 'KS4 5AC EM 2012');
    near(kent('ks4-5ac-em', '201011'), 59, 'KS4 5AC EM 2011');
  });

  it('KS4 FSM gap: 32.9 points (seed target 8)', () =>
    near(kent('ks4-5ac-em', '201112', 'not-fsm') - kent('ks4-5ac-em', '201112', 'fsm'), 32.9, 'KS4 FSM gap'));

  it('EYFS good level of development: 72% (seed target 1)', () => near(kent('eyfs-gld', '201112'), 72, 'EYFS GLD'));

  it('persistent absence at the 15% threshold: 3.5% primary and 7.0% secondary (seed target 21; 4.8% and 9.8% in 2011)', () => {
    near(kent('persistent-absence', '201112', 'phase:primary'), 3.5, 'PA primary 2012');
    near(kent('persistent-absence', '201112', 'phase:secondary'), 7.0, 'PA secondary 2012');
    near(kent('persistent-absence', '201011', 'phase:primary'), 4.8, 'PA primary 2011');
    near(kent('persistent-absence', '201011', 'phase:secondary'), 9.8, 'PA secondary 2011');
  });

  it('permanent exclusions: 192 in 2011/12 and 252 in 2010/11 (seed target 23)', () => {
    assert.equal(kent('permanent-exclusions', '201112'), 192);
    assert.equal(kent('permanent-exclusions', '201011'), 252);
  });
});

describe('the demo county’s comparators agree with the seed’s comparisons', () => {
  const comparators = comparatorFigures(2013);
  const england = (indicator: string, breakdown = 'all') =>
    comparators.find((f) => f.indicator === indicator && f.breakdown === breakdown && f.period === '201112' && f.placeKind === 'country')!.value;
  const rankAmongNeighbours = (indicator: string, polarity: 'higher_is_better' | 'lower_is_better' = 'higher_is_better') => {
    const values = comparators.filter((f) => f.indicator === indicator && f.period === '201112' && f.placeKind === 'la' && f.breakdown === 'all');
    const ranks = rankPlaces(
      [...values.map((v) => ({ code: v.placeCode, value: v.value })), { code: '886', value: Math.round(kent(indicator, '201112')) }],
      polarity,
    );
    return ranks.get('886');
  };

  it('EYFS: above England and first of the neighbours', () => {
    assert.ok(kent('eyfs-gld', '201112') > england('eyfs-gld'));
    assert.equal(rankAmongNeighbours('eyfs-gld'), 1);
  });
  it('KS2: below England (bottom quartile nationally) and among the lowest of the neighbours', () => {
    assert.ok(Math.round(kent('ks2-level4-english-maths', '201112')) < england('ks2-level4-english-maths'));
    assert.ok(rankAmongNeighbours('ks2-level4-english-maths')! >= 10);
    near(england('ks2-level4-english-maths', 'not-fsm') - england('ks2-level4-english-maths', 'fsm'), 20, 'national KS2 FSM gap');
  });
  it('KS4: above England and second of the neighbours; national FSM gap 25.8', () => {
    assert.ok(kent('ks4-5ac-em', '201112') > england('ks4-5ac-em'));
    assert.equal(rankAmongNeighbours('ks4-5ac-em'), 2);
    near(england('ks4-5ac-em', 'not-fsm') - england('ks4-5ac-em', 'fsm'), 25.8, 'national KS4 FSM gap');
  });
});

describe('schools vary as real schools do', () => {
  const schools = (indicator: string, period: string) =>
    new Map(
      figures
        .get(period)!
        .filter((f) => f.indicator === indicator && f.level === 'school' && f.breakdown === 'all')
        .map((f) => [f.code, f]),
    );
  const selective = new Set(county.schools.filter((s) => s.attributes.selective).map((s) => s.urn));
  const predecessorOf = new Map(county.successions.map((s) => [s.successorUrn, s.predecessorUrn]));

  it('grammar schools are high and non-selective schools spread widely (seed: 86%-100% selective, 20%-79% non-selective)', () => {
    const ks4 = [...schools('ks4-5ac-em', '201112').values()].filter((f) => f.denominator! >= 30);
    const grammar = ks4.filter((f) => selective.has(f.code)).map((f) => f.value!);
    const other = ks4.filter((f) => !selective.has(f.code)).map((f) => f.value!);
    assert.ok(Math.min(...grammar) > 75, `lowest grammar ${Math.min(...grammar)}`);
    assert.ok(Math.max(...other) - Math.min(...other) > 35, `non-selective range ${Math.min(...other)}-${Math.max(...other)}`);
  });

  it('some schools improve fast and some decline (KS4 5+ A*-C incl. EM, 2010/11 to 2012/13)', () => {
    const before = schools('ks4-5ac-em', '201011');
    const later = schools('ks4-5ac-em', '201213');
    const changes: number[] = [];
    for (const [urn, f] of later) {
      const earlier = before.get(urn) ?? before.get(predecessorOf.get(urn) ?? '');
      if (earlier !== undefined && f.denominator! >= 60 && earlier.denominator! >= 60) changes.push(f.value! - earlier.value!);
    }
    assert.ok(changes.filter((c) => c >= 10).length >= 3, `schools up 10+ points: ${changes.filter((c) => c >= 10).length}`);
    assert.ok(changes.filter((c) => c <= -8).length >= 2, `schools down 8+ points: ${changes.filter((c) => c <= -8).length}`);
  });

  it('small schools are noisier than large ones (KS2, spread of school figures)', () => {
    const ks2 = [...schools('ks2-level4-english-maths', '201112').values()];
    const spread = (values: number[]) => {
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    };
    const small = ks2.filter((f) => f.denominator! < 20).map((f) => f.value!);
    const large = ks2.filter((f) => f.denominator! >= 50).map((f) => f.value!);
    assert.ok(small.length >= 10 && large.length >= 10);
    assert.ok(spread(small) > spread(large), `spread small ${spread(small).toFixed(1)} vs large ${spread(large).toFixed(1)}`);
  });
});
