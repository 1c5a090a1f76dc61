import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Indicator } from '../indicators/indicator.ts';
import { evaluateAtPlace, forGroup, measureIn, yearsOf, type PlaceEvaluationInput, type PlaceFigure } from './evaluate-at-place.ts';
import type { Framework, Target } from './framework.ts';

// Kent's 2013-2016 framework (frameworks/kent-2013-2016.yaml): targets by 2016, baselines of 2012, compared with England
// and the statistical neighbours as DfE's LA tool does (research/domain.md §11.2).
const indicator = (over: Partial<Indicator> = {}): Indicator => ({
  code: 'ks2-level4-english-maths',
  title: 'KS2 level 4+ in English and maths',
  unit: 'percent',
  decimalPlaces: 0,
  polarity: 'higher_is_better',
  periodType: 'academic',
  source: 'DfE',
  methodology: '',
  numerator: null,
  denominator: 'pupils at the end of KS2',
  periods: { from: null, to: null },
  successor: null,
  yearRule: null,
  breaks: [],
  feed: 'published',
  lait: null,
  framework: [],
  ...over,
});
const target = (over: Partial<Target> = {}): Target => ({
  id: 'ks2',
  number: 5,
  priority: 'p',
  title: 'KS2',
  wording: 'at least 87% by 2016',
  indicator: 'ks2-level4-english-maths',
  measures: [{ indicator: 'ks2-level4-english-maths', from: null, to: null }],
  breakdown: 'all',
  gap: null,
  levels: ['county'],
  baseline: { year: 2012, value: null },
  rules: [{ kind: 'at_least', value: 87, by: 2016 }],
  rationale: null,
  done: null,
  ...over,
});
const framework = (targets: Target[]): Pick<Framework, 'years' | 'targets'> => ({ years: { from: 2013, to: 2016 }, targets });
const kent = { id: 1, code: '886', kind: 'la', name: 'Kent' };
const [england, n1, n2, n3] = [
  { id: 2, code: 'E92000001' },
  { id: 3, code: '881' },
  { id: 4, code: '850' },
  { id: 5, code: '919' },
];
const fig = (placeId: number, value: number | null, denominator: number | null = null, judged: number | null = null): PlaceFigure => ({
  placeId,
  figure: { value, symbol: value === null ? 'x' : null },
  denominator,
  judged,
});
const input = (t: Target, figures: Record<number, PlaceFigure[]>, over: Partial<PlaceEvaluationInput> = {}): PlaceEvaluationInput => ({
  framework: framework([t]),
  target: t,
  year: 2014,
  place: kent,
  la: kent,
  england,
  region: undefined,
  members: [kent, n1, n2, n3],
  indicators: new Map([['ks2-level4-english-maths', indicator()]]),
  figures: new Map(Object.entries(figures).map(([y, f]) => [Number(y), f])),
  computable: new Set(),
  pupilCollections: new Map(),
  ...over,
});

describe('a target evaluated for a place', () => {
  it('reads an open baseline from the place’s own figure for the baseline year and draws the line from it', () => {
    // 78% in 2012 to 87% by 2016: a straight line rises 9 points over 4 years, 82.5 in 2014.
    const e = evaluateAtPlace(input(target(), { 2012: [fig(1, 78)], 2014: [fig(1, 83)] }));
    assert.equal(e.evaluation.value, 83);
    assert.equal(e.evaluation.trajectory, 82.5);
    assert.deepEqual(
      e.context.trajectory.map((p) => p.value),
      [78, 80.25, 82.5, 84.75, 87],
    );
    assert.deepEqual(
      e.context.series.map((p) => [p.year, p.value]),
      [
        [2012, 78],
        [2013, null],
        [2014, 83],
        [2015, null],
        [2016, null],
      ],
    );
  });

  it('ranks the LA among its neighbours with ties and gaps as LAIT does, and averages the neighbours without the LA (§11.2)', () => {
    // Kent 80, neighbours 85, 75 and none: one neighbour is better, so Kent is 2nd of the 3 with a figure; the average
    // of the other two is 80; England's 81 is shown beside it.
    const e = evaluateAtPlace(input(target(), { 2014: [fig(1, 80), fig(3, 85), fig(4, 75), fig(5, null), fig(2, 81)] }));
    assert.deepEqual(e.context.rank, { rank: 2, of: 3 });
    assert.equal(e.context.neighbourAverage, 80);
    assert.equal(e.context.england, 81);
  });

  it('gives no rank where only the LA has a figure: there is nothing to rank against', () => {
    const e = evaluateAtPlace(input(target(), { 2014: [fig(1, 80)] }));
    assert.equal(e.context.rank, null);
    assert.equal(e.context.neighbourAverage, null);
  });

  it('ranks a district against nothing: neighbours are LAs', () => {
    const swale = { id: 9, code: 'E07000113', kind: 'district', name: 'Swale' };
    const e = evaluateAtPlace(input(target({ levels: ['county', 'district'] }), { 2014: [fig(9, 70), fig(3, 85)] }, { place: swale }));
    assert.equal(e.evaluation.value, 70);
    assert.equal(e.context.rank, null);
  });

  it('shows no data for a place the target is not set for, saying why', () => {
    const swale = { id: 9, code: 'E07000113', kind: 'district', name: 'Swale' };
    const e = evaluateAtPlace(input(target({ levels: ['school'] }), { 2014: [fig(9, 70)] }, { place: swale }));
    assert.equal(e.evaluation.status, 'no_data');
    assert.equal(e.evaluation.reason, 'Set for school level, not for Swale.');
  });

  it('says what input is missing when no place holds any figure (issue 11 point 12)', () => {
    const e = evaluateAtPlace(input(target(), {}, { computable: new Set(['ks2-level4-english-maths']) }));
    assert.equal(e.evaluation.status, 'no_data');
    assert.match(e.evaluation.reason, /^No data yet: KS2 level 4\+ in English and maths comes from /);
  });

  it('compares a count with England only as a rate of its whole, never count against count (issue 11 point 14)', () => {
    // 19 of 590 schools judged is 3.2%; England's 400 of 20,000 is 2.0%.
    const count = indicator({ code: 'schools-in-category-of-concern', title: 'Schools in a category of concern', unit: 'count', polarity: 'lower_is_better' });
    const t = target({
      indicator: count.code,
      measures: [{ indicator: count.code, from: null, to: null }],
      baseline: null,
      rules: [{ kind: 'zero', by: 2016 }],
    });
    const e = evaluateAtPlace(input(t, { 2014: [fig(1, 19, null, 590), fig(2, 400, null, 20_000)] }, { indicators: new Map([[count.code, count]]) }));
    assert.equal(e.context.england, null);
    assert.equal(e.context.englandRate, '2.0% of schools judged (400 of 20000); here 3.2% of schools judged (19 of 590)');
  });
});

describe('the years and measures a target is read by', () => {
  it('reads from the earliest baseline, else the year before the framework’s first', () => {
    assert.deepEqual(yearsOf(framework([target({ baseline: { year: 2011, value: 70 } })])), [2011, 2012, 2013, 2014, 2015, 2016]);
    assert.deepEqual(yearsOf(framework([target({ baseline: null })])), [2012, 2013, 2014, 2015, 2016]);
  });

  it('reads each year by the measure in force then (level 4 to 2015, the expected standard from 2016: domain.md §1.1)', () => {
    const expected = indicator({ code: 'ks2-expected-rwm' });
    const t = target({
      measures: [
        { indicator: 'ks2-level4-english-maths', from: null, to: 2015 },
        { indicator: 'ks2-expected-rwm', from: 2016, to: null },
      ],
    });
    const indicators = new Map([
      ['ks2-level4-english-maths', indicator()],
      ['ks2-expected-rwm', expected],
    ]);
    assert.equal(measureIn(t, 2015, indicators)?.code, 'ks2-level4-english-maths');
    assert.equal(measureIn(t, 2016, indicators)?.code, 'ks2-expected-rwm');
    assert.equal(measureIn(target({ indicator: null }), 2016, indicators), undefined);
  });

  it('reads an all-pupils target for one pupil group with its own baseline, and leaves gap targets alone', () => {
    const fsm = forGroup(target({ baseline: { year: 2012, value: 78 } }), 'fsm');
    assert.equal(fsm.breakdown, 'fsm');
    assert.deepEqual(fsm.baseline, { year: 2012, value: null });
    const gap = target({ gap: { group: 'fsm', other: 'not-fsm' } });
    assert.equal(forGroup(gap, 'fsm'), gap);
    assert.equal(forGroup(target(), 'all').breakdown, 'all');
  });
});

describe('a target whose last year is measured by a relative-only successor', () => {
  const level4 = indicator({ code: 'ks2-level4-rwm', title: 'KS2 pupils at level 4 or above in reading, writing and mathematics' });
  const expected = indicator({ code: 'ks2-expected-rwm', title: 'KS2 pupils at the expected standard in reading, writing and mathematics' });
  const indicators = new Map([
    [level4.code, level4],
    [expected.code, expected],
  ]);
  const measures = [
    { indicator: level4.code, from: 2013, to: 2015 },
    { indicator: expected.code, from: 2016, to: null, relativeOnly: true },
  ];

  it('judges a gap target against the national gap on the successor’s gap, and no change across the break', () => {
    // Kent's target 8 at KS2 (frameworks/kent-2013-2016.yaml): the FSM gap falling year on year and below England's.
    // LAIT 2016 (../shared/data/public/lait/bds_long_kent_sn_england.csv, NonFSM_NEW_KS2_RWM − FSM_NEW_KS2_RWM):
    // Kent 62 − 37 = 25 points, England 57 − 36 = 21. Kent's 2015 gap (17, level 4) is on the old measure.
    const gap = target({
      indicator: level4.code,
      measures,
      gap: { group: 'fsm', other: 'not-fsm' },
      baseline: { year: 2012, value: 22 },
      rules: [
        { kind: 'year_on_year', from: 2012 },
        { kind: 'vs_comparator', comparator: 'england' },
      ],
    });
    const e = evaluateAtPlace(input(gap, { 2015: [fig(1, 17), fig(2, 18)], 2016: [fig(1, 25), fig(2, 21)] }, { year: 2016, indicators }));
    assert.equal(e.evaluation.status, 'off_track');
    assert.equal(e.evaluation.value, 25);
    assert.deepEqual(
      e.evaluation.rules.map((r) => [r.kind, r.status]),
      [
        ['year_on_year', 'not_comparable'],
        ['vs_comparator', 'off_track'],
      ],
    );
    assert.match(
      e.evaluation.reason,
      new RegExp(`^Judged on ${expected.title}, against others the same year only: 25\\.0 points, worse than England \\(21\\.0 points\\)`),
    );
    assert.match(e.evaluation.reason, new RegExp(`Not comparable, being set on ${level4.title}: improvement on 2015\\.`));
    assert.equal(e.measure?.code, expected.code);
    // The 2016 figure starts a new measure: no line or trend joins it to 2015.
    assert.deepEqual(
      e.context.series.filter((p) => p.year >= 2015).map((p) => [p.year, p.value, p.newMeasure]),
      [
        [2015, 17, false],
        [2016, 25, true],
      ],
    );
    assert.equal(e.evaluation.trend, null);
  });

  it('draws no trajectory point to the old level in the successor’s year, and shows its figure in its own unit', () => {
    // Kent's target 7: at least 70% with 5+ A*-C by 2016, in the neighbours' top quartile; Attainment 8 from 2016.
    // LAIT 2016 (AVG_Attain8_Score): Kent 50.4, England 50.1.
    const fiveAC = indicator({ code: 'ks4-5ac-em', title: 'KS4 pupils achieving 5 or more GCSEs at A*-C including English and mathematics', decimalPlaces: 1 });
    const a8 = indicator({ code: 'ks4-attainment8', title: 'Average Attainment 8 score per pupil', unit: 'average_score', decimalPlaces: 1 });
    const ks4 = target({
      indicator: fiveAC.code,
      measures: [
        { indicator: fiveAC.code, from: null, to: 2015 },
        { indicator: a8.code, from: 2016, to: null, relativeOnly: true },
      ],
      baseline: { year: 2012, value: 61 },
      rules: [
        { kind: 'at_least', value: 70, by: 2016 },
        { kind: 'rank_among_neighbours', reading: 'top_quartile', by: 2016 },
      ],
    });
    const e = evaluateAtPlace(
      input(
        ks4,
        { 2015: [fig(1, 58), fig(3, 57)], 2016: [fig(1, 50.4), fig(2, 50.1), fig(3, 50.8), fig(4, 49.3), fig(5, 48)] },
        {
          year: 2016,
          indicators: new Map([
            [fiveAC.code, fiveAC],
            [a8.code, a8],
          ]),
        },
      ),
    );
    // Kent 50.4 is 2nd of the four with a figure (50.8 above it): top quartile of 4 is rank 1 only, so off track.
    assert.equal(e.evaluation.status, 'off_track');
    assert.equal(
      e.evaluation.reason,
      'Judged on Average Attainment 8 score per pupil, against others the same year only: 2nd of 4 neighbours, not yet in their top quartile (rank 1 or better of 4). ' +
        'Not comparable, being set on KS4 pupils achieving 5 or more GCSEs at A*-C including English and mathematics: the 2016 target of at least 70.0%. ' +
        'England 50.1; 2nd of 4 neighbours, 2nd quartile.',
    );
    assert.doesNotMatch(e.evaluation.reason, /50\.4%/);
    assert.deepEqual(
      e.context.trajectory.map((p) => p.year),
      [2012, 2013, 2014, 2015],
    );
    assert.equal(e.evaluation.trajectory, null);
  });

  it('keeps "no comparable measure" for a target with no rule that reads a successor, naming the measures by title', () => {
    // Kent's target 6: 90% making two levels of progress; progress in levels ended in 2015, and 90% is all it asks.
    const progress = indicator({ code: 'ks2-expected-progress-maths', title: 'KS2 pupils making expected progress in mathematics (2 levels from KS1)' });
    const t = target({
      indicator: progress.code,
      measures: [{ indicator: progress.code, from: null, to: 2015 }],
      rules: [{ kind: 'at_least', value: 90, by: 2016 }],
    });
    const e = evaluateAtPlace(input(t, { 2015: [fig(1, 88)] }, { year: 2016, indicators: new Map([[progress.code, progress]]) }));
    assert.equal(e.evaluation.status, 'no_data');
    assert.equal(
      e.evaluation.reason,
      'No comparable measure for 2016: KS2 pupils making expected progress in mathematics (2 levels from KS1) ended in 2015, and its successor is not comparable with the target.',
    );
    // Were a relative-only successor named for it, an at-least target still could not read it.
    const named = { ...t, measures: [...t.measures, { indicator: expected.code, from: 2016, to: null, relativeOnly: true }] };
    const again = evaluateAtPlace(input(named, { 2016: [fig(1, 59)] }, { year: 2016, indicators: new Map([...indicators, [progress.code, progress]]) }));
    assert.equal(again.evaluation.status, 'no_data');
    assert.match(again.evaluation.reason, new RegExp(`ended in 2015, and its successor, ${expected.title}, is not comparable with the target\\.$`));
  });
});
