import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { placeOverTime } from '../../../domain/comparison/place-over-time.ts';
import type { Indicator } from '../../../domain/indicators/indicator.ts';
import type { DashboardIndicator, Shown } from '../../../services/geography/place-dashboard.ts';
import { againstEnglandWords, overTimeView } from './over-time-view.ts';

// A place dashboard's headline measures over time (issue 19 item 4): a chart of the years since the measure last
// changed, a sentence, and every year in a table. The figures are made up; each expected word is worked by hand.

const shown = (value: number | null, decimalPlaces = 0): Shown => ({ value, symbol: value === null ? 'c' : null, decimalPlaces });
const ks2 = {
  code: 'ks2-expected-rwm',
  title: 'KS2 expected standard in RWM',
  unit: 'percent',
  polarity: 'higher_is_better',
  decimalPlaces: 0,
  breaks: [{ period: '201516', note: 'new curriculum tests' }],
} as unknown as Indicator;

function indicator(over: Partial<DashboardIndicator>, years: [string, number | null, number | null, number | null][]): DashboardIndicator {
  return {
    indicator: ks2,
    place: shown(years.at(-1)![1]),
    overTime: placeOverTime(
      years.map(([period, place, la, england]) => ({
        period,
        place: shown(place),
        la: la === null ? null : shown(la),
        england: england === null ? null : shown(england),
      })),
      ks2.breaks,
    ),
    ...over,
  } as DashboardIndicator;
}

const thanet = { kind: 'district', code: 'E07000114', name: 'Thanet' } as const;
const kent = { code: '886', name: 'Kent' };

describe('againstEnglandWords: how a place moved against England, in one sentence', () => {
  it('names the place’s, its LA’s and England’s figures at the ends of the latest measure, and the gap to England', () => {
    const k = indicator({}, [
      ['201415', 70, 71, 72],
      ['201516', 50, 52, 53],
      ['201617', 58, 57, 61],
    ]);
    // 2015/16: 50 − 53 = 3 below (worse); 2016/17: 58 − 61 = 3 below (worse). 2014/15 is before the break.
    assert.equal(
      againstEnglandWords('Thanet', 'Kent', k, 0),
      'From 2015/16 to 2016/17, Thanet’s figure went from 50% to 58%, Kent’s from 52% to 57% and England’s from 53% to 61%: ' +
        'Thanet was 3 percentage points below England (worse) in 2015/16 and 3 percentage points below it (worse) in 2016/17.',
    );
  });

  it('says one percentage point, and level, in words', () => {
    const k = indicator({}, [
      ['201516', 54, null, 53],
      ['201617', 61, null, 61],
    ]);
    assert.equal(
      againstEnglandWords('Kent', null, k, 0),
      'From 2015/16 to 2016/17, Kent’s figure went from 54% to 61% and England’s from 53% to 61%: Kent was 1 percentage point above England (better) in 2015/16 and level with it in 2016/17.',
    );
  });

  it('writes each figure at the decimals it is shown to: England published whole beside a place to one decimal', () => {
    const k = indicator({}, [
      ['201516', 59.1, null, 59],
      ['201617', 66, null, 64],
    ]);
    const years = k.overTime.map((y) => ({ ...y, place: shown(y.place!.value, 1), england: shown(y.england!.value, 0) }));
    // 59.1 − 59 = 0.1 above; 66.0 − 64 = 2.0 above: at the place's decimals, England's figures as shown (59%, 64%).
    assert.equal(
      againstEnglandWords('Thanet', null, { ...k, overTime: years }, 1),
      'From 2015/16 to 2016/17, Thanet’s figure went from 59.1% to 66.0% and England’s from 59% to 64%: Thanet was 0.1 percentage points above England (better) in 2015/16 and 2.0 percentage points above it (better) in 2016/17.',
    );
  });

  it('gives the place’s own move where England has no figure, and nothing with one year of the measure', () => {
    assert.equal(
      againstEnglandWords(
        'Kent',
        null,
        indicator({}, [
          ['201516', 54, null, null],
          ['201617', 61, null, null],
        ]),
        0,
      ),
      'From 2015/16 to 2016/17, Kent’s figure went from 54% to 61%.',
    );
    assert.equal(
      againstEnglandWords(
        'Kent',
        null,
        indicator({}, [
          ['201415', 70, null, 72],
          ['201516', 54, null, 53],
        ]),
        0,
      ),
      null,
    );
  });
});

describe('overTimeView: a chart, a sentence and a table for each headline measure held two years or more', () => {
  it('charts the place, its LA and England from the last break, as an SVG named for what it shows', () => {
    const [view, ...more] = overTimeView({
      place: thanet,
      la: kent,
      indicators: [
        indicator({}, [
          ['201415', 70, 71, 72],
          ['201516', 50, 52, 53],
          ['201617', 58, 57, 61],
        ]),
        // Not a headline measure: its years are in the key indicators table only.
        indicator({ indicator: { ...ks2, code: 'permanent-exclusions' } }, [
          ['201516', 1, 1, 1],
          ['201617', 2, 2, 2],
        ]),
        // One year: nothing to draw.
        indicator({ indicator: { ...ks2, code: 'ks4-attainment8' } }, [['201617', 46, 46, 46]]),
      ],
    });
    assert.equal(more.length, 0);
    assert.equal(view!.id, 'over-time-ks2-expected-rwm');
    assert.equal(view!.span, '2014/15 to 2016/17');
    assert.match(view!.chart, /^<svg [^>]*aria-labelledby="over-time-ks2-expected-rwm-chart-title" role="img"/);
    assert.match(
      view!.chart,
      /<title id="over-time-ks2-expected-rwm-chart-title">KS2 expected standard in RWM \(%\): Thanet, Kent, England, 2015\/16 to 2016\/17<\/title>/,
    );
    // Two years on the axis (2014/15 is before the break), each line named at its end.
    assert.deepEqual(
      [...view!.chart.matchAll(/y="0\.71em">(\d{4}\/\d{2})</g)].map((m) => m[1]),
      ['2015/16', '2016/17'],
    );
    assert.deepEqual(
      [...view!.chart.matchAll(/y="0\.32em">([A-Z][a-z]+)</g)].map((m) => m[1]),
      ['Thanet', 'Kent', 'England'],
    );
    assert.equal(
      view!.chartNote,
      'Thanet (solid line), Kent (dashed) and England (dotted), 2015/16 to 2016/17, since the measure last changed in 2015/16. The table gives every year.',
    );
    assert.deepEqual(
      view!.rows.map((r) => [r.period, r.place?.value, r.la?.value, r.england?.value, r.breakBefore?.period ?? null]),
      [
        ['201415', 70, 71, 72, null],
        ['201516', 50, 52, 53, '201516'],
        ['201617', 58, 57, 61, null],
      ],
    );
  });

  it('draws no line across a break: a measure with one year since it changed has its table and a note', () => {
    const [view] = overTimeView({
      place: { kind: 'la', code: '886', name: 'Kent' },
      la: kent,
      indicators: [
        indicator({}, [
          ['201415', 70, null, 72],
          ['201516', 50, null, 53],
        ]),
      ],
    });
    assert.equal(view!.chart, '');
    assert.match(view!.chartNote, /^No chart: the measure changed in 2015\/16/);
    assert.equal(view!.rows.length, 2);
  });
});
