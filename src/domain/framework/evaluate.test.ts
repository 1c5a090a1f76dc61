import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Target, TargetRule } from './framework.ts';
import { bestRanks, changedValue, combine, endGoalIn, evaluateTarget, trajectoryAt, trendTo, type TargetData, type YearFigure } from './evaluate.ts';
import { recordFromFramework } from './delivery.ts';

const target = (rules: TargetRule[], baseline: Target['baseline'] = { year: 2012, value: 78 }): Target => ({
  id: 'test',
  number: 5,
  priority: 'p1',
  title: 'KS2 level 4+ in English and maths',
  wording: 'at least 87%',
  indicator: 'ks2-level4-english-maths',
  measures: [{ indicator: 'ks2-level4-english-maths', from: null, to: null }],
  breakdown: 'all',
  gap: null,
  levels: ['county'],
  baseline,
  rules,
  rationale: null,
  done: null,
});
const series = (entries: Record<number, number | null | 'c'>): Map<number, YearFigure> =>
  new Map(Object.entries(entries).map(([y, v]) => [Number(y), v === 'c' ? { value: null, symbol: 'c' } : { value: v, symbol: v === null ? 'x' : null }]));
const higher = (values: Record<number, number | null | 'c'>, extra: Partial<TargetData> = {}): TargetData => ({
  polarity: 'higher_is_better',
  unit: 'percent',
  decimalPlaces: 0,
  values: series(values),
  ...extra,
});
const lower = (values: Record<number, number | null | 'c'>, extra: Partial<TargetData> = {}): TargetData => ({
  polarity: 'lower_is_better',
  unit: 'percent',
  decimalPlaces: 1,
  values: series(values),
  ...extra,
});

describe('at_least and at_most, with the trajectory from the baseline', () => {
  const atLeast87 = target([{ kind: 'at_least', value: 87, by: 2016 }]);

  it('is on track when at or above the straight line from the 2012 baseline (78) to 87 in 2016', () => {
    // Trajectory in 2014: 78 + (87 − 78) × 2/4 = 82.5. 83 is above it.
    const e = evaluateTarget(atLeast87, higher({ 2012: 78, 2013: 80, 2014: 83 }), 2014);
    assert.equal(e.trajectory, 82.5);
    assert.equal(e.status, 'on_track');
    assert.match(e.reason, /83% against the 2016 target of at least 87%: 4\.0 points short; at or better than the trajectory \(83% by 2014\)/);
  });

  it('is off track when behind the line, and says by how much against the target', () => {
    const e = evaluateTarget(atLeast87, higher({ 2012: 78, 2014: 80 }), 2014);
    assert.equal(e.status, 'off_track');
    assert.match(e.reason, /80% against the 2016 target of at least 87%: 7\.0 points short; behind the trajectory/);
    // The figure as the reason writes it, for the pages: rounded once, with its unit.
    assert.equal(e.shown, '80%');
    assert.equal(evaluateTarget(atLeast87, higher({ 2012: 78, 2014: 80.25 }, { decimalPlaces: 1 }), 2014).shown, '80.3%');
    assert.equal(evaluateTarget(atLeast87, higher({ 2012: 78 }), 2014).shown, null);
  });

  it('is met early when reached before the deadline, and off track when missed at it', () => {
    assert.equal(evaluateTarget(atLeast87, higher({ 2015: 88 }), 2015).status, 'met');
    assert.match(evaluateTarget(atLeast87, higher({ 2015: 88 }), 2015).reason, /met early/);
    assert.equal(evaluateTarget(atLeast87, higher({ 2016: 86 }), 2016).status, 'off_track');
  });

  it('a target met early then lost is no longer met, and the reason says so', () => {
    // 88 in 2014 meets 87; 84 in 2015 does not. Trajectory 2015: 78 + 9 × 3/4 = 84.75, so 84 is behind it.
    const e = evaluateTarget(atLeast87, higher({ 2012: 78, 2014: 88, 2015: 84 }), 2015);
    assert.equal(e.status, 'off_track');
    assert.match(e.reason, /Met in 2014, not held in 2015/);
  });

  it('reads at_most for a lower-is-better measure (permanent exclusions fewer than 40)', () => {
    const fewer = target([{ kind: 'at_most', value: 39, by: 2016 }], { year: 2012, value: 192 });
    const data: TargetData = { polarity: 'lower_is_better', unit: 'count', decimalPlaces: 0, values: series({ 2013: 123 }) };
    // Trajectory 2013: 192 + (39 − 192)/4 = 153.75; 123 is better (lower).
    const e = evaluateTarget(fewer, data, 2013);
    assert.equal(e.status, 'on_track');
    assert.match(e.reason, /123 against the 2016 target of at most 39: 84 short/);
  });
});

describe('milestones', () => {
  // Persistent absence, primary: 3.5% in 2012 → 2% by 2014 → 1.5% by 2016 (seed target 21).
  const pa = target(
    [
      {
        kind: 'milestones',
        points: [
          { year: 2014, value: 2 },
          { year: 2016, value: 1.5 },
        ],
      },
    ],
    { year: 2012, value: 3.5 },
  );

  it('judges a milestone year against its milestone, lower being better', () => {
    const reached = evaluateTarget(pa, lower({ 2014: 1.9 }), 2014);
    assert.equal(reached.status, 'on_track');
    assert.match(reached.reason, /1\.9% against a 2014 milestone of 2\.0%: milestone reached/);
    const missed = evaluateTarget(pa, lower({ 2014: 2.4 }), 2014);
    assert.equal(missed.status, 'off_track');
    assert.match(missed.reason, /0\.4 points short/);
  });

  it('draws the trajectory through the milestones', () => {
    // 2013: halfway from 3.5 (2012) to 2.0 (2014) = 2.75; 2015: halfway from 2.0 to 1.5 = 1.75.
    assert.equal(trajectoryAt(pa, { year: 2016, value: 1.5 }, 2013), 2.75);
    assert.equal(trajectoryAt(pa, { year: 2016, value: 1.5 }, 2015), 1.75);
    assert.equal(evaluateTarget(pa, lower({ 2013: 2.7 }), 2013).status, 'on_track');
    assert.equal(evaluateTarget(pa, lower({ 2013: 2.8 }), 2013).status, 'off_track');
  });

  it('is met when the last milestone is reached', () => {
    assert.equal(evaluateTarget(pa, lower({ 2016: 1.5 }), 2016).status, 'met');
  });
});

describe('change from baseline', () => {
  it('moves the baseline in the direction of improvement: +8 points for EYFS, −15% for placements', () => {
    assert.equal(changedValue(72, 8, 'points', 'higher_is_better', 0), 80);
    assert.equal(changedValue(600, 15, 'percent', 'lower_is_better', 0), 510);
    const eyfs = target([{ kind: 'change_from_baseline', change: 8, unit: 'points', by: 2016 }], { year: 2012, value: 72 });
    assert.equal(evaluateTarget(eyfs, higher({ 2016: 80 }), 2016).status, 'met');
    const e = evaluateTarget(eyfs, higher({ 2016: 79 }), 2016);
    assert.equal(e.status, 'off_track');
    assert.match(e.reason, /79% against the 2016 target of 80% \(8 points on the 2012 baseline of 72%\): 1\.0 points short/);
  });

  it('cannot be judged without a baseline', () => {
    const none = target([{ kind: 'change_from_baseline', change: 10, unit: 'percent', by: 2016 }], null);
    assert.equal(evaluateTarget(none, higher({ 2014: 50 }), 2014).status, 'no_data');
  });
});

describe('comparators and neighbours', () => {
  const aboveEngland = target([{ kind: 'vs_comparator', comparator: 'england' }]);

  it('is met only when strictly better than England, by polarity', () => {
    const england = new Map([[2014, 79]]);
    assert.equal(evaluateTarget(aboveEngland, higher({ 2014: 80 }, { comparators: { england } }), 2014).status, 'met');
    const level = evaluateTarget(aboveEngland, higher({ 2014: 79 }, { comparators: { england } }), 2014);
    assert.equal(level.status, 'off_track');
    assert.match(level.reason, /79%, level with England \(79%\)/);
    // A gap below the national gap: lower is better.
    assert.equal(evaluateTarget(aboveEngland, lower({ 2014: 20 }, { comparators: { england: new Map([[2014, 25.8]]) } }), 2014).status, 'met');
  });

  it('has no data without the comparator', () => {
    assert.equal(evaluateTarget(aboveEngland, higher({ 2014: 80 }), 2014).status, 'no_data');
  });

  it('writes a negative figure in its reason with the true minus sign (U+2212), as the pages write figures', () => {
    // Progress 8 (indicators/key-stage-4-and-post-16.yaml: average_score, 2 decimals) in 2015/16, LAIT AVG_Prog8_Score:
    // Kent −0.04, England −0.03 (the values tests/import-order.test.ts and tests/lait-import.test.ts read from the file).
    const data: TargetData = { polarity: 'higher_is_better', unit: 'average_score', decimalPlaces: 2, values: series({ 2016: -0.04 }) };
    const e = evaluateTarget(aboveEngland, { ...data, comparators: { england: new Map([[2016, -0.03]]) } }, 2016);
    assert.equal(e.shown, '\u22120.04');
    assert.match(e.reason, /^\u22120\.04, worse than England \(\u22120\.03\)/);
    assert.doesNotMatch(e.reason, /-\d/);
  });

  it('reads "amongst the best of neighbours" as configured and always gives the rank', () => {
    assert.deepEqual([bestRanks('first', 11), bestRanks('top_quartile', 11), bestRanks('top_half', 11)], [1, 3, 5]);
    const best = target([{ kind: 'rank_among_neighbours', reading: 'top_quartile', by: 2016 }]);
    const ranks = new Map([
      [2013, { rank: 8, of: 11 }],
      [2014, { rank: 6, of: 11 }],
      [2016, { rank: 3, of: 11 }],
    ]);
    const improving = evaluateTarget(best, higher({ 2014: 80 }, { neighbourRank: ranks }), 2014);
    assert.equal(improving.status, 'on_track');
    assert.match(improving.reason, /6th of 11 neighbours, not yet in their top quartile \(rank 3 or better of 11\) \(8th in 2013\)/);
    assert.match(improving.reason, /6th of 11 neighbours, 2nd quartile/);
    assert.equal(evaluateTarget(best, higher({ 2016: 86 }, { neighbourRank: ranks }), 2016).status, 'met');
  });
});

describe('year on year, zero and every, band, delivery milestones', () => {
  it('year on year: better than the year before, not due in its first year', () => {
    const yoy = target([{ kind: 'year_on_year', from: 2012 }]);
    assert.equal(evaluateTarget(yoy, higher({ 2012: 13.1 }), 2012).status, 'not_yet_due');
    assert.equal(evaluateTarget(yoy, higher({ 2012: 13.1, 2013: 14 }), 2013).status, 'met');
    assert.equal(evaluateTarget(yoy, lower({ 2012: 19, 2013: 20 }), 2013).status, 'off_track');
    assert.equal(evaluateTarget(yoy, higher({ 2013: 14 }), 2013).status, 'no_data');
  });

  it('zero: none in a category of concern by 2015 (on track while falling), every: all special schools good', () => {
    const none = target([{ kind: 'zero', by: 2015 }], { year: 2012, value: 19 });
    const data = (values: Record<number, number>): TargetData => ({ polarity: 'lower_is_better', unit: 'count', decimalPlaces: 0, values: series(values) });
    // Trajectory 2013: 19 − 19/3 = 12.67; 10 is better.
    assert.equal(evaluateTarget(none, data({ 2013: 10 }), 2013).status, 'on_track');
    assert.equal(evaluateTarget(none, data({ 2015: 0 }), 2015).status, 'met');
    assert.equal(evaluateTarget(none, data({ 2016: 1 }), 2016).status, 'off_track');
    const all = target([{ kind: 'every', by: 2016 }], { year: 2012, value: 80 });
    assert.equal(evaluateTarget(all, higher({ 2016: 100 }), 2016).status, 'met');
    assert.equal(evaluateTarget(all, higher({ 2016: 96 }), 2016).status, 'off_track');
  });

  it('every: judged before rounding, so 199 of 200 (99.5%, shown as 100%) is not all, and 200 of 200 is', () => {
    const all = target([{ kind: 'every', by: 2016 }], null);
    const at = (value: number, unrounded: number): TargetData => ({
      polarity: 'higher_is_better',
      unit: 'percent',
      decimalPlaces: 0,
      values: new Map([[2016, { value, symbol: null, unrounded }]]),
    });
    const short = evaluateTarget(all, at(100, (100 * 199) / 200), 2016);
    assert.equal(short.status, 'off_track');
    assert.match(short.reason, /100% is rounded up from 99\.5%, short of the 2016 target of all/);
    // 2,999 of 3,000 is 99.9667%: written with the decimals that keep it short of 100.
    assert.match(evaluateTarget(all, at(100, (100 * 2999) / 3000), 2016).reason, /rounded up from 99\.97%/);
    assert.equal(evaluateTarget(all, at(100, 100), 2016).status, 'met');
    // A figure held without its unrounded value (a published whole percentage) is judged as shown.
    assert.equal(evaluateTarget(all, higher({ 2016: 100 }), 2016).status, 'met');
  });

  it('band: surplus places between 5% and 7%', () => {
    const band = target([{ kind: 'band', min: 5, max: 7, by: 2016 }], null);
    assert.equal(evaluateTarget(band, lower({ 2014: 6.2 }), 2014).status, 'met');
    const closing = evaluateTarget(band, lower({ 2013: 9.8, 2014: 8.1 }), 2014);
    assert.equal(closing.status, 'on_track');
    assert.match(closing.reason, /8\.1%, above the band 5\.0% to 7\.0%, moving towards it/);
    assert.equal(evaluateTarget(band, lower({ 2016: 4.2 }), 2016).status, 'off_track');
  });

  it('milestone_done: not yet due, done with evidence, or overdue', () => {
    const pathfinder = target([{ kind: 'milestone_done', due: 2014 }], null);
    const none: TargetData = { polarity: 'none', unit: 'count', decimalPlaces: 0, values: new Map() };
    assert.equal(evaluateTarget(pathfinder, none, 2013).status, 'not_yet_due');
    assert.equal(evaluateTarget(pathfinder, none, 2014).status, 'off_track');
    const file = recordFromFramework({ done: { on: '2014-07-31', evidence: 'EHC plans ready for September 2014' } })!;
    const done = evaluateTarget(pathfinder, { ...none, delivery: [file] }, 2014);
    assert.equal(done.status, 'met');
    assert.match(done.reason, /Done on 2014-07-31: EHC plans ready/);
  });

  it('milestone_done counts a milestone done in October 2014 for 2014/15, the framework’s 2015, not for 2014 (issue 13.2)', () => {
    const pathfinder = target([{ kind: 'milestone_done', due: 2014 }], null);
    const none: TargetData = { polarity: 'none', unit: 'count', decimalPlaces: 0, values: new Map() };
    const october = { ...none, delivery: [recordFromFramework({ done: { on: '2014-10-15', evidence: 'EHC plans issued from October 2014' } })!] };
    assert.equal(evaluateTarget(pathfinder, october, 2014).status, 'off_track');
    assert.equal(evaluateTarget(pathfinder, october, 2015).status, 'met');
  });
});

describe('missing and suppressed figures, several rules, trends', () => {
  const atLeast87 = target([{ kind: 'at_least', value: 87, by: 2016 }]);

  it('has no data for a missing figure and says when it was suppressed', () => {
    assert.equal(evaluateTarget(atLeast87, higher({}), 2014).status, 'no_data');
    const c = evaluateTarget(atLeast87, higher({ 2014: 'c' }), 2014);
    assert.equal(c.status, 'no_data');
    assert.match(c.reason, /Suppressed \(c\) for 2014/);
  });

  it('needs every rule to hold: a failing rule decides over a met one', () => {
    const both = target([
      { kind: 'at_least', value: 87, by: 2016 },
      { kind: 'vs_comparator', comparator: 'england' },
    ]);
    const e = evaluateTarget(both, higher({ 2016: 88 }, { comparators: { england: new Map([[2016, 89]]) } }), 2016);
    assert.equal(e.status, 'off_track');
    assert.deepEqual(
      e.rules.map((r) => r.status),
      ['met', 'off_track'],
    );
    assert.deepEqual([combine(['met', 'not_yet_due']), combine([])], ['on_track', 'no_data']);
  });

  it('judges a target on the rules that can be judged and names the ones that cannot (issue 11 point 10)', () => {
    // Kent's 2017-2020 KS2 target in 2019 on LAIT: 68% after 67% (improved), above England's 65%, no neighbour rank held.
    const ks2 = target([
      { kind: 'year_on_year', from: 2016 },
      { kind: 'vs_comparator', comparator: 'england' },
      { kind: 'rank_among_neighbours', reading: 'top_quartile', by: 2020 },
    ]);
    const e = evaluateTarget(ks2, higher({ 2018: 67, 2019: 68 }, { comparators: { england: new Map([[2019, 65]]) } }), 2019);
    assert.equal(e.status, 'met');
    assert.match(e.reason, /Not judged: no neighbour ranking for 2019/);
    // A failing rule still decides, a missing one beside progress leaves progress, nothing judged is no data.
    assert.deepEqual(
      [combine(['no_data', 'on_track']), combine(['no_data', 'off_track']), combine(['no_data', 'not_yet_due']), combine(['no_data', 'no_data'])],
      ['on_track', 'off_track', 'no_data', 'no_data'],
    );
    // The figure itself missing leaves every figure rule unjudged: still no data.
    assert.equal(evaluateTarget(ks2, higher({ 2018: 67 }, { comparators: { england: new Map([[2019, 65]]) } }), 2019).status, 'no_data');
  });

  it('compares no figure across a break in the measure: year on year and the trend start again (issue 11 point 11)', () => {
    // indicators/attendance-and-exclusions.yaml: persistent absence moves to the 10% threshold in 2015/16 (framework
    // year 2016), so 2016's 9.1% is not "worse than" 2015's 3.0% on the 15% threshold.
    const yoy = target([{ kind: 'year_on_year', from: 2013 }]);
    const newMeasureFrom = new Map([[2016, 'new measure from 2015/16 (pupil-level 10% threshold)']]);
    const e = evaluateTarget(yoy, lower({ 2014: 3.2, 2015: 3.0, 2016: 9.1 }, { newMeasureFrom }), 2016);
    assert.equal(e.status, 'no_data');
    assert.match(e.reason, /New measure from 2015\/16 \(pupil-level 10% threshold\): not compared with 2015/);
    assert.doesNotMatch(e.reason, /against 3\.0%/);
    // The year after compares within the new measure again.
    assert.equal(evaluateTarget(yoy, lower({ 2015: 3.0, 2016: 9.1, 2017: 8.9 }, { newMeasureFrom }), 2017).status, 'met');
    // The trend reads only the new measure's years: 9.1 and 8.9 (0.2 down a year) give 8.5 by 2019, not a line from 3.0.
    const atMost = target([{ kind: 'at_most', value: 5, by: 2019 }], null);
    assert.deepEqual(evaluateTarget(atMost, lower({ 2015: 3.0, 2016: 9.1, 2017: 8.9 }, { newMeasureFrom }), 2017).trend, { year: 2019, value: 8.5 });
  });

  it('projects the last three years to the deadline', () => {
    // 80, 82, 84 in 2012-2014: two points a year, 88 by 2016.
    assert.deepEqual(trendTo(series({ 2012: 80, 2013: 82, 2014: 84 }), 2014, 2016, 0), { year: 2016, value: 88 });
    assert.equal(trendTo(series({ 2014: 84 }), 2014, 2016, 0), null);
    // 78, 82, 84: mean 81.33 at 2013, slope 3 a year, so 81.33 + 3 × 3 = 90.33 by 2016.
    assert.match(evaluateTarget(atLeast87, higher({ 2012: 78, 2013: 82, 2014: 84 }), 2014).reason, /On the recent trend 90% by 2016\.$/);
  });
});

describe('a year measured by a relative-only successor (the expected standard after level 4)', () => {
  // Kent's target 5 (frameworks/kent-2013-2016.yaml): at least 87% at level 4, above England, in the neighbours' top
  // quartile, by 2016. In 2016 the measure is the expected standard, on which 87% means nothing.
  const target5 = target([
    { kind: 'at_least', value: 87, by: 2016 },
    { kind: 'vs_comparator', comparator: 'england' },
    { kind: 'rank_among_neighbours', reading: 'top_quartile', by: 2016 },
  ]);
  const expectedStandard = 'KS2 pupils at the expected standard in reading, writing and mathematics';
  const level4 = 'KS2 pupils at level 4 or above in reading, writing and mathematics';
  const relativeOnly = new Map([[2016, { measure: expectedStandard, replaces: { title: level4, unit: 'percent' as const, decimalPlaces: 0 } }]]);
  const newMeasureFrom = new Map([[2016, `new measure from 2016 (${expectedStandard} replaces ${level4})`]]);

  it('judges target 5 in 2016 on England and the neighbour rank only, and says the 87% cannot be read', () => {
    // LAIT 2016 (../shared/data/public/lait/bds_long_kent_sn_england.csv, KS2RWM_Expected_STD): Kent 59, England 54;
    // the 2012 neighbours 52, 56, 54, 49, 54, 53, 46, 57, 45, 48, so Kent is 1st of 11. 2015's 80% is level 4.
    const data = higher(
      { 2014: 79, 2015: 80, 2016: 59 },
      { comparators: { england: new Map([[2016, 54]]) }, neighbourRank: new Map([[2016, { rank: 1, of: 11 }]]), newMeasureFrom, relativeOnly },
    );
    const e = evaluateTarget(target5, data, 2016);
    assert.equal(e.status, 'met');
    assert.equal(e.value, 59);
    assert.deepEqual(
      e.rules.map((r) => [r.kind, r.status]),
      [
        ['at_least', 'not_comparable'],
        ['vs_comparator', 'met'],
        ['rank_among_neighbours', 'met'],
      ],
    );
    assert.match(e.reason, new RegExp(`^Judged on ${expectedStandard}, against others the same year only: 59%, better than England \\(54%\\); 1st of 11`));
    assert.match(e.reason, new RegExp(`Not comparable, being set on ${level4}: the 2016 target of at least 87%\\. England 54%; 1st of 11 neighbours`));
    assert.equal(e.rules[0]!.reason, `the 2016 target of at least 87% is set on ${level4}, not comparable with the 2016 measure`);
    assert.doesNotMatch(e.reason, /short|trajectory|Met in/);
    assert.deepEqual(e.relativeOnly, relativeOnly.get(2016));
    assert.equal(e.trajectory, null);
  });

  it('is off track when a relative rule fails, however far the old level is', () => {
    // The same target with Kent at 52% below England's 54% (a made-up year): the comparison decides.
    const data = higher(
      { 2016: 52 },
      { comparators: { england: new Map([[2016, 54]]) }, neighbourRank: new Map([[2016, { rank: 6, of: 11 }]]), newMeasureFrom, relativeOnly },
    );
    const e = evaluateTarget(target5, data, 2016);
    assert.equal(e.status, 'off_track');
    assert.match(e.reason, /52%, worse than England \(54%\); 6th of 11 neighbours, not yet in their top quartile/);
  });

  it('has no data where the relative rules have no comparators, naming both what is missing and what is not comparable', () => {
    const e = evaluateTarget(target5, higher({ 2016: 59 }, { newMeasureFrom, relativeOnly }), 2016);
    assert.equal(e.status, 'no_data');
    assert.match(
      e.reason,
      new RegExp(
        `^Not judged on ${expectedStandard}: no England figure for 2016; no neighbour ranking for 2016\\. Not comparable, being set on ${level4}: the 2016 target`,
      ),
    );
  });

  it('leaves an absolute-only target with no status, saying why (not "no figure")', () => {
    const atLeast = target([{ kind: 'at_least', value: 90, by: 2016 }]);
    const e = evaluateTarget(atLeast, higher({ 2016: 59 }, { newMeasureFrom, relativeOnly }), 2016);
    assert.equal(e.status, 'no_data');
    assert.equal(e.reason, `Not comparable, being set on ${level4}: the 2016 target of at least 90%.`);
  });

  it('computes no trend, trajectory or year-on-year change across the break, and reads no earlier rank into it', () => {
    const yoy = target([
      { kind: 'year_on_year', from: 2012 },
      {
        kind: 'milestones',
        points: [
          { year: 2014, value: 2 },
          { year: 2016, value: 1.5 },
        ],
      },
      { kind: 'rank_among_neighbours', reading: 'top_quartile', by: 2017 },
    ]);
    // 2014 and 2015 on the old measure (3.0, 2.8) would project and compare; 2016 (8.5) is on the new one. The rank
    // rises from 8th (2015) to 5th (2016), but across the break that is no progress towards the 2017 deadline.
    const data = lower(
      { 2014: 3.0, 2015: 2.8, 2016: 8.5 },
      {
        neighbourRank: new Map([
          [2015, { rank: 8, of: 11 }],
          [2016, { rank: 5, of: 11 }],
        ]),
        newMeasureFrom,
        relativeOnly: new Map([
          [
            2016,
            { measure: 'persistent absence (10% threshold)', replaces: { title: 'persistent absence (15%)', unit: 'percent' as const, decimalPlaces: 1 } },
          ],
        ]),
      },
    );
    const e = evaluateTarget({ ...yoy, baseline: { year: 2012, value: 3.5 } }, data, 2016);
    assert.deepEqual([e.trend, e.trajectory], [null, null]);
    assert.deepEqual(
      e.rules.map((r) => r.status),
      ['not_comparable', 'not_comparable', 'off_track'],
    );
    assert.match(e.reason, /Not comparable, being set on persistent absence \(15%\): improvement on 2015; the milestones of 2\.0% by 2014 and 1\.5% by 2016\./);
    assert.equal(
      e.rules[1]!.reason,
      'the milestones of 2.0% by 2014 and 1.5% by 2016 are set on persistent absence (15%), not comparable with the 2016 measure',
    );
    assert.doesNotMatch(e.reason, /8th in 2015|against 2\.8%|recent trend/);
  });

  it('leaves the end target out of a relative-only year: no schools are set against 87% on the expected standard', () => {
    const t = {
      ...target5,
      measures: [
        { indicator: 'ks2-level4-rwm', from: 2013, to: 2015 },
        { indicator: 'ks2-expected-rwm', from: 2016, to: null, relativeOnly: true },
      ],
    };
    assert.deepEqual(endGoalIn(t, 'higher_is_better', 2015), { year: 2016, value: 87 });
    assert.equal(endGoalIn(t, 'higher_is_better', 2016), null);
  });

  it('combines a not-comparable rule as one that cannot be judged', () => {
    assert.deepEqual(
      [combine(['not_comparable', 'met']), combine(['not_comparable', 'off_track']), combine(['not_comparable']), combine(['not_comparable', 'no_data'])],
      ['met', 'off_track', 'no_data', 'no_data'],
    );
  });
});
