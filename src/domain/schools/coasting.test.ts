import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coasting, primaryCoastingLevel, secondaryCoastingLevel } from './coasting.ts';
import type { FloorFigures } from './floor-standards.ts';

// The coasting definition of 2016-2018 (domain.md §2.3; SI 2017/9 regulation 4; Schools Week, "Coasting school
// definition: the nerdy details", 2015). Each expected decision is worked by hand from the figures in the case.

const secondary = (attainment: number | null, english: number | null, maths: number | null): FloorFigures => ({
  eligiblePupils: 150,
  attainment,
  expectedProgress: { english, maths },
});
const progress8 = (score: number, upper: number | null, band: number | null = null): FloorFigures => ({
  eligiblePupils: 150,
  attainment: null,
  progress8: score,
  progress8Upper: upper,
  progress8Band: band,
});
const levels = (attainment: number, reading: number, writing: number, maths: number): FloorFigures => ({
  eligiblePupils: 30,
  attainment,
  expectedProgress: { reading, writing, maths },
});
const scores = (
  attainment: number,
  progress: Readonly<{ reading: number | null; writing: number | null; maths: number | null }>,
  upper: Readonly<{ reading: number | null; writing: number | null; maths: number | null }>,
): FloorFigures => ({ eligiblePupils: 30, attainment, progress, progressUpper: upper });
const years = (byYear: Readonly<Record<number, FloorFigures>>) => (summer: number) => byYear[summer];

describe('the coasting level of a year (domain.md §2.3)', () => {
  it('secondary 2014 and 2015: under 60% 5+ A*-C with English and maths and below both medians (2014: 74% and 66%)', () => {
    const below = secondaryCoastingLevel(2014, secondary(55, 70, 60));
    assert.ok(below.applies && below.below === true);
    // 60% is not under 60%: clear whatever its progress.
    const clear = secondaryCoastingLevel(2014, secondary(60, 50, 50));
    assert.ok(clear.applies && clear.below === false);
    // 2015's medians are not held: a school under 60% cannot be decided.
    const open = secondaryCoastingLevel(2015, secondary(52, 60, 55));
    assert.ok(open.applies && open.below === null);
  });

  it('secondary 2016 on: Progress 8 below −0.25 with the interval below zero, from its upper bound or its band', () => {
    const below = secondaryCoastingLevel(2016, progress8(-0.31, -0.02));
    assert.ok(below.applies && below.below === true);
    // Below −0.25 but the interval crosses zero (+0.03): not below the level.
    const crossing = secondaryCoastingLevel(2017, progress8(-0.28, 0.03));
    assert.ok(crossing.applies && crossing.below === false);
    // Band 4 (below average) means the interval is below zero.
    const banded = secondaryCoastingLevel(2018, progress8(-0.3, null, 4));
    assert.ok(banded.applies && banded.below === true);
    // −0.25 itself is not below −0.25.
    const at = secondaryCoastingLevel(2016, progress8(-0.25, -0.01));
    assert.ok(at.applies && at.below === false);
  });

  it('primary 2014 and 2015: under 85% level 4+ RWM and below the medians in reading, writing and maths (2015: 94, 97, 93)', () => {
    const below = primaryCoastingLevel(2015, levels(80, 90, 95, 92));
    assert.ok(below.applies && below.below === true);
    // Writing at its median (97): not below in every subject.
    const atMedian = primaryCoastingLevel(2015, levels(80, 90, 97, 92));
    assert.ok(atMedian.applies && atMedian.below === false);
    const high = primaryCoastingLevel(2014, levels(85, 50, 50, 50));
    assert.ok(high.applies && high.below === false);
  });

  it('primary 2016 on: under 85% and a score below −2.5 reading, −3.5 writing or −2.5 maths whose interval is below zero', () => {
    const none = { reading: null, writing: null, maths: null };
    // Reading −3 with its upper limit −0.5: below the level.
    const below = primaryCoastingLevel(2016, scores(60, { reading: -3, writing: 0, maths: 0 }, { reading: -0.5, writing: 2, maths: 2 }));
    assert.ok(below.applies && below.below === true);
    // Writing −3.4 is not below −3.5; reading −3 with its interval crossing zero (+0.2) does not count.
    const clear = primaryCoastingLevel(2016, scores(60, { reading: -3, writing: -3.4, maths: 0 }, { reading: 0.2, writing: -0.1, maths: 2 }));
    assert.ok(clear.applies && clear.below === false);
    // Maths −2.6 below −2.5, but no interval held: cannot be decided, and the reason says why.
    const open = primaryCoastingLevel(2017, scores(70, { reading: 1, writing: 1, maths: -2.6 }, none));
    assert.ok(open.applies && open.below === null);
    assert.match(open.applies && open.below === null ? open.reason : '', /maths progress −2.6 is below −2.5, but its confidence interval is not held/);
    // Where no bound is held, the 2018 band says it: 4 and 5 mean the interval is below zero, 3 that it is not.
    const banded = (band: number) =>
      primaryCoastingLevel(2018, { ...scores(60, { reading: 0, writing: 0, maths: -3 }, none), progressBand: { reading: 3, writing: 3, maths: band } });
    assert.deepEqual(
      [3, 4, 5].map((band) => {
        const level = banded(band);
        return level.applies ? level.below : 'not judged';
      }),
      [false, true, true],
    );
    // A score not published cannot fail (as for the floor); with none published at all, nothing can be decided.
    const unpublished = primaryCoastingLevel(2016, scores(70, { reading: null, writing: 0, maths: 1 }, { reading: null, writing: 2, maths: 3 }));
    assert.ok(unpublished.applies && unpublished.below === false);
    const nothing = primaryCoastingLevel(2016, scores(70, none, none));
    assert.ok(nothing.applies && nothing.below === null);
    // 85% at the expected standard: clear whatever the progress.
    const high = primaryCoastingLevel(2016, scores(85, { reading: -9, writing: -9, maths: -9 }, none));
    assert.ok(high.applies && high.below === false);
    // Fewer than 11 pupils: not judged.
    assert.equal(primaryCoastingLevel(2016, { ...scores(10, { reading: -9, writing: -9, maths: -9 }, none), eligiblePupils: 10 }).applies, false);
  });
});

describe('a coasting school: below the coasting level in each of three years (domain.md §2.3)', () => {
  it('the worked example: 2015 below, 2016 below (−0.31, upper −0.02), 2017 −0.28 with upper +0.03: not coasting in 2017', () => {
    const result = coasting('secondary', 2017, years({ 2015: secondary(52, 60, 55), 2016: progress8(-0.31, -0.02), 2017: progress8(-0.28, 0.03) }));
    assert.ok(result.applies);
    assert.equal(result.coasting, false);
    assert.match(result.reason, /not below the coasting level in 2017/);
  });

  it('coasting when every year is below: primary 2016 from 2014 and 2015 levels and 2016 scores', () => {
    const result = coasting(
      'primary',
      2016,
      years({
        2014: levels(80, 90, 92, 88), // under 85%, below 94, 96 and 93
        2015: levels(82, 90, 95, 90), // under 85%, below 94, 97 and 93
        2016: scores(60, { reading: -3, writing: 0, maths: 0 }, { reading: -0.5, writing: 2, maths: 2 }),
      }),
    );
    assert.ok(result.applies && result.coasting === true, result.applies ? result.reason : result.reason);
    assert.deepEqual(
      result.years.map((y) => y.summer),
      [2014, 2015, 2016],
    );
  });

  it('one year clear decides "not coasting" even where another cannot be decided; otherwise an open year leaves it undecided', () => {
    const clearOne = coasting('secondary', 2016, years({ 2014: secondary(61, 50, 50), 2015: secondary(52, 60, 55), 2016: progress8(-0.4, -0.1) }));
    assert.ok(clearOne.applies && clearOne.coasting === false);
    const open = coasting('secondary', 2016, years({ 2014: secondary(55, 70, 60), 2015: secondary(52, 60, 55), 2016: progress8(-0.4, -0.1) }));
    assert.ok(open.applies && open.coasting === null);
    assert.match(open.reason, /^not every year can be decided \(2015: expected progress/);
    const missing = coasting('secondary', 2016, years({ 2015: secondary(52, 60, 55), 2016: progress8(-0.4, -0.1) }));
    assert.ok(missing.applies && missing.coasting === null);
    assert.match(missing.reason, /2014: no results held for 2014/);
  });

  it('judges 2016, 2017 and 2018 only, and not a school the level does not apply to in the year judged', () => {
    const all = years({ 2016: progress8(-0.4, -0.1), 2017: progress8(-0.4, -0.1), 2018: progress8(-0.4, -0.1), 2019: progress8(-0.4, -0.1) });
    assert.deepEqual(
      [2015, 2016, 2018, 2019].map((summer) => coasting('secondary', summer, all).applies),
      [false, true, true, false],
    );
    assert.equal((coasting('secondary', 2018, all) as { coasting: boolean | null }).coasting, true);
    const unpublished = coasting('secondary', 2017, years({ 2017: { eligiblePupils: 20, attainment: null, progress8: null } }));
    assert.equal(unpublished.applies, false);
  });
});
