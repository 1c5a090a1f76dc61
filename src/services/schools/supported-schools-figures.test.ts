import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FloorFigures, FloorResult } from '../../domain/schools/floor-standards.ts';
import type { FloorListing } from './floor-service.ts';
import { supportedSchoolsFigures } from './supported-schools-figures.ts';

// Target 14's figures from floor listings and partnerships (docs/adr/0025-system-leadership.md): predecessors'
// results read as the school's own, the LA and each district, none without partnerships, "x" where undecided.
// Each expected share is worked by hand from the listings below.

const decided = (below: boolean): FloorResult => ({ applies: true, below, failed: [], met: [], rule: '' });
const undecided: FloorResult = { applies: true, below: null, reason: 'medians not held', rule: '' };
const school = (urn: string, district: string, result: FloorResult, attainment: number) => ({
  urn,
  name: urn,
  district: { code: district, name: district },
  figures: { eligiblePupils: 30, attainment } as FloorFigures,
  sources: [],
  result,
});
const listing = (period: string, schools: ReturnType<typeof school>[]): FloorListing => ({
  la: { code: '886', name: 'Kent' },
  phase: 'primary',
  period,
  label: period,
  ruleYear: Number(`20${period.slice(4)}`),
  inForce: true,
  schools,
  below: schools.filter((s) => s.result.applies && s.result.below === true),
  undecided: schools.filter((s) => s.result.applies && s.result.below === null),
  byDistrict: [],
});
const placeIds = new Map([
  ['la:886', 1],
  ['district:D1', 2],
  ['district:D2', 3],
]);
// 200002 replaced 200001 (a sponsored academy under a new URN): 200001's 2014 result is its history.
const chainOf = (urn: string) => (urn === '200002' ? ['200002', '200001'] : [urn]);
const listings = [
  listing('201314', [school('200001', 'D1', decided(true), 55), school('200003', 'D2', decided(true), 58), school('200004', 'D2', decided(false), 80)]),
  listing('201415', [school('200002', 'D1', decided(false), 68), school('200003', 'D2', decided(false), 62), school('200004', 'D2', decided(false), 81)]),
];
const sponsor = { urn: '200001', kind: 'sponsored-academy' as const, startedOn: '2014-09-01', endedOn: null };

describe('target 14’s figures from the floor listings and partnerships', () => {
  it('makes none for an LA that has recorded no partnership', () => {
    assert.deepEqual(supportedSchoolsFigures('886', listings, [], chainOf, placeIds), []);
  });

  it('reads a predecessor’s result and partnership as the school’s: in 2015, 1 of the 2 schools with a history (50%), by LA and district', () => {
    const figures = supportedSchoolsFigures('886', listings, [sponsor], chainOf, placeIds);
    const in2015 = figures.filter((f) => f.period === '201415');
    // LA: 200002 (200001's history, sponsored, 55 → 68) meets it; 200003 (58 → 62) has no arrangement.
    assert.deepEqual(
      in2015.map((f) => [f.placeId, f.numerator, f.denominator, f.value, f.symbol]),
      [
        [1, 1, 2, 50, null],
        [2, 1, 1, 100, null],
        [3, 0, 1, 0, null],
      ],
    );
    // 2014 has no history held (nothing before it): no figure.
    assert.equal(figures.filter((f) => f.period === '201314').length, 0);
  });

  it('gives "x" where a school with a history, improving and in an arrangement, cannot be decided', () => {
    const open = [listings[0]!, listing('201415', [school('200002', 'D1', undecided, 68), school('200003', 'D2', decided(false), 62)])];
    const la = supportedSchoolsFigures('886', open, [sponsor], chainOf, placeIds).find((f) => f.period === '201415' && f.placeId === 1)!;
    assert.deepEqual([la.value, la.numerator, la.denominator, la.symbol], [null, null, null, 'x']);
    assert.equal((la.detail as { undecided: number }).undecided, 1);
  });
});
