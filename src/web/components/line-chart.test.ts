import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { labelNudges, lineChart } from './line-chart.ts';

// A planning area's rolls chart (issue 17.8): actual rolls, the forecast dashed, the band of past error and capacity.
// The figures are made up for the test; what is checked is what the SVG must carry, not the arithmetic.

describe('the line chart by academic year', () => {
  const svg = lineChart({
    id: 'rolls',
    title: 'Pupils & places <Ashford>',
    periods: ['201314', '201415', '201516', '201617', '201718'],
    yLabel: 'Pupils',
    series: [
      {
        name: 'Pupils on roll',
        style: 'solid',
        points: [
          { period: '201314', value: 1000 },
          { period: '201415', value: 1050 },
          { period: '201516', value: 1100 },
        ],
      },
      {
        name: 'Forecast',
        style: 'dashed',
        points: [
          { period: '201516', value: 1100 },
          { period: '201617', value: 1150 },
          { period: '201718', value: 1210 },
        ],
      },
    ],
    band: {
      name: 'Past error',
      points: [
        { period: '201617', low: 1120, high: 1180 },
        { period: '201718', low: 1150, high: 1260 },
      ],
    },
    rule: { name: 'Capacity', value: 1200 },
  });

  it('renders one SVG image named by its escaped title, with no inline style for the CSP to refuse', () => {
    assert.match(svg, /^<svg [^>]*role="img"/);
    assert.match(svg, /aria-labelledby="rolls-title"/);
    assert.match(svg, /<title id="rolls-title">Pupils &amp; places &lt;Ashford&gt;<\/title>/);
    assert.doesNotMatch(svg, /<style|style="/);
    assert.equal(svg.match(/<svg/g)?.length, 1);
  });

  it('labels both axes with their units and writes academic years as 2015/16', () => {
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    assert.ok(texts.includes('Pupils'), 'the y axis is labelled');
    assert.ok(texts.includes('Academic year'), 'the x axis is labelled');
    for (const year of ['2013/14', '2014/15', '2015/16', '2016/17', '2017/18']) assert.ok(texts.includes(year), year);
    assert.ok(!texts.some((t) => /^\d{6}$/.test(t ?? '')), 'no period code is shown');
    assert.ok(texts.includes('1,200'), 'counts on the axis have thousands separated');
  });

  it('draws each series as a line named at its end, the forecast dashed, the band shaded and the capacity as a rule', () => {
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    for (const name of ['Pupils on roll', 'Forecast', 'Capacity']) assert.ok(texts.includes(name), name);
    // Two lines (each a path with three points) and the band (a closed path).
    assert.equal(svg.match(/stroke-width="3"/g)?.length, 2);
    assert.match(svg, /stroke-dasharray="6 4"/);
    assert.match(svg, /fill-opacity="0.15"[^>]*>\s*<path d="M[^"]*Z"/);
    assert.match(svg, /<line [^>]*y1="([\d.]+)"[^>]*\/?>/);
    assert.match(svg, /stroke="#d4351c"/);
  });

  it('names at most seven years on the axis, always the last, so that twelve years’ labels do not overlap', () => {
    const periods = Array.from({ length: 12 }, (_, i) => `${2010 + i}${String((11 + i) % 100).padStart(2, '0')}`);
    const long = lineChart({
      id: 'long',
      title: 'Twelve years',
      periods,
      yLabel: 'Pupils',
      series: [{ name: 'A', style: 'solid', points: periods.map((period, i) => ({ period, value: i })) }],
    });
    const years = [...long.matchAll(/<text[^>]*>(\d{4}\/\d{2})<\/text>/g)].map((m) => m[1]);
    // 12 years, a step of ⌈12 ÷ 7⌉ = 2 counted back from the last: 2011/12, 2013/14 … 2021/22.
    assert.deepEqual(years, ['2011/12', '2013/14', '2015/16', '2017/18', '2019/20', '2021/22']);
  });

  it('draws nothing when there is nothing to draw', () => {
    assert.equal(lineChart({ id: 'x', title: 'None', periods: [], yLabel: 'Pupils', series: [] }), '');
    assert.equal(lineChart({ id: 'x', title: 'None', periods: ['201516'], yLabel: 'Pupils', series: [{ name: 'A', style: 'solid', points: [] }] }), '');
  });

  it('writes calendar years as themselves on an axis labelled Year', () => {
    const calendar = lineChart({
      id: 'cal',
      title: 'Claimants',
      periods: ['2013', '2014', '2015'],
      yLabel: 'Pupils',
      series: [
        {
          name: 'A',
          style: 'solid',
          points: [
            { period: '2013', value: 1 },
            { period: '2015', value: 2 },
          ],
        },
      ],
    });
    const texts = [...calendar.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    for (const t of ['Year', '2013', '2014', '2015']) assert.ok(texts.includes(t), t);
  });
});

describe("the names at the lines' ends", () => {
  // The plot is 256 pixels high (320 less 20 above and 44 below); a name needs 14 pixels.
  it('leaves names that are far apart where they are', () => {
    assert.deepEqual(
      labelNudges(
        [
          { x: '201415', y: 0 },
          { x: '201415', y: 100 },
        ],
        0,
        100,
      ),
      [0, 0],
    );
  });

  it('spreads names ending at one value in one year a line apart about it, in the order given', () => {
    // Kent and England both 80 (the KS2 chart that first overlapped): one 7 pixels up, one 7 down; the third far away stays.
    const nudges = labelNudges(
      [
        { x: '201415', y: 80 },
        { x: '201415', y: 81 },
        { x: '201415', y: 80 },
      ],
      74,
      82,
    );
    // 81 sits 32 pixels above 80 (256 ÷ 8 a point): apart, so it stays; the two 80s are spread.
    assert.deepEqual(nudges, [-7, 0, 7]);
  });

  it('moves nothing for names ending in different years, however close their values', () => {
    assert.deepEqual(
      labelNudges(
        [
          { x: '201314', y: 5 },
          { x: '201415', y: 5 },
        ],
        0,
        10,
      ),
      [0, 0],
    );
  });
});
