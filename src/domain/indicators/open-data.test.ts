import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indicatorColumn, openDataArchive, openDataFiles, openDataSets, type OpenDataIndicator, type OpenDataRow } from './open-data.ts';

// The DfE's open data standards (analysts' guide, "Open Data Standards"; the EES data screener's column lists):
// time_period, time_identifier, geographic_level, country_code, country_name, then the region and LA columns the
// rows' levels need, filters, indicators; meta.csv col_name, col_type, label, indicator_grouping, indicator_unit,
// indicator_dp, filter_hint, filter_grouping_column.

const ks2: OpenDataIndicator = { code: 'ks2-expected-rwm', title: 'KS2: expected standard in reading, writing and maths', unit: 'percent', decimalPlaces: 0 };
const p8: OpenDataIndicator = { code: 'progress-8', title: 'Progress 8 score', unit: 'average_score', decimalPlaces: 2 };
const southEast = { code: 'E12000008', name: 'South East' } as const;
const kent = { level: 'Local authority', code: '886', name: 'Kent', region: southEast } as const;
const kentLa = { code: '886', newCode: 'E10000016', name: 'Kent' } as const;
const thanet = { level: 'Local authority district', code: 'E07000114', name: 'Thanet', region: southEast, la: kentLa } as const;
const school = { level: 'School', code: '118765', name: 'Chartham Primary School', laestab: '8862001', region: southEast, la: kentLa } as const;
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

  it('puts each indicator in its own column, one line per period, place and pupil group, with x where a line has no figure for one', () => {
    const { data, meta } = openDataFiles([
      row({ place: kent, value: 59 }),
      row({ indicator: p8, place: kent, value: 0.1 }),
      row({ indicator: { ...p8, code: 'attainment-8', title: 'Attainment 8 score', decimalPlaces: 1 }, period: '201617', place: kent, value: 46.1 }),
    ]);
    const lines = data.trim().split('\n');
    assert.equal(lines[0]!.split(',').slice(-4).join(','), 'breakdown,ks2_expected_rwm,progress_8,attainment_8');
    assert.equal(lines[1], '201516,Academic year,Local authority,E92000001,England,E12000008,South East,886,,Kent,Total,59,0.10,x');
    assert.equal(lines[2], '201617,Academic year,Local authority,E92000001,England,E12000008,South East,886,,Kent,Total,x,x,46.1');
    assert.equal(
      meta,
      'col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column\n' +
        'breakdown,Filter,Pupil group,,,,Filter by pupil group,\n' +
        'ks2_expected_rwm,Indicator,"KS2: expected standard in reading, writing and maths",,%,0,,\n' +
        'progress_8,Indicator,Progress 8 score,,,2,,\n' +
        'attainment_8,Indicator,Attainment 8 score,,,1,,\n',
    );
  });

  it('refuses to put two kinds of year, or schools beside other levels, in one data file', () => {
    // The guide, "Specific time standards": "you cannot have Academic year and Calendar year data in the same data
    // file"; "Allowable geographic levels": "any files consisting of school-level data should be standalone data files".
    const births = { ...p8, code: 'births', title: 'Live births' };
    assert.throws(
      () => openDataFiles([row({}), row({ indicator: births, period: '2016', periodType: 'calendar' })]),
      /one kind of year, not Academic year and Calendar year/,
    );
    assert.throws(() => openDataFiles([row({}), row({ place: school })]), /school-level figures are a data file of their own/);
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

describe('openDataFiles: the levels a built table can hold', () => {
  it('writes a district with its LA and region above it, in lad_code and lad_name', () => {
    // The guide's "Allowable geographic levels": Local authority district, lad_code and lad_name; "local authorities all
    // have a region, in these cases you should include the higher level information too".
    const { data } = openDataFiles([row({ place: kent, value: 59 }), row({ place: thanet, value: 51 })]);
    assert.equal(
      data,
      'time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,lad_code,lad_name,breakdown,ks2_expected_rwm\n' +
        '201516,Academic year,Local authority,E92000001,England,E12000008,South East,886,,Kent,,,Total,59\n' +
        '201516,Academic year,Local authority district,E92000001,England,E12000008,South East,886,E10000016,Kent,E07000114,Thanet,Total,51\n',
    );
  });

  it('writes a school as geographic_level School with its URN, LAESTAB and name after its LA (and region)', () => {
    // The guide: "School | school_name, school_urn, school_laestab, old_la_code, new_la_code, la_name", and school files
    // "should also include LA level information"; codes before the name, as old_la_code, new_la_code, la_name.
    const { data } = openDataFiles([
      row({ place: school, value: 71 }),
      row({ place: { ...school, code: '118766', name: 'Unknown LAESTAB', laestab: null }, value: 64 }),
    ]);
    assert.equal(
      data,
      'time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,school_urn,school_laestab,school_name,breakdown,ks2_expected_rwm\n' +
        '201516,Academic year,School,E92000001,England,E12000008,South East,886,E10000016,Kent,118765,8862001,Chartham Primary School,Total,71\n' +
        '201516,Academic year,School,E92000001,England,E12000008,South East,886,E10000016,Kent,118766,,Unknown LAESTAB,Total,64\n',
    );
  });
});

describe('openDataArchive: as many data files as the figures need, each with its meta.csv', () => {
  it('gives data.csv and meta.csv where the figures fit one data file, as the indicator page does', () => {
    const files = openDataArchive([row({}), row({ place: kent, value: 59 })]);
    assert.deepEqual(
      files.map((f) => f.name),
      ['data.csv', 'meta.csv'],
    );
    assert.equal(files[0]!.text, openDataFiles([row({}), row({ place: kent, value: 59 })]).data);
  });

  it('splits academic and calendar years, and schools from the other levels, into named pairs listed in dataset_names.csv', () => {
    // The guide: "If you have different types of year such academic, calendar, and financial, these should be in
    // separate files"; "The metadata file should have exactly the same name as the data file, with a suffix of
    // '.meta'"; several data files in one ZIP as EES's bulk upload takes them (eesyscreener check_zip_pairs: `{stem}.csv`
    // and `{stem}.meta.csv` at the root; check_zip_manifest_format: dataset_names.csv with file_name, dataset_name).
    const births = { code: 'births', title: 'Live births', unit: 'count', decimalPlaces: 0 } as const;
    const rows = [
      row({ place: kent, value: 59 }),
      row({ place: school, value: 71 }),
      row({ indicator: births, period: '2016', periodType: 'calendar', place: kent, value: 17599 }),
      row({ period: '201617', place: kent, value: 61 }),
    ];
    const files = openDataArchive(rows);
    assert.deepEqual(
      files.map((f) => f.name),
      [
        'dataset_names.csv',
        'academic_year.csv',
        'academic_year.meta.csv',
        'academic_year_schools.csv',
        'academic_year_schools.meta.csv',
        'calendar_year.csv',
        'calendar_year.meta.csv',
      ],
    );
    assert.equal(
      files[0]!.text,
      'file_name,dataset_name\nacademic_year,By academic year\nacademic_year_schools,"Schools, by academic year"\ncalendar_year,By calendar year\n',
    );
    const byName = new Map(files.map((f) => [f.name, f.text]));
    assert.deepEqual(byName.get('academic_year.csv')!.trim().split('\n').slice(1), [
      '201516,Academic year,Local authority,E92000001,England,E12000008,South East,886,,Kent,Total,59',
      '201617,Academic year,Local authority,E92000001,England,E12000008,South East,886,,Kent,Total,61',
    ]);
    assert.equal(
      byName.get('calendar_year.csv'),
      'time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,breakdown,births\n2016,Calendar year,Local authority,E92000001,England,E12000008,South East,886,,Kent,Total,17599\n',
    );
    assert.match(byName.get('calendar_year.meta.csv')!, /\nbirths,Indicator,Live births,,,0,,\n$/);
    assert.match(
      byName.get('academic_year_schools.csv')!,
      /\n201516,Academic year,School,E92000001,England,E12000008,South East,886,E10000016,Kent,118765,8862001,Chartham Primary School,Total,71\n$/,
    );
    // Each set's files are those of its rows alone.
    assert.deepEqual(
      openDataSets(rows).map((s) => s.stem),
      ['academic_year', 'academic_year_schools', 'calendar_year'],
    );
  });

  it('writes a financial year as its own data file beside an academic one (both six digits, still two kinds of year)', () => {
    const files = openDataArchive([row({}), row({ period: '201516', periodType: 'financial', indicator: { ...p8, code: 'spend' } })]);
    assert.deepEqual(
      files.map((f) => f.name),
      ['dataset_names.csv', 'academic_year.csv', 'academic_year.meta.csv', 'financial_year.csv', 'financial_year.meta.csv'],
    );
  });
});

describe('indicatorColumn: an indicator code as a safe snake_case column name', () => {
  it('lower-cases, joins with underscores and starts with a letter', () => {
    assert.equal(indicatorColumn('ks2-expected-rwm'), 'ks2_expected_rwm');
    assert.equal(indicatorColumn('KS4 A*-C (EM)'), 'ks4_a_c_em');
    assert.equal(indicatorColumn('16-18-neet'), 'indicator_16_18_neet');
  });
});
