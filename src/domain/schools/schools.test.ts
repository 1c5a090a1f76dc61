import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { floorYear, primaryFloor, secondaryFloor, type FloorResult } from './floor-standards.ts';
import { categoryOf, gradeLabel, overallGrade } from './ofsted-judgements.ts';

/** Below the floor (true/false), not judged (null), or the floor does not apply ('n/a'). */
const belowOf = (r: FloorResult) => (r.applies ? r.below : 'n/a');

describe('primary floor standards by year (domain.md §2.1)', () => {
  it('2016-2018: below 65% at the expected standard and any progress score below −5/−7/−5 (the RS Assessment worked example)', () => {
    // 61% with reading, writing and maths progress of −6: under 65%, reading and maths fail → below the floor.
    const below = primaryFloor(2016, { eligiblePupils: 30, attainment: 61, progress: { reading: -6, writing: -6, maths: -6 } });
    assert.equal(below.applies && below.below, true);
    assert.deepEqual(below.applies && 'failed' in below ? below.failed : [], [
      '61% at the expected standard (under 65%)',
      // Negative scores and thresholds with the true minus sign, as every page writes them (indicators/number-text.ts).
      'reading progress \u22126 (below \u22125)',
      'maths progress \u22126 (below \u22125)',
    ]);
    // The same school at 66% is above the floor whatever its progress.
    const above = primaryFloor(2016, { eligiblePupils: 30, attainment: 66, progress: { reading: -6, writing: -6, maths: -6 } });
    assert.equal(above.applies && above.below, false);
    // Writing at −6 is above its −7 threshold.
    assert.equal(belowOf(primaryFloor(2017, { eligiblePupils: 30, attainment: 50, progress: { reading: -4, writing: -6, maths: -4 } })), false);
  });

  it('2014 and 2015: below 65% at level 4+ RWM and below the median expected progress in all of reading (94), writing (96/97) and maths (93)', () => {
    const f = { eligiblePupils: 40, attainment: 60, expectedProgress: { reading: 90, writing: 95, maths: 92 } };
    assert.equal(belowOf(primaryFloor(2014, f)), true);
    // Writing at 96 meets the 2014 median, so the school is above the floor; in 2015 the median is 97.
    const writing96 = { ...f, expectedProgress: { ...f.expectedProgress, writing: 96 } };
    assert.equal(belowOf(primaryFloor(2014, writing96)), false);
    assert.equal(belowOf(primaryFloor(2015, writing96)), true);
  });

  it('2011: below 60% level 4+ English and maths and below the medians of 87% and 86%', () => {
    assert.equal(belowOf(primaryFloor(2011, { eligiblePupils: 20, attainment: 55, expectedProgress: { english: 80, maths: 85 } })), true);
  });

  it('says when the year’s medians are not held (2012) rather than guessing', () => {
    assert.equal(belowOf(primaryFloor(2012, { eligiblePupils: 20, attainment: 55, expectedProgress: { english: 80, maths: 80 } })), null);
  });

  it('2013: below 60% level 4+ RWM and below the medians of 91% reading, 95% writing and 92% maths (Rising Stars, Feb 2014)', () => {
    const f = { eligiblePupils: 30, attainment: 59, expectedProgress: { reading: 90, writing: 94, maths: 91 } };
    assert.equal(belowOf(primaryFloor(2013, f)), true);
    // At a median in one subject the school is above the floor; at 60% it is above whatever its progress.
    assert.equal(belowOf(primaryFloor(2013, { ...f, expectedProgress: { ...f.expectedProgress, writing: 95 } })), false);
    assert.equal(belowOf(primaryFloor(2013, { ...f, attainment: 60 })), false);
    // 2013's threshold is 60%, not 2014's 65%: 62% is above the floor in 2013 and, with the same progress, below in 2014.
    assert.equal(belowOf(primaryFloor(2013, { ...f, attainment: 62 })), false);
    assert.equal(belowOf(primaryFloor(2014, { ...f, attainment: 62 })), true);
  });

  it('applies only to schools with 11 or more eligible pupils, and not after 2018', () => {
    assert.equal(primaryFloor(2016, { eligiblePupils: 10, attainment: 20, progress: { reading: -9, writing: -9, maths: -9 } }).applies, false);
    assert.equal(primaryFloor(2019, { eligiblePupils: 30, attainment: 20 }).applies, false);
    // 2017/18 is the last year with a floor (withdrawn from September 2019, after the 2018 results).
    assert.deepEqual([floorYear('201718'), floorYear('201819'), floorYear('200910')], [2018, null, null]);
  });
});

describe('secondary floor standards (domain.md §2.2)', () => {
  it('2016-2018: Progress 8 below −0.5 with the upper confidence limit below zero', () => {
    assert.equal(belowOf(secondaryFloor(2017, { eligiblePupils: 150, attainment: null, progress8: -0.6, progress8Upper: -0.1 })), true);
    // The interval crosses zero: not below the floor.
    assert.equal(belowOf(secondaryFloor(2017, { eligiblePupils: 150, attainment: null, progress8: -0.6, progress8Upper: 0.05 })), false);
    assert.equal(belowOf(secondaryFloor(2016, { eligiblePupils: 150, attainment: null, progress8: -0.4, progress8Upper: -0.1 })), false);
    assert.equal(secondaryFloor(2019, { eligiblePupils: 150, attainment: null, progress8: -0.9, progress8Upper: -0.5 }).applies, false);
  });

  it('writes the score and its upper confidence limit with the true minus sign (U+2212), as the pages write figures', () => {
    const result = secondaryFloor(2017, { eligiblePupils: 150, attainment: null, progress8: -0.6, progress8Upper: -0.1 });
    assert.deepEqual(result.applies && result.below !== null ? result.failed : [], [
      'Progress 8 \u22120.6 (below \u22120.5)',
      'upper confidence limit \u22120.1 (below 0)',
    ]);
  });
});

describe('Ofsted judgements across the September 2012 and September 2024 changes (domain.md §10)', () => {
  it('reads grade 3 as satisfactory before September 2012 and requires improvement after', () => {
    assert.equal(gradeLabel(3, '2012-08-31'), 'Satisfactory');
    assert.equal(gradeLabel(3, '2012-09-01'), 'Requires improvement');
    assert.equal(gradeLabel(2, '2010-01-01'), 'Good');
  });

  it('gives no overall grade from September 2024, and refuses one a file claims', () => {
    assert.deepEqual(overallGrade('2', '2024-08-30'), { grade: 2, note: null });
    assert.deepEqual(overallGrade('', '2024-10-01'), { grade: null, note: 'no overall effectiveness grade (inspections from September 2024)' });
    assert.equal(overallGrade('2', '2024-10-01').grade, null);
    assert.equal(overallGrade('NULL', '2014-01-01').grade, null);
  });

  it('reads the category of concern as Ofsted files write it', () => {
    assert.deepEqual(['SM ', 'SWK', 'swk', '', '0'].map(categoryOf), ['special-measures', 'serious-weaknesses', 'serious-weaknesses', null, null]);
  });
});

describe('the secondary floor of 2012-2015 (domain.md §2.2)', () => {
  it('40% or more 5+ A*-C with English and maths is above the floor; under 40% is undecided in a year whose national medians are not held', () => {
    // ks4_2013-14_school_and_la.csv: URN 118897 The Malling School, 29% 5ACEM, expected progress 70% English, 39% maths.
    for (const summer of [2013, 2014, 2015]) {
      assert.equal(belowOf(secondaryFloor(summer, { eligiblePupils: 150, attainment: 58, expectedProgress: { english: 60, maths: 50 } })), false);
      assert.equal(belowOf(secondaryFloor(summer, { eligiblePupils: 150, attainment: 40, expectedProgress: { english: 1, maths: 1 } })), false);
    }
    const malling2013 = secondaryFloor(2013, { eligiblePupils: 150, attainment: 29, expectedProgress: { english: 70, maths: 39 } });
    assert.ok(malling2013.applies && malling2013.below === null && malling2013.reason.includes('English 70%, maths 39%'));
    assert.equal(secondaryFloor(2014, { eligiblePupils: null, attainment: null }).applies, false);
  });

  it('2014: under 40% and below the medians (English 74%, maths 66%) in both subjects is below; at the median in either is not', () => {
    // The medians: floor-standards.ts secondaryMedians, recounted from the real file in tests/floor-standards.test.ts.
    const malling = secondaryFloor(2014, { eligiblePupils: 150, attainment: 29, expectedProgress: { english: 70, maths: 39 } });
    assert.equal(belowOf(malling), true);
    assert.ok(malling.applies && malling.below !== null && malling.failed.some((f) => f.startsWith('expected progress in maths 39% (median 66%')));
    assert.equal(belowOf(secondaryFloor(2014, { eligiblePupils: 150, attainment: 29, expectedProgress: { english: 74, maths: 39 } })), false);
    assert.equal(belowOf(secondaryFloor(2014, { eligiblePupils: 150, attainment: 29, expectedProgress: { english: 70, maths: 66 } })), false);
    // One subject not published: above the floor if the other is at the median, undecided if it is below.
    assert.equal(belowOf(secondaryFloor(2014, { eligiblePupils: 150, attainment: 29, expectedProgress: { english: null, maths: 70 } })), false);
    const half = secondaryFloor(2014, { eligiblePupils: 150, attainment: 29, expectedProgress: { english: null, maths: 39 } });
    assert.ok(half.applies && half.below === null && half.reason.includes('english is not published'));
  });
});

describe('the secondary floor read from the performance tables’ Progress 8 band', () => {
  it('band 5 (score below −0.5, interval below zero) is below the floor; band 4 with a score of −0.5 or more is not', () => {
    const below = secondaryFloor(2018, { eligiblePupils: 150, attainment: null, progress8: -0.71, progress8Band: 5 });
    assert.equal(below.applies && below.below, true);
    assert.ok(below.applies && below.below !== null && below.failed.includes('Progress 8 band 5 (confidence interval below zero)'));
    assert.equal(belowOf(secondaryFloor(2018, { eligiblePupils: 150, attainment: null, progress8: -0.42, progress8Band: 4 })), false);
    // A score below −0.5 in band 3 (a small school whose interval crosses zero) is above the floor.
    assert.equal(belowOf(secondaryFloor(2018, { eligiblePupils: 20, attainment: null, progress8: -0.62, progress8Band: 3 })), false);
  });

  it('without the interval or the band a score below −0.5 is undecided, not below, and says why', () => {
    const result = secondaryFloor(2016, { eligiblePupils: 150, attainment: null, progress8: -0.8 });
    assert.equal(result.applies && result.below, null);
    assert.ok(result.applies && result.below === null && result.failed?.[0] === 'Progress 8 \u22120.8 (below \u22120.5)');
    assert.equal(belowOf(secondaryFloor(2016, { eligiblePupils: 150, attainment: null, progress8: -0.3 })), false);
  });
});

describe('a primary floor that cannot be decided says so', () => {
  it('2016+: under 65% with no progress score held is undecided, not above the floor', () => {
    const result = primaryFloor(2017, { eligiblePupils: 40, attainment: 48, progress: { reading: null, writing: null, maths: null } });
    assert.equal(result.applies && result.below, null);
  });
  it('2011: under 60% with one subject’s expected progress missing and the other below the median is undecided', () => {
    const result = primaryFloor(2011, { eligiblePupils: 40, attainment: 50, expectedProgress: { english: 70, maths: null } });
    assert.equal(result.applies && result.below, null);
    assert.equal(belowOf(primaryFloor(2011, { eligiblePupils: 40, attainment: 50, expectedProgress: { english: 90, maths: null } })), false);
  });
});
