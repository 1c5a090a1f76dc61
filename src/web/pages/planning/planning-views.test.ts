import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlanningArea, SurplusSummary } from '../../../domain/place-planning/place-planning.ts';
import type { AreaSummary, AreaView, PublishedAccuracy } from '../../../services/place-planning/planning-views.ts';
import { areaChart, areaDescription, placesAddedWords, pressureRows, schoolRows, totalRows } from './area-views.ts';
import {
  aheadWords,
  areaRows,
  bandWords,
  count,
  errorWords,
  madeByWords,
  percent,
  publishedRows,
  selectAreas,
  signedPercent,
  surplusRows,
  yearLabel,
} from './planning-views.ts';

// How the place planning pages write what the service returns (issue 17.8), from hand-made view models. Expected
// figures come from domain.md §12's worked examples, or are worked by hand beside them.

const band = { min: 5, max: 7 };
const surplus = (capacity: number, pupils: number, unfilled: number, excess: number): SurplusSummary => ({
  capacity,
  pupils,
  unfilled,
  excess,
  rate: (unfilled / capacity) * 100,
  schools: 3,
  atOrOver: excess > 0 ? 1 : 0,
});
const planningArea = (code: string, name: string, phase: 'primary' | 'secondary'): PlanningArea => ({
  code,
  name,
  laCode: '886',
  phase,
  districtCode: null,
  feedsArea: null,
  validFrom: null,
  validTo: null,
});

describe('place planning page wording', () => {
  it('writes the surplus of domain.md §12’s worked examples as 5.7% within and 7.6% above the 5–7% band, with 20 pupils over capacity apart', () => {
    // 1,050 places, 990 on roll, no school over: 60 unfilled = 5.714…% → "5.7%", within the band.
    // One school 20 over capacity, the others 80 unfilled: unfilled 80 = 7.619…% → "7.6%", and 20 pupils in excess (not a net 60).
    const rows = surplusRows(
      [
        { period: '201516', source: 'census', surplus: surplus(1050, 990, 60, 0), band: 'within' },
        { period: '201617', source: 'forecast', surplus: surplus(1050, 990, 80, 20), band: 'above' },
      ],
      band,
    );
    assert.deepEqual(
      rows.map((r) => r.map((c) => c.text)),
      [
        ['2015/16 (census)', '1,050', '990', '60', '5.7%', 'Within the 5–7% band', '0'],
        ['2016/17 (forecast)', '1,050', '990', '80', '7.6%', 'Above the 5–7% band: more spare places than planned', '20'],
      ],
    );
  });

  it('writes the scorecards’ accuracy signed with one minus sign, and in words, as domain.md §12’s Dudley example', () => {
    // Dudley primary 2024/25: actual 26,179; SCAP22 forecast 25,532 → (25,532 − 26,179) ÷ 26,179 = −2.471…%;
    // SCAP24 forecast 26,207 → +0.106…%.
    const threeYear = ((25_532 - 26_179) / 26_179) * 100;
    const oneYear = ((26_207 - 26_179) / 26_179) * 100;
    assert.equal(signedPercent(threeYear), '−2.5%');
    assert.equal(signedPercent(oneYear), '+0.1%');
    assert.equal(errorWords(threeYear), 'Under-forecast by 2.5%');
    assert.equal(errorWords(oneYear), 'Over-forecast by 0.1%');
    assert.equal(signedPercent(0.04), '0.0%');
    assert.equal(errorWords(null), 'Not scored (no pupils on roll)');
  });

  it('rounds counts once to whole pupils with thousands separated and one minus sign, and writes years as 2015/16', () => {
    assert.equal(count(17_599.5), '17,600');
    assert.equal(count(-20), '−20');
    assert.equal(count(null), '–');
    assert.equal(percent(-1.25), '−1.3%');
    assert.equal(yearLabel('201516'), '2015/16');
    assert.equal(placesAddedWords(30), '+30 places');
    assert.equal(placesAddedWords(-60), '−60 places');
    assert.equal(bandWords('below', band), 'Below the 5–7% band: too few spare places');
    assert.equal(bandWords(null, band), 'No places held');
  });

  it('says "just below" with the rate to two places when 4.96% would show as 5.0% beside a 5–7% band', () => {
    // 4.96 rounds to 5.0 at one place, on the band's lower edge, though the unrounded rate is below it.
    assert.equal(bandWords('below', band, 4.96), 'Just below the 5–7% band (4.96%): too few spare places');
    // 7.04 rounds to 7.0, on the upper edge, though above it; 4.94 shows as 4.9%, plainly below.
    assert.equal(bandWords('above', band, 7.04), 'Just above the 5–7% band (7.04%): more spare places than planned');
    assert.equal(bandWords('below', band, 4.94), 'Below the 5–7% band: too few spare places');
    assert.deepEqual([1, 3, 7].map(aheadWords), ['One year', 'Three years', 'Seven years']);
    const names = new Map([['user:9', 'Pat Planner']]);
    assert.deepEqual(
      ['user:9', 'cli:officer', 'demo', 'Sam Forecaster'].map((m) => madeByWords(m, names)),
      ['Pat Planner', 'the command line', 'the demo county’s build', 'Sam Forecaster'],
    );
  });
});

describe('the planning areas table', () => {
  const summary = (
    code: string,
    name: string,
    phase: 'primary' | 'secondary',
    district: string | null,
    rate: number | null,
    forms: number,
    short: string | null,
  ): AreaSummary => ({
    area: planningArea(code, name, phase),
    district: district === null ? null : { code: district, name: district === 'E07000105' ? 'Ashford' : 'Swale' },
    schools: 4,
    latest: rate === null ? null : { period: '201516', source: 'census', surplus: { ...surplus(1000, 1000 - rate * 10, rate * 10, 0), rate }, band: 'within' },
    furthest: null,
    formsOfEntryNeeded: forms,
    firstPeriodShort: short,
  });
  const areas = [
    summary('PA3', 'Tenterden', 'primary', 'E07000105', 6.1, 0, null),
    summary('PA1', 'Ashford Town', 'primary', 'E07000105', 2.0, 3, '201718'),
    summary('PA2', 'Sittingbourne', 'primary', 'E07000113', null, 1, '201819'),
    summary('SA1', 'Ashford secondary', 'secondary', null, 8.0, 0, null),
  ];

  it('filters by phase and district and orders by name by default', () => {
    assert.deepEqual(
      selectAreas(areas, { phase: '', district: '', sort: 'name' }).map((a) => a.area.code),
      ['SA1', 'PA1', 'PA2', 'PA3'],
    );
    assert.deepEqual(
      selectAreas(areas, { phase: 'primary', district: 'E07000105', sort: 'name' }).map((a) => a.area.code),
      ['PA1', 'PA3'],
    );
  });

  it('orders by latest surplus lowest first (an area with none last), by forms of entry most first, by first year short soonest first', () => {
    assert.deepEqual(
      selectAreas(areas, { phase: '', district: '', sort: 'latest' }).map((a) => a.area.code),
      ['PA1', 'PA3', 'SA1', 'PA2'],
    );
    assert.deepEqual(
      selectAreas(areas, { phase: '', district: '', sort: 'forms' }).map((a) => a.area.code),
      ['PA1', 'PA2', 'SA1', 'PA3'],
    );
    assert.deepEqual(
      selectAreas(areas, { phase: 'primary', district: '', sort: 'short' }).map((a) => a.area.code),
      ['PA1', 'PA2', 'PA3'],
    );
  });

  it('names each area with its code, escapes it, and says so where an area spans districts or has no shortfall', () => {
    const [row] = areaRows([{ ...areas[3]!, area: { ...areas[3]!.area, name: 'Ashford <secondary>' } }]);
    assert.equal(row![0]!.html, '<a class="govuk-link" href="/planning/areas/SA1">Ashford &#60;secondary&#62; (SA1)</a>');
    assert.deepEqual(
      row!.slice(1).map((c) => c.text),
      ['Secondary', 'More than one district', '4', '8.0% in 2015/16', '80', '0', '–', '0', 'None in the forecast'],
    );
  });
});

describe('the published accuracy beside the method', () => {
  it('gives the median and middle half of LAs’ latest published figures (R’s type 7 quartiles) and the LA’s own', () => {
    const place = (code: string) => ({ code, name: code });
    const published: PublishedAccuracy[] = [
      // An older year: left out, only the latest year published is summarised.
      { period: '202324', phase: 'primary', place: place('886'), oneYear: 9, threeYear: 9 },
      ...[-1, 0.11, 0.5, 1.2, 3].map((v, i) => ({
        period: '202425',
        phase: 'primary' as const,
        place: place(i === 3 ? '886' : `L${i}`),
        oneYear: v,
        threeYear: null,
      })),
    ];
    // Sorted one-year values −1, 0.11, 0.5, 1.2, 3: median 0.5; Q1 at h = 4 × 0.25 = 1 → 0.11; Q3 at h = 3 → 1.2.
    const rows = publishedRows(published, '886');
    assert.deepEqual(
      rows.map((r) => r.map((c) => c.text)),
      [
        ['Primary, 2024/25', 'One year', '5', '+0.5%', '+0.1% to +1.2%', 'Not held', '+1.2%'],
        ['Primary, 2024/25', 'Three years', '0', '–', '–', 'Not held', 'Not held'],
      ],
    );
  });

  it('gives England its own column and never counts it among the LAs', () => {
    const published: PublishedAccuracy[] = [
      ...[-1, 0.11, 0.5, 1.2, 3].map((v, i) => ({
        period: '202425',
        phase: 'primary' as const,
        place: { code: i === 3 ? '886' : `L${i}`, name: `L${i}` },
        oneYear: v,
        threeYear: null,
      })),
      { period: '202425', phase: 'primary', place: { code: 'E92000001', name: 'England' }, oneYear: 0.4, threeYear: 1.5 },
    ];
    // Counted with the LAs, England would make six values (−1, 0.11, 0.4, 0.5, 1.2, 3; median 0.45); the five LAs
    // alone are as above: 5, median +0.5%, middle half +0.1% to +1.2%. England on its own: +0.4%, three years +1.5%.
    assert.deepEqual(
      publishedRows(published, '886').map((r) => r.map((c) => c.text)),
      [
        ['Primary, 2024/25', 'One year', '5', '+0.5%', '+0.1% to +1.2%', '+0.4%', '+1.2%'],
        ['Primary, 2024/25', 'Three years', '0', '–', '–', '+1.5%', 'Not held'],
      ],
    );
  });
});

describe('a planning area’s chart, description and table', () => {
  const year = (period: string, source: 'census' | 'forecast', total: number, capacity: number, errorBand: { low: number; high: number } | null) => ({
    period,
    source,
    surplus: surplus(capacity, total, capacity - total, 0),
    band: (capacity - total) / capacity < 0.05 ? ('below' as const) : ('within' as const),
    pupils: { R: total / 7 },
    total,
    errorBand,
  });
  const view: AreaView = {
    area: planningArea('PA1', 'Ashford Town', 'primary'),
    district: { code: 'E07000105', name: 'Ashford' },
    la: { code: '886', name: 'Kent' },
    band,
    run: null,
    ratios: null,
    years: [
      year('201415', 'census', 990, 1050, null),
      year('201516', 'census', 1010, 1050, null),
      year('201617', 'forecast', 1040.4, 1050, { low: 1020, high: 1055 }),
      year('201718', 'forecast', 1070, 1080, { low: 1035, high: 1100 }),
    ],
    schools: [],
    changes: [],
    needs: [],
    housing: [],
    admissions: null,
    accuracy: [],
  };

  it('draws rolls from the census, the forecast joined to the last census year, places, and the band from the last census year', () => {
    const chart = areaChart(view);
    assert.deepEqual(chart.periods, ['201415', '201516', '201617', '201718']);
    assert.deepEqual(
      chart.series.map((s) => [s.name, s.style, s.points.map((p) => p.period)]),
      [
        ['Pupils on roll', 'solid', ['201415', '201516']],
        ['Forecast', 'dashed', ['201516', '201617', '201718']],
        ['Places', 'dotted', ['201415', '201516', '201617', '201718']],
      ],
    );
    assert.deepEqual(chart.band?.points, [
      { period: '201516', low: 1010, high: 1010 },
      { period: '201617', low: 1020, high: 1055 },
      { period: '201718', low: 1035, high: 1100 },
    ]);
  });

  it('says in one sentence what the chart shows: 10 spare of 1,080 is 0.9%, below the band', () => {
    assert.equal(
      areaDescription(view),
      'Pupils on roll went from 990 in 2014/15 to 1,010 in 2015/16; the forecast is 1,070 in 2017/18 (1,035 to 1,100 if it misses as past forecasts did), against 1,080 places: 0.9% spare, below the 5–7% band: too few spare places.',
    );
    assert.equal(areaDescription({ ...view, years: [] }), 'No census or forecast is held for this planning area.');
  });

  it('tables the same figures beside the chart, the forecast rounded once to whole pupils', () => {
    // 1,040.4 pupils → "1,040"; 9.6 unfilled of 1,050 = 0.914…% → "0.9%".
    assert.deepEqual(
      totalRows(view)[2]!.map((c) => c.text),
      ['2016/17 (forecast)', '1,040', '1,020 to 1,055', '1,050', '10', '0.9%', 'Below the 5–7% band: too few spare places', '0'],
    );
  });

  it('puts the admissions pressure in words: first preferences against the places', () => {
    const rows = pressureRows({
      roundId: 1,
      entryYear: 2016,
      phase: 'primary',
      admissionNumber: 150,
      firstPreferences: 170,
      applicants: 300,
      offered: 150,
      vacancies: 0,
      allocatedInto: 6,
      allocatedFromDistrict: null,
      crossBorderIn: 4,
      crossBorderOut: null,
      allocated: true,
    });
    // 170 first preferences for 150 places = 113.33…% → "113.3%".
    assert.equal(rows[0]!.value.text, 'Reception, 2016/17 entry');
    assert.equal(rows[2]!.value.text, '170 (113.3% of the places)');
    assert.equal(rows[7]!.value.text, '–');
  });

  it('gives a split-site school’s admission number on this site by its share, as its capacity and pupils are', () => {
    const school = (urn: string, share: number, capacity: number) => ({
      urn,
      name: `School ${urn}`,
      membership: { areaCode: 'A', urn, share, validFrom: null, validTo: null },
      capacity,
      admissionNumber: 60,
      pupils: capacity,
      unfilled: 0,
      excess: 0,
      forecastEntry: null,
    });
    // 60 at a 0.6 share: 36 on this site, of 60 (its capacity 420 × 0.6 = 252 beside it); a whole school: 60.
    const rows = schoolRows([school('200003', 0.6, 252), school('200001', 1, 420)]);
    assert.deepEqual(
      rows.map((r) => [r[2]!.text, r[3]!.text]),
      [
        ['252', '36 of 60'],
        ['420', '60'],
      ],
    );
  });

  it('says "Not allocated yet" for offers and places left before offer day, never 0, with preferences from the applications', () => {
    const rows = pressureRows({
      roundId: 1,
      entryYear: 2016,
      phase: 'secondary',
      allocated: false,
      admissionNumber: 150,
      firstPreferences: 170,
      applicants: 300,
      offered: 0,
      vacancies: 0,
      allocatedInto: 0,
      allocatedFromDistrict: 0,
      crossBorderIn: 4,
      crossBorderOut: 2,
    });
    assert.deepEqual(
      rows.map((r) => r.value.text),
      [
        'Year 7, 2016/17 entry (before offer day)',
        '150',
        '170 (113.3% of the places)',
        '300',
        'Not allocated yet',
        'Not allocated yet',
        'Not allocated yet',
        'Not allocated yet',
        '4',
        '2',
      ],
    );
  });
});
