import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyTrend, isDecliningTrend, trendAsShown, type Trend, type TrendOptions, type TrendPoint } from './trends.ts';

const twoYearsBefore = (to: string) => `${Number(to.slice(0, 4)) - 2}${String(Number(to.slice(4)) - 2).padStart(2, '0')}`;
const percent: TrendOptions = { unit: 'percent', polarity: 'higher_is_better', windowStart: twoYearsBefore };
const series = (pupils: number, ...values: (number | null)[]): TrendPoint[] =>
  values.map((value, i) => ({ period: `${2013 + i}${String(14 + i)}`, value, denominator: pupils }));

describe('trend classification over three years of results', () => {
  it('60% to 80% with 60 pupils each year is rapidly improving (Newcombe interval about +3.6 to +34 points)', () => {
    const trend = classifyTrend(series(60, 60, 70, 80), percent);
    assert.ok(trend.classified);
    assert.equal(trend.class, 'rapidly-improving');
    assert.equal(trend.from, '201314');
    assert.equal(trend.to, '201516');
    assert.ok(trend.interval.lower > 3 && trend.interval.lower < 4.5, `lower ${trend.interval.lower}`);
  });

  it('60% to 66.7% with 60 pupils is stable: the interval includes zero', () => {
    const trend = classifyTrend(series(60, 60, 62, 66.7), percent);
    assert.ok(trend.classified);
    assert.equal(trend.class, 'stable');
  });

  it('60% to 66% with 1,000 pupils is a significant but not rapid improvement', () => {
    const trend = classifyTrend(series(1000, 60, 63, 66), percent);
    assert.ok(trend.classified);
    assert.equal(trend.class, 'improving');
  });

  it('a fall of 25 points in a school of 90 is rapidly declining', () => {
    const trend = classifyTrend(series(90, 80, 70, 55), percent);
    assert.ok(trend.classified);
    assert.equal(trend.class, 'rapidly-declining');
  });

  it('never flags a small cohort, however large the swing (8 pupils: 25% to 100%)', () => {
    const trend = classifyTrend(series(8, 25, 50, 100), percent);
    assert.equal(trend.classified, false);
    assert.ok(!trend.classified && /fewer than 10 pupils/.test(trend.reason));
    assert.equal(trend.change, null, 'no change is given that could reveal a small cohort’s figure');
  });

  it('reads a lower-is-better measure the right way round (persistent absence 12% to 6% of 500 pupils improves, by 6 points: not rapid)', () => {
    const trend = classifyTrend(series(500, 12, 9, 6), { ...percent, polarity: 'lower_is_better' });
    assert.ok(trend.classified);
    assert.equal(trend.class, 'improving');
  });

  it('needs the result two years before the latest', () => {
    const trend = classifyTrend(series(60, null, 70, 80), percent);
    assert.equal(trend.classified, false);
    assert.ok(!trend.classified && /no result for 201314/.test(trend.reason));
  });

  it('tests an average only with a pupil standard deviation: Progress 8 −0.6 to +0.1 in a school of 150 is rapidly improving', () => {
    const p8: TrendOptions = { unit: 'average_score', polarity: 'higher_is_better', windowStart: twoYearsBefore };
    assert.equal(classifyTrend(series(150, -0.6, -0.2, 0.1), p8).classified, false);
    // Half-width 1.96 × 1.25 × √(2/150) = 0.28; the change of 0.7 is beyond it and beyond 0.5 × 1.25.
    const trend = classifyTrend(series(150, -0.6, -0.2, 0.1), { ...p8, pupilSd: 1.25 });
    assert.ok(trend.classified);
    assert.equal(trend.class, 'rapidly-improving');
  });
});

describe('a trend as one reader may see it', () => {
  const trend: Trend = { classified: true, class: 'declining', from: '201213', to: '201415', change: -12, interval: { lower: -20, upper: -4 }, rule: 'test' };

  it('shows a trend whose two ends are both shown to the reader', () => {
    assert.equal(
      trendAsShown(trend, () => true),
      trend,
    );
  });

  it('withholds the change and the class where either end is suppressed for the reader (the change less one end gives the other)', () => {
    const hidden = trendAsShown(trend, (period) => period !== '201213');
    assert.deepEqual(hidden, { classified: false, reason: 'a figure it is worked from is suppressed', from: '201213', to: '201415', change: null });
  });
});

describe('what counts as declining (the watch list, school trends and dashboards read it here)', () => {
  it('a significant fall, rapid or not, is declining; a stable fall and an unclassified trend are not', () => {
    // docs/adr/0008-school-improvement.md (Trends): only a significant change is classified as a decline.
    assert.equal(isDecliningTrend(classifyTrend(series(1000, 66, 63, 60), percent)), true, 'declining');
    assert.equal(isDecliningTrend(classifyTrend(series(60, 80, 70, 60), percent)), true, 'rapidly declining');
    assert.equal(isDecliningTrend(classifyTrend(series(60, 66.7, 62, 60), percent)), false, 'a fall within the interval is stable');
    assert.equal(isDecliningTrend(classifyTrend(series(8, 80, 70, 20), percent)), false, 'a cohort under 10 is never classified');
    assert.equal(isDecliningTrend(classifyTrend(series(60, 60, 70, 80), percent)), false, 'rapidly improving');
  });
});
