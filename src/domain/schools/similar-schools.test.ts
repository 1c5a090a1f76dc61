import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contextDistance, rankAmong, scaleOf, similarSchools, type SchoolContext } from './similar-schools.ts';

const school = (
  urn: string,
  priorAttainment: number | null,
  disadvantaged: number | null,
  sen: number | null,
  eal: number | null,
  size: number | null,
): SchoolContext => ({
  urn,
  priorAttainment,
  disadvantaged,
  sen,
  eal,
  size,
});

describe('the similarity distance', () => {
  const scale = {
    priorAttainment: { mean: 0, sd: 2 },
    disadvantaged: { mean: 0, sd: 10 },
    sen: { mean: 0, sd: 5 },
    eal: { mean: 0, sd: 10 },
    size: { mean: 0, sd: Math.log(2) },
  };

  it('is the Euclidean distance of standardised features, size on a log scale', () => {
    // Prior attainment differs by one SD (2), disadvantage by two SDs (20 points), size by one SD (200 v 400 pupils):
    // √(1 + 4 + 0 + 0 + 1) = √6.
    const a = school('1', 28, 20, 10, 5, 200);
    const b = school('2', 30, 40, 10, 5, 400);
    assert.ok(Math.abs(contextDistance(a, b, scale)! - Math.sqrt(6)) < 1e-9);
    assert.equal(contextDistance(a, b, scale), contextDistance(b, a, scale));
  });

  it('scales up for a feature either school lacks, and needs three shared features', () => {
    const a = school('1', 28, 20, 10, null, 200);
    const b = school('2', 30, 40, 10, 5, 400);
    // Four features used of five: √(6 × 5/4).
    assert.ok(Math.abs(contextDistance(a, b, scale)! - Math.sqrt(7.5)) < 1e-9);
    assert.equal(contextDistance(school('1', 28, 20, null, null, null), b, scale), null);
  });

  it('standardises by the pool: a feature with no spread counts for nothing', () => {
    const pool = [school('1', 27, 10, 10, 5, 100), school('2', 29, 30, 10, 5, 400), school('3', 31, 50, 10, 5, 1600)];
    const s = scaleOf(pool);
    assert.equal(s.sen, null);
    assert.equal(s.priorAttainment?.mean, 29);
    assert.equal(s.priorAttainment?.sd, 2);
  });

  it('lists the nearest schools, itself excluded, ties broken by URN', () => {
    const target = school('100', 29, 30, 12, 8, 300);
    const pool = [target, ...Array.from({ length: 30 }, (_, i) => school(String(200 + i), 29 + (i % 5), 30 + i, 12, 8, 300))];
    const near = similarSchools(target, pool, 20);
    assert.equal(near.length, 20);
    assert.ok(!near.some((n) => n.urn === '100'));
    assert.equal(near[0]?.urn, '200');
    assert.ok(near.every((n, i) => i === 0 || n.distance >= near[i - 1]!.distance));
  });
});

describe('rank among similar schools', () => {
  it('ranks by polarity, ties sharing the better rank, schools without a value left out', () => {
    const values = new Map<string, number | null>([
      ['a', 70],
      ['b', 80],
      ['c', 70],
      ['d', null],
      ['e', 60],
    ]);
    assert.deepEqual(rankAmong('a', values, 'higher_is_better'), { rank: 2, of: 4 });
    assert.deepEqual(rankAmong('a', values, 'lower_is_better'), { rank: 2, of: 4 });
    assert.deepEqual(rankAmong('b', values, 'higher_is_better'), { rank: 1, of: 4 });
    assert.equal(rankAmong('d', values, 'higher_is_better'), null);
  });
});
