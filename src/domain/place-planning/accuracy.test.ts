import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actualRange, backtestBases, forecastAccuracy, scoreForecasts } from './accuracy.ts';
import type { AreaForecast, PlanningPhase } from './place-planning.ts';

describe('forecast accuracy by the school places scorecards’ formula (domain.md §12.2)', () => {
  it('scores Dudley’s primary 2024/25 as published: SCAP22 25,532 on 26,179 → −2.47% three years ahead; SCAP24 26,207 → +0.11% one year ahead', () => {
    // (25,532 − 26,179) ÷ 26,179 × 100 = −2.4714…; (26,207 − 26,179) ÷ 26,179 × 100 = +0.1069… (published to 2 dp).
    assert.equal(forecastAccuracy(25_532, 26_179)!.toFixed(2), '-2.47');
    assert.equal(forecastAccuracy(26_207, 26_179)!.toFixed(2), '0.11');
  });

  it('is unrounded and null with no actual pupils', () => {
    // (2 − 3) ÷ 3 × 100 = −33.333… (not −33.33).
    assert.equal(forecastAccuracy(2, 3), (-1 / 3) * 100);
    assert.equal(forecastAccuracy(5, 0), null);
  });
});

describe('the actual pupils a forecast would meet at past errors (the accuracy formula turned round)', () => {
  it('takes F ÷ (1 + e/100): F = 1,100 at +10% is 1,000 and at −10% is 1,222.2…, the review’s example', () => {
    // Review of issue 17, finding 7. e = (F − A) ÷ A, so A = F ÷ (1 + e): 1,100 ÷ 1.1 = 1,000 (not 1,100 × 0.9 = 990);
    // 1,100 ÷ 0.9 = 1,222.22… (not 1,100 × 1.1 = 1,210). Scoring either back gives ±10% exactly.
    const range = actualRange(1100, [10, -10, 4])!;
    assert.ok(Math.abs(range.low - 1000) < 1e-9 && Math.abs(range.high - 11000 / 9) < 1e-9);
    assert.ok(Math.abs(forecastAccuracy(1100, range.low)! - 10) < 1e-9 && Math.abs(forecastAccuracy(1100, range.high)! + 10) < 1e-9);
  });

  it('is the forecast itself on a side with no error of that sign, and null with no usable error', () => {
    // Only over-forecasts (+5%): low 1,050 ÷ 1.05 = 1,000, high the forecast 1,050. −100% (a forecast of 0) says nothing.
    assert.deepEqual(actualRange(1050, [5, -100]), { low: 1000, high: 1050 });
    assert.equal(actualRange(1050, []), null);
  });
});

const forecast = (areaCode: string, phase: PlanningPhase, totals: Readonly<Record<string, number>>): AreaForecast => ({
  areaCode,
  phase,
  basePeriod: '201314',
  ratios: { intake: null, transfer: null, survival: {}, periods: [] },
  cells: Object.entries(totals).flatMap(([period, total]) => [
    { period, yearGroup: phase === 'primary' ? 'R' : '7', pupils: total / 2, fromHousing: 0 },
    { period, yearGroup: phase === 'primary' ? '1' : '8', pupils: total / 2, fromHousing: 0 },
  ]),
});

describe('forecasts scored by area and LA, one and three years ahead', () => {
  // Base 2013/14. P1 forecast 1,010 for 2014/15 and 1,133 for 2016/17; P2 490 and 520; S1 (secondary) 800 for 2014/15.
  // Census held: P1 2014/15 1,000 (600 R + 400 Y1), 2016/17 1,100; P2 2014/15 500 (2016/17 not held); S1 2014/15 820.
  const rows = scoreForecasts({
    laCode: '886',
    forecasts: [
      forecast('P1', 'primary', { '201415': 1010, '201516': 1050, '201617': 1133 }),
      forecast('P2', 'primary', { '201415': 490, '201617': 520 }),
      forecast('S1', 'secondary', { '201415': 800 }),
    ],
    actuals: {
      P1: { '201415': { R: 600, '1': 400 }, '201617': { R: 550, '1': 550 } },
      P2: { '201415': { R: 250, '1': 250 } },
      S1: { '201415': { '7': 400, '8': 420 } },
    },
    yearsAhead: [1, 3],
  });
  const row = (level: string, code: string, phase: PlanningPhase, n: number) =>
    rows.find((r) => r.level === level && r.code === code && r.phase === phase && r.yearsAhead === n);

  it('scores each area where the census after it is held: P1 +1% one year and +3% three years ahead, P2 −2% one year ahead', () => {
    // P1: (1,010 − 1,000) ÷ 1,000 = +1%; (1,133 − 1,100) ÷ 1,100 = +3%. P2: (490 − 500) ÷ 500 = −2%; 2016/17 not held.
    assert.ok(Math.abs(row('area', 'P1', 'primary', 1)!.accuracy! - 1) < 1e-9);
    assert.ok(Math.abs(row('area', 'P1', 'primary', 3)!.accuracy! - 3) < 1e-9);
    assert.equal(row('area', 'P1', 'primary', 3)!.period, '201617');
    assert.ok(Math.abs(row('area', 'P2', 'primary', 1)!.accuracy! + 2) < 1e-9);
    assert.equal(row('area', 'P2', 'primary', 3), undefined);
  });

  it('sums an LA’s areas before applying the formula: 1,500 forecast on 1,500 is 0%, not the mean of +1% and −2%', () => {
    const la1 = row('la', '886', 'primary', 1)!;
    assert.deepEqual([la1.forecast, la1.actual, la1.accuracy, la1.period, la1.basePeriod], [1500, 1500, 0, '201415', '201314']);
    // Three years ahead only P1 is held: 1,133 on 1,100 = +3%. Secondary apart: (800 − 820) ÷ 820 = −2.439…%.
    assert.ok(Math.abs(row('la', '886', 'primary', 3)!.accuracy! - 3) < 1e-9);
    assert.ok(Math.abs(row('la', '886', 'secondary', 1)!.accuracy! - (-20 / 820) * 100) < 1e-9);
    assert.deepEqual(
      rows.map((r) => `${r.level} ${r.code} ${r.phase} ${r.yearsAhead}`),
      ['area P1 primary 1', 'area P1 primary 3', 'area P2 primary 1', 'area S1 secondary 1', 'la 886 primary 1', 'la 886 primary 3', 'la 886 secondary 1'],
    );
  });
});

describe('the bases a backtest can start from', () => {
  it('starts where three years before are held and a later census can score it: 2008/09-2015/16 held → 2011/12 to 2014/15', () => {
    // With 2008/09 … 2015/16 held and 3 years averaged: 2011/12 is the first with 2008/09-2010/11 before it; 2015/16 has
    // no later census. A gap (no 2012/13) removes the bases needing it: 2012/13 itself, 2013/14, 2014/15 and 2015/16.
    const periods = ['200809', '200910', '201011', '201112', '201213', '201314', '201415', '201516'];
    assert.deepEqual(backtestBases(periods, 3, 3), ['201112', '201213', '201314', '201415']);
    assert.deepEqual(
      backtestBases(
        periods.filter((p) => p !== '201213'),
        3,
        3,
      ),
      ['201112'],
    );
  });

  it('needs a census within maxYearsAhead to score', () => {
    assert.deepEqual(backtestBases(['201011', '201112', '201415'], 1, 2), []);
    assert.deepEqual(backtestBases(['201011', '201112', '201415'], 1, 3), ['201112']);
  });
});
