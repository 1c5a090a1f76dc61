import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indicatorColumn, openDataFiles, type OpenDataIndicator, type OpenDataRow } from './open-data.ts';

// The DfE's open data standards (analysts' guide, "Open Data Standards"; the EES data screener's column lists):
// time_period, time_identifier, geographic_level, country_code, country_name, then the region and LA columns the
// rows' levels need, filters, indicators; meta.csv col_name, col_type, label, indicator_grouping, indicator_unit,
// indicator_dp, filter_hint, filter_grouping_column.

const ks2: OpenDataIndicator = { code: 'ks2-expected-rwm', title: 'KS2: expected standard in reading, writing and maths', unit: 'percent', decimalPlaces: 0 };
const p8: OpenDataIndicator = { code: 'progress-8', title: 'Progress 8 score', unit: 'average_score', decimalPlaces: 2 };
const kent = { level: 'Local authority', code: '886', name: 'Kent', region: { code: 'E12000008', name: 'South East' } } as const;
const row = (over: Partial<OpenDataRow>): OpenDataRow => ({
  indicator: ks2,
  period: '201516',
  periodType: 'academic',
  place: { level: 'National', code: 'E92000001', name: 'England' },
  breakdown: 'all',
  value: 53,
  symbol: null,
  ...over,
});

describe('openDataFiles: figures in the EES open-data layout with its meta.csv', () => {
  it('writes England, a region and an LA with the geography columns the LA level needs, blank where a level has none', () => {
    const { data } = openDataFiles([
      row({}),
      row({ place: { level: 'Regional', code: 'E12000008', name: 'South East' }, value: 55 }),
      row({ place: kent, value: 59.4 }),
    ]);
    assert.equal(
      data,
      'time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,breakdown,ks2_expected_rwm\n' +
        '201516,Academic year,National,E92000001,England,,,,,,Total,53\n' +
        '201516,Academic year,Regional,E92000001,England,E12000008,South East,,,,Total,55\n' +
        // 59.4 at 0 decimals is 59.
        '201516,Academic year,Local authority,E92000001,England,E12000008,South East,886,,Kent,Total,59\n',
    );
  });

  it('names the pupil group in words, keeps symbols as given, and writes a negative with a plain minus at the indicator’s decimals', () => {
    const { data } = openDataFiles([
      row({ indicator: p8, breakdown: 'ethnicity:asian', value: -0.125 }),
      row({ indicator: p8, breakdown: 'fsm', value: null, symbol: 'c' }),
      row({ indicator: p8, breakdown: 'gender:female', value: -0.001 }),
    ]);
    assert.deepEqual(data.trim().split('\n').slice(1), [
      // −0.125 rounds half away from zero to −0.13 (roundHalfUp, the DfE's round_five_up).
      '201516,Academic year,National,E92000001,England,Asian or Asian British,-0.13',
      '201516,Academic year,National,E92000001,England,Eligible for free school meals,c',
      // No "-0.00".
      '201516,Academic year,National,E92000001,England,Girls,0.00',
    ]);
  });

  it('puts each indicator in its own column, one line per period, place and pupil group, and takes the time identifier from the period type', () => {
    const { data, meta } = openDataFiles([
      row({ place: kent, value: 59 }),
      row({ indicator: p8, place: kent, value: 0.1 }),
      row({ indicator: { ...p8, code: 'births' }, period: '2016', periodType: 'calendar', place: kent, value: 17599 }),
    ]);
    const lines = data.trim().split('\n');
    assert.equal(lines[0]!.split(',').slice(-4).join(','), 'breakdown,ks2_expected_rwm,progress_8,births');
    assert.equal(lines[1], '201516,Academic year,Local authority,E92000001,England,E12000008,South East,886,,Kent,Total,59,0.10,x');
    assert.equal(lines[2], '2016,Calendar year,Local authority,E92000001,England,E12000008,South East,886,,Kent,Total,x,x,17599.00');
    assert.equal(
      meta,
      'col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column\n' +
        'breakdown,Filter,Pupil group,,,,Filter by pupil group,\n' +
        'ks2_expected_rwm,Indicator,"KS2: expected standard in reading, writing and maths",,%,0,,\n' +
        'progress_8,Indicator,Progress 8 score,,,2,,\n' +
        'births,Indicator,Progress 8 score,,,2,,\n',
    );
  });

  it('writes a figure at the decimals it is shown to, never rounding it again, and gives the column the most of them in meta.csv', () => {
    // An absence rate published to one decimal (64.5) under an indicator catalogued at none: the page shows 64.5, so
    // must the file (rounding again would write 65); a figure published whole stays whole.
    const { data, meta } = openDataFiles([row({ value: 64.5, decimalPlaces: 1 }), row({ place: kent, value: 59, decimalPlaces: 0 })]);
    assert.deepEqual(
      data
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',').at(-1)),
      ['64.5', '59'],
    );
    assert.equal(meta.trim().split('\n').at(-1), 'ks2_expected_rwm,Indicator,"KS2: expected standard in reading, writing and maths",,%,1,,');
  });

  it('writes a financial year as EES does (201415, "Financial year")', () => {
    const { data } = openDataFiles([row({ period: '201415', periodType: 'financial' })]);
    assert.match(data, /\n201415,Financial year,National,/);
  });
});

describe('indicatorColumn: an indicator code as a safe snake_case column name', () => {
  it('lower-cases, joins with underscores and starts with a letter', () => {
    assert.equal(indicatorColumn('ks2-expected-rwm'), 'ks2_expected_rwm');
    assert.equal(indicatorColumn('KS4 A*-C (EM)'), 'ks4_a_c_em');
    assert.equal(indicatorColumn('16-18-neet'), 'indicator_16_18_neet');
  });
});
