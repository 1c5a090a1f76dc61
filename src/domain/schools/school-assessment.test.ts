import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Indicator } from '../indicators/indicator.ts';
import { assessSchools, schoolContext, schoolTrends, summarise, type SchoolFigure, type SchoolHeld } from './school-assessment.ts';

// docs/adr/0008-school-improvement.md: context (disadvantaged and SEN shares of the cohort, KS1 prior attainment, size),
// similar schools of the same phase, rank among them, trends on headline indicators in use in the last three years.
const row = (indicatorCode: string, period: string, value: number | null, denominator: number | null = null): SchoolFigure => ({
  indicatorCode,
  period,
  value,
  numerator: null,
  denominator,
});
const ks2 = {
  code: 'ks2-expected-rwm',
  title: 'KS2 expected standard in RWM',
  unit: 'percent',
  decimalPlaces: 0,
  polarity: 'higher_is_better',
} as Indicator;
const indicatorOf = (code: string) => (code === ks2.code ? ks2 : undefined);
const school = (urn: string, over: Partial<SchoolHeld> = {}): SchoolHeld => ({
  urn,
  name: `School ${urn}`,
  phase: 'primary',
  typeName: 'Academy converter',
  pupilsOnRoll: 210,
  rows: [],
  groupPupils: new Map(),
  district: null,
  groupings: [],
  ofsted: null,
  floor: null,
  ...over,
});
const groups = (entries: Record<string, Record<string, number>>) =>
  new Map(Object.entries(entries).map(([g, byPeriod]) => [g, new Map(Object.entries(byPeriod))]));

describe("a school's context", () => {
  it('reads the shares of its latest KS2 cohort and the same pupils’ KS1 attainment four years before', () => {
    // 40 pupils at the end of KS2 in 2016/17, 10 disadvantaged (25%), 4 on SEN support and 2 with an EHC plan
    // (6 of 40 = 15%); they were at the end of KS1 in 2012/13, when 55% met the expected standard.
    const context = schoolContext(
      school('1', {
        rows: [row('ks2-expected-rwm', '201516', 58, 38), row('ks2-expected-rwm', '201617', 60, 40), row('ks1-expected-rwm', '201213', 55)],
        groupPupils: groups({ disadvantaged: { '201617': 10 }, 'sen-support': { '201617': 4 }, 'ehc-plan': { '201617': 2 } }),
      }),
    );
    assert.deepEqual(context, { urn: '1', priorAttainment: 55, disadvantaged: 25, sen: 15, eal: null, size: 40 });
  });

  it('leaves out what is not held: no group figures, no share; no cohort, the pupils on roll as its size', () => {
    assert.equal(schoolContext(school('1', { rows: [row('ks2-expected-rwm', '201617', 60, 40)] })).disadvantaged, null);
    assert.deepEqual(schoolContext(school('1')), { urn: '1', priorAttainment: null, disadvantaged: null, sen: null, eal: null, size: 210 });
  });
});

describe("a school's trends", () => {
  it('reads only the headline indicators with a figure in the three years to the latest period', () => {
    // Latest 2017/18: level 4 RWM ended in 2014/15, before 2015/16, so it is no longer in use.
    const trends = schoolTrends(
      school('1', { rows: [row('ks2-level4-rwm', '201415', 80), row('ks2-expected-rwm', '201617', 60), row('ks2-expected-rwm', '201718', 64)] }),
      '201718',
      indicatorOf,
    );
    assert.deepEqual(
      trends.map((t) => [t.indicator, t.series.length]),
      [['ks2-expected-rwm', 2]],
    );
    assert.equal(schoolTrends(school('1', { rows: [row('ks2-expected-rwm', '201617', 60)] }), '', indicatorOf).length, 0);
  });
});

describe('schools assessed among each other', () => {
  // Context features that differ between the schools (a feature equal in all of them cannot tell them apart).
  const primary = (urn: string, value: number, disadvantaged: number) =>
    school(urn, {
      rows: [row('ks2-expected-rwm', '201718', value, 40), row('ks1-expected-rwm', '201314', 50 + disadvantaged / 2)],
      groupPupils: groups({ disadvantaged: { '201718': disadvantaged }, 'sen-support': { '201718': 2 + disadvantaged / 4 } }),
    });

  it('ranks a school among its similar schools of the same phase on its latest headline figure', () => {
    // Three primaries with 70%, 60% and 50%: the 60% school is second of three; the secondary is in no primary's pool.
    const secondary = school('9', { phase: 'secondary', rows: [row('ks4-progress8', '201718', 0.1, 150)] });
    const assessed = assessSchools([primary('1', 70, 4), primary('2', 60, 8), primary('3', 50, 20), secondary], indicatorOf);
    const two = assessed.find((s) => s.urn === '2')!;
    assert.deepEqual(
      two.similar.map((s) => s.urn),
      ['1', '3'],
    );
    assert.deepEqual(
      two.ranks.map((r) => [r.indicator, r.rank, r.of]),
      [['ks2-expected-rwm', 2, 3]],
    );
    // 20 of 40 pupils disadvantaged is 50%: the top band.
    assert.equal(assessed.find((s) => s.urn === '3')!.disadvantagedBand, '45% or more disadvantaged');
    assert.equal(assessed.find((s) => s.urn === '1')!.disadvantagedBand, 'under 15% disadvantaged');
    assert.deepEqual(assessed.find((s) => s.urn === '9')!.similar, []);
  });

  it('sums up strengths in plain words: a top-quarter rank needs four or more schools', () => {
    const assessed = assessSchools([primary('1', 70, 4), primary('2', 60, 8), primary('3', 50, 20), primary('4', 40, 30)], indicatorOf);
    const best = summarise(assessed.find((s) => s.urn === '1')!);
    assert.deepEqual(best.strengths, ['KS2 expected standard in RWM: top quarter of its similar schools (1 of 4).']);
  });

  it('names a coasting school among the concerns, and only a school decided coasting (domain.md §2.3)', () => {
    const coastingOf = (coasting: boolean | null) => ({
      period: '201516',
      label: '2015/16',
      result: {
        applies: true as const,
        coasting,
        years: [],
        reason: coasting === true ? 'below the coasting level in 2014, 2015, 2016' : 'not every year can be decided',
      },
    });
    const [coasting, undecided] = assessSchools([school('1', { coasting: coastingOf(true) }), school('2', { coasting: coastingOf(null) })], indicatorOf);
    assert.deepEqual(summarise(coasting!).concerns, ['Coasting in 2015/16: below the coasting level in 2014, 2015, 2016.']);
    assert.deepEqual(summarise(undecided!).concerns, []);
  });
});
