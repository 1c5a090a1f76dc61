import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { floorFiguresOf, floorRuleYear, floorYear, primaryFloor } from './floor-standards.ts';

describe('the floor a year is judged by (domain.md §2)', () => {
  it('judges 2010/11 to 2017/18 by their own summer’s floor, in force', () => {
    // Floors applied to the 2011 to 2018 results (domain.md §2: withdrawn after the 2018 results).
    assert.deepEqual(['201011', '201415', '201718'].map(floorRuleYear), [2011, 2015, 2018]);
    assert.deepEqual(['201011', '201718'].map(floorYear), [2011, 2018]);
  });

  it('judges a later year by the 2018 rule and an earlier one by the 2011 rule, neither in force', () => {
    assert.deepEqual([floorRuleYear('201819'), floorRuleYear('202223'), floorRuleYear('200910')], [2018, 2018, 2011]);
    assert.deepEqual([floorYear('201819'), floorYear('200910')], [null, null]);
  });
});

describe("a school's floor figures from the rows held", () => {
  const row = (indicatorCode: string, value: number | null, decimalPlaces: number | null = null, denominator: number | null = null) => ({
    indicatorCode,
    value,
    denominator,
    decimalPlaces,
  });
  const noDecimals = () => null;

  it('reads the expected standard as the primary headline, with its pupils as the eligible pupils (2016+, domain.md §2.1)', () => {
    const figures = floorFiguresOf(
      'primary',
      [
        row('ks2-level4-rwm', 70, 0, 31),
        row('ks2-expected-rwm', 61, 0, 30),
        row('ks2-progress-reading', -6),
        row('ks2-progress-maths', -4.9),
        row('ks2-progress-reading-upper', -3.8),
        row('ks2-progress-maths-band', 4),
      ],
      noDecimals,
    );
    assert.deepEqual(figures, {
      eligiblePupils: 30,
      attainment: 61,
      progress: { reading: -6, writing: null, maths: -4.9 },
      progressUpper: { reading: -3.8, writing: null, maths: null },
      progressBand: { reading: null, writing: null, maths: 4 },
      expectedProgress: { english: null, reading: null, writing: null, maths: null },
    });
  });

  it('reads a progress score’s upper confidence limit only where it has the score’s basis (never a computed bound beside a published score)', () => {
    const rows = [
      { indicatorCode: 'ks2-expected-rwm', value: 60, denominator: 30, decimalPlaces: 0, basis: 'published' },
      { indicatorCode: 'ks2-progress-reading', value: -3, denominator: null, decimalPlaces: 1, basis: 'published' },
      { indicatorCode: 'ks2-progress-reading-upper', value: -0.4, denominator: 29, decimalPlaces: null, basis: 'computed' },
      { indicatorCode: 'ks2-progress-maths', value: -3.1, denominator: 29, decimalPlaces: null, basis: 'computed' },
      { indicatorCode: 'ks2-progress-maths-upper', value: -0.5, denominator: 29, decimalPlaces: null, basis: 'computed' },
    ];
    const figures = floorFiguresOf('primary', rows, () => 1);
    assert.deepEqual(figures.progressUpper, { reading: null, writing: null, maths: -0.5 });
  });

  it('reads expected progress in reading, writing and maths for a primary of 2013-2015 (domain.md §2.1: the floor of 2014 and 2015)', () => {
    const figures = floorFiguresOf(
      'primary',
      [
        row('ks2-level4-rwm', 62, 0, 28),
        row('ks2-expected-progress-reading', 92.6),
        row('ks2-expected-progress-writing', 95.5),
        row('ks2-expected-progress-maths', 93),
      ],
      () => 0,
    );
    // Computed figures are rounded half up to the whole per cent they are published with: 92.6 to 93, 95.5 to 96.
    assert.deepEqual(figures.expectedProgress, { english: null, reading: 93, writing: 96, maths: 93 });
    assert.equal(figures.attainment, 62);
  });

  it('falls back to level 4+ in English and maths where nothing newer is held (to 2012)', () => {
    const figures = floorFiguresOf('primary', [row('ks2-level4-english-maths', 55, 0, 20), row('ks2-expected-progress-english', 80, 0)], noDecimals);
    assert.equal(figures.attainment, 55);
    assert.equal(figures.eligiblePupils, 20);
    assert.deepEqual(figures.expectedProgress, { english: 80, reading: null, writing: null, maths: null });
  });

  it('rounds a computed figure half up to the decimals it is published with before judging it (domain.md §9.2)', () => {
    // 64.5% computed from pupil records is published as 65% (whole per cent): at the 2016 threshold, not under it.
    assert.equal(floorFiguresOf('primary', [row('ks2-expected-rwm', 64.5, null, 40)], () => 0).attainment, 65);
    // A figure held with its own decimals keeps them: -5.04 published at two decimals stays below -5.
    assert.deepEqual(floorFiguresOf('primary', [row('ks2-progress-reading', -5.04, 2)], () => 0).progress?.reading, -5.04);
  });

  it('reads Progress 8 and its band for a secondary of 2016 on, with no 5+ A*-C figures', () => {
    const figures = floorFiguresOf('secondary', [row('ks4-progress8', -0.614, 2), row('ks4-progress8-band', 5, 0)], noDecimals);
    assert.deepEqual(figures, { eligiblePupils: null, attainment: null, expectedProgress: { english: null, maths: null }, progress8: -0.61, progress8Band: 5 });
  });

  it('reads 5+ A*-C with English and maths and expected progress for a secondary of 2012-2015', () => {
    // ks4_2013-14_school_and_la.csv, URN 118897: PTAC5EM_PTQ 29, PT24ENGPRG_PTQ 70, PT24MATHPRG_PTQ 39 (TPUP as the cohort).
    const rows = [{ ...row('ks4-5ac-em', 29, 0), denominator: 180 }, row('ks4-expected-progress-english', 70, 0), row('ks4-expected-progress-maths', 39, 0)];
    assert.deepEqual(floorFiguresOf('secondary', rows, noDecimals), {
      eligiblePupils: 180,
      attainment: 29,
      expectedProgress: { english: 70, maths: 39 },
      progress8: null,
      progress8Band: null,
    });
  });

  it('decides a primary school meeting the attainment condition above the floor even where the progress conditions cannot be checked; one failing it is undecided; one without attainment is not judged', () => {
    // 2012: 60% at level 4+ in English and maths; the 2012 medians are not held (primaryMedians). The rule is all of
    // attainment and both progress conditions, so 75% is above whatever its progress; 55% cannot be decided.
    assert.deepEqual(primaryFloor(2012, { eligiblePupils: 30, attainment: 75, expectedProgress: { english: 80, maths: 80 } }), {
      applies: true,
      below: false,
      rule: '2012: below 60% at level 4+ in English and maths and below the national median of expected progress in english, maths',
      failed: [],
      met: ['75% at level 4+ in English and maths (60% or more)'],
    });
    const open = primaryFloor(2012, { eligiblePupils: 30, attainment: 55, expectedProgress: { english: 80, maths: 80 } });
    assert.ok(open.applies && open.below === null);
    assert.deepEqual(primaryFloor(2013, { eligiblePupils: 30, attainment: null }), { applies: false, reason: 'attainment not published for this school' });
    // 2016 without progress scores: 70% at the expected standard is above; 60% cannot be decided.
    const above = primaryFloor(2016, { eligiblePupils: 30, attainment: 70 });
    assert.ok(above.applies && above.below === false);
    const undecided2016 = primaryFloor(2016, { eligiblePupils: 30, attainment: 60 });
    assert.ok(undecided2016.applies && undecided2016.below === null);
  });
});
