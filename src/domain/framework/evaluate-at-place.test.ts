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
