import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openDataArchive } from '../indicators/open-data.ts';
import { builtTablesOpenData, placesWithoutLevel } from './built-table-open-data.ts';
import type { BuiltTable } from './built-table.ts';

// Issue 19.3: a built table downloads in the DfE's open-data layout (analysts' guide, "Open Data Standards"), its
// figures exactly as the table shows them. The tables here are written by hand; each expected line is read off them.

const cell = (value: number | null, symbol: 'c' | null = null, decimalPlaces = 1) => ({ value, symbol, decimalPlaces });
const southEast = { code: 'E12000008', name: 'South East' };
const kentLa = { code: '886', newCode: 'E10000016', name: 'Kent' };
const neet: BuiltTable = {
  indicator: { code: 'neet-16-17', title: 'NEET 16-17', unit: 'percent', decimalPlaces: 1, polarity: 'lower_is_better', source: 'DfE', periodType: 'academic' },
  periods: ['202122', '202223'],
  rows: [
    { place: { kind: 'la', code: '886', name: 'Kent', region: southEast, newCode: 'E10000016' }, group: 'all', cells: [cell(5.1), cell(null, 'c')] },
    { place: { kind: 'country', code: 'E92000001', name: 'England' }, group: 'all', cells: [cell(4.7), null] },
  ],
};
const births: BuiltTable = {
  // A permalink kept before the kind of year was: it comes from the catalogue.
  indicator: { code: 'births', title: 'Live births', unit: 'count', decimalPlaces: 0, polarity: 'none', source: 'ONS' },
  periods: ['2022'],
  rows: [{ place: { kind: 'district', code: 'E07000114', name: 'Thanet', region: southEast, la: kentLa }, group: 'all', cells: [cell(1320, null, 0)] }],
};

describe('builtTablesOpenData: a built table’s figures as open-data rows', () => {
  it('gives every figure shown, year by year, with its symbol and decimals, leaving out cells with no figure', () => {
    const rows = builtTablesOpenData([neet], () => 'academic');
    assert.deepEqual(
      rows.map((r) => [r.period, r.place.level, r.place.name, r.value, r.symbol, r.decimalPlaces]),
      [
        ['202122', 'Local authority', 'Kent', 5.1, null, 1],
        ['202122', 'National', 'England', 4.7, null, 1],
        ['202223', 'Local authority', 'Kent', null, 'c', 1],
      ],
    );
    assert.deepEqual(openDataArchive(rows)[0]!.text.trim().split('\n').slice(1), [
      '202122,Academic year,Local authority,E92000001,England,E12000008,South East,886,E10000016,Kent,Total,5.1',
      '202122,Academic year,National,E92000001,England,,,,,,Total,4.7',
      '202223,Academic year,Local authority,E92000001,England,E12000008,South East,886,E10000016,Kent,Total,c',
    ]);
  });

  it('takes the kind of year kept with the table, else the catalogue’s, so mixed tables split into a file each', () => {
    const rows = builtTablesOpenData([neet, births], (code) => (code === 'births' ? 'calendar' : 'academic'));
    // Years in order of the year they end in: 2021/22, 2022 (a calendar year), 2022/23.
    assert.deepEqual(
      rows.map((r) => [r.period, r.periodType]),
      [
        ['202122', 'academic'],
        ['202122', 'academic'],
        ['2022', 'calendar'],
        ['202223', 'academic'],
      ],
    );
    const files = new Map(openDataArchive(rows).map((f) => [f.name, f.text]));
    assert.equal(
      files.get('calendar_year.csv'),
      'time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,lad_code,lad_name,breakdown,births\n' +
        '2022,Calendar year,Local authority district,E92000001,England,E12000008,South East,886,E10000016,Kent,E07000114,Thanet,Total,1320\n',
    );
  });

  it('writes a school at the School level with its LAESTAB, and names pupil groups in words', () => {
    const table: BuiltTable = {
      ...neet,
      periods: ['202223'],
      rows: [
        {
          place: { kind: 'school', code: '118765', name: 'Chartham Primary School', region: southEast, la: kentLa, laestab: '8862001' },
          group: 'fsm',
          cells: [cell(12.5)],
        },
      ],
    };
    assert.deepEqual(
      openDataArchive(builtTablesOpenData([table], () => 'academic'))[0]!
        .text.trim()
        .split('\n'),
      [
        'time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,school_urn,school_laestab,school_name,breakdown,neet_16_17',
        '202223,Academic year,School,E92000001,England,E12000008,South East,886,E10000016,Kent,118765,8862001,Chartham Primary School,Eligible for free school meals,12.5',
      ],
    );
  });

  it('names the places the layout has no level for (an LA’s own grouping), and refuses to write them', () => {
    const grouped: BuiltTable = {
      ...neet,
      rows: [...neet.rows, { place: { kind: 'grouping', code: 'SWALE-HUB', name: 'Swale hub' }, group: 'all', cells: [cell(6), null] }],
    };
    assert.deepEqual(placesWithoutLevel([neet, grouped]), ['Swale hub']);
    assert.deepEqual(placesWithoutLevel([neet]), []);
    assert.throws(() => builtTablesOpenData([grouped], () => 'academic'), /no geographic level for Swale hub/);
  });
});
