import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apportion, generateCounty } from './generate-county.ts';

describe('the demo county', () => {
  const county = generateCounty(2013);
  const openIn = (period: string) => new Set(county.rolls.filter((r) => r.period === period).map((r) => r.urn));

  it('is the same for the same seed', () => {
    assert.deepEqual(
      generateCounty(2013).schools.map((s) => s.name),
      county.schools.map((s) => s.name),
    );
  });

  it('has Kent-like numbers of schools by sector in 2016/17', () => {
    const open = openIn('201617');
    const bySector = (sector: string) => county.schools.filter((s) => open.has(s.urn) && s.attributes.sector === sector).length;
    assert.ok(bySector('primary') >= 440 && bySector('primary') <= 460, `primary ${bySector('primary')}`);
    assert.equal(bySector('secondary'), 100);
    assert.equal(county.schools.filter((s) => open.has(s.urn) && s.attributes.selective).length, 32);
    assert.equal(bySector('special'), 24);
    assert.equal(bySector('alternative-provision'), 5);
  });

  it('has about 17,000 pupils in a primary year group', () => {
    const year3 = county.rolls.filter((r) => r.period === '201415' && r.yearGroup === '3').reduce((a, r) => a + r.pupils, 0);
    assert.ok(year3 > 15_500 && year3 < 18_500, `Year 3 in 2014/15: ${year3}`);
  });

  it('converts schools to academies with a new URN linked to the old one', () => {
    assert.ok(county.successions.length > 100);
    const s = county.successions[0]!;
    const academy = county.schools.find((x) => x.urn === s.successorUrn)!;
    assert.equal(academy.attributes.governance, 'academy');
    assert.equal(county.schools.find((x) => x.urn === s.predecessorUrn)!.closedOn! < academy.openedOn!, true);
  });
});

describe('sharing schools among districts', () => {
  it('gives whole shares in proportion that add up exactly (largest remainder)', () => {
    // 5 among weights 58,47,40: quotas 1.99, 1.62, 1.38 → floors 1,1,1 and the two largest remainders get one more.
    assert.deepEqual(apportion(5, [58, 47, 40]), [2, 2, 1]);
    assert.equal(
      apportion(24, [58, 47, 40, 57, 38, 62, 51, 43, 58, 51, 59, 44]).reduce((a, b) => a + b, 0),
      24,
    );
  });
});
