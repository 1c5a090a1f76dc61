import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { housingPupils, pupilsFromSite } from './housing-yield.ts';
import { phaseYearGroups } from './place-planning.ts';
import type { HousingSite, PupilYields } from './place-planning.ts';

// Yields per dwelling as an LA might publish them (primary 0.25 market / 0.35 affordable; secondary 0.14 / 0.21).
const yields: PupilYields = { primary: { market: 0.25, affordable: 0.35 }, secondary: { market: 0.14, affordable: 0.21 } };

const site = (code: string, completions: HousingSite['completions']): HousingSite => ({
  code,
  name: code,
  laCode: '886',
  primaryArea: 'P1',
  secondaryArea: 'S1',
  completions,
});

const meadow = site('MEADOW', [
  { period: '201516', market: 40, affordable: 10 },
  { period: '201617', market: 60, affordable: 20 },
  { period: '201718', market: 100, affordable: 40 },
]);
const mill = site('MILL', [{ period: '201718', market: 20, affordable: 0 }]);

describe('pupils from new housing by phase and tenure, phased by build-out (SCAP guide 2014, step 4)', () => {
  it('counts only dwellings completed after the base period: the base year’s are already on roll', () => {
    // Base 2015/16, period 2016/17: only MEADOW's 2016/17 completions count: 60 × 0.25 + 20 × 0.35 = 15 + 7 = 22 primary
    // pupils over 80 dwellings, spread evenly over R-Y6: 22 ÷ 7 each.
    const h = housingPupils([meadow, mill], 'primary', yields, '201516', '201617');
    assert.equal(h.dwellings, 80);
    assert.equal(Object.keys(h.pupils).length, 7);
    for (const g of phaseYearGroups.primary) assert.ok(Math.abs(h.pupils[g]! - 22 / 7) < 1e-12);
  });

  it('accumulates completions from the base period to the period forecast, over every site', () => {
    // Base 2015/16, period 2017/18 (secondary): MEADOW 2016/17 60 × 0.14 + 20 × 0.21 = 8.4 + 4.2 = 12.6;
    // MEADOW 2017/18 100 × 0.14 + 40 × 0.21 = 14 + 8.4 = 22.4; MILL 2017/18 20 × 0.14 = 2.8. Total 37.8 over Y7-Y13,
    // 5.4 each; dwellings 80 + 140 + 20 = 240.
    const h = housingPupils([meadow, mill], 'secondary', yields, '201516', '201718');
    assert.equal(h.dwellings, 240);
    assert.equal(Object.keys(h.pupils).length, 7);
    for (const g of phaseYearGroups.secondary) assert.ok(Math.abs(h.pupils[g]! - 5.4) < 1e-12);
  });

  it('yields nothing in the base period itself', () => {
    const h = housingPupils([meadow], 'primary', yields, '201516', '201516');
    assert.equal(h.dwellings, 0);
    assert.equal(h.pupils.R, 0);
  });

  it('counts every completion of a site for the area page: MEADOW yields 74.5 primary pupils', () => {
    // 2015/16 40 × 0.25 + 10 × 0.35 = 13.5; 2016/17 22 (above); 2017/18 100 × 0.25 + 40 × 0.35 = 39 → 74.5.
    assert.ok(Math.abs(pupilsFromSite(meadow, 'primary', yields) - 74.5) < 1e-12);
  });
});
