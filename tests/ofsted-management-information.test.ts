import assert from 'node:assert/strict';
import { recordsOf } from './support/records.ts';
import { after, before, describe, it } from 'node:test';
import type { ImportFile } from '../src/domain/import-file.ts';
import { readImportFile } from '../src/imports/import-files.ts';
import { writeFixture, laCodeListFile, spineHeader, spineRow } from './fixtures/register-files.ts';
import { appWithImports, type TestApp } from './support/app.ts';
import { databaseTargets, tableCounts } from './support/databases.ts';

/**
 * Ofsted's monthly management information ("State-funded school inspections and outcomes: management information"),
 * with its published column names in their published order (the columns Waymark does not read are kept, empty or
 * fictional, so the fixture reads as the real download does). Schools are fictional.
 */
const miHeader = [
  'Web link',
  'URN',
  'LAESTAB',
  'School name',
  'Ofsted phase',
  'Type of education',
  'School open date',
  'Admissions policy',
  'Sixth form',
  'Designated religious character',
  'Religious ethos',
  'Faith grouping',
  'Ofsted region',
  'Region',
  'Local authority',
  'Parliamentary constituency',
  'Postcode',
  'The income deprivation affecting children index (IDACI) quintile',
  'Total number of pupils',
  'Statutory lowest age',
  'Statutory highest age',
  'Inspection number',
  'Inspection type',
  'Inspection type grouping',
  'Event type grouping',
  'Inspection start date',
  'Inspection end date',
  'Publication date',
  'Does the latest full inspection relate to the URN of the current school?',
  'URN at time of latest full inspection',
  'LAESTAB at time of latest full inspection',
  'School name at time of latest full inspection',
  'School type at time of latest full inspection',
  'Overall effectiveness',
  'Category of concern',
  'Quality of education',
  'Behaviour and attitudes',
  'Personal development',
  'Effectiveness of leadership and management',
  'Safeguarding is effective?',
  'Early years provision (where applicable)',
  'Sixth form provision (where applicable)',
  'Previous inspection number',
  'Previous inspection start date',
  'Previous overall effectiveness',
  'Previous category of concern',
];

function miRow(v: Partial<Record<string, string>>): string {
  const base: Record<string, string> = {
    'Web link': `http://www.ofsted.gov.uk/inspection-reports/find-inspection-report/provider/ELS/${v.URN}`,
    LAESTAB: '8862999',
    'Ofsted phase': 'Primary',
    'Type of education': 'Community school',
    'Local authority': 'Kent',
    Region: 'South East',
    Postcode: 'TN23 1AA',
    'Inspection type': 'S5 Inspection',
    'Inspection type grouping': 'Section 5',
    'Event type grouping': 'Full inspection',
    'Does the latest full inspection relate to the URN of the current school?': 'Yes',
    'Safeguarding is effective?': 'Yes',
    'Early years provision (where applicable)': 'NULL',
    'Sixth form provision (where applicable)': 'NULL',
  };
  const row = { ...base, ...v };
  return miHeader.map((c) => `"${(row[c] ?? '').replace(/"/g, '""')}"`).join(',');
}

const goodSchool = miRow({
  URN: '990001',
  'School name': 'Testwell Primary School',
  'Inspection number': '10100001',
  'Inspection start date': '14/05/2019',
  'Inspection end date': '15/05/2019',
  'Overall effectiveness': '2',
  'Category of concern': '',
  'Quality of education': '2',
  'Behaviour and attitudes': '2',
  'Personal development': '1',
  'Effectiveness of leadership and management': '2',
});
// An academy converter not yet inspected: the row's judgement is its predecessor's (URN 990003).
const converter = miRow({
  URN: '990002',
  LAESTAB: '8862998',
  'School name': 'Testwell Academy',
  'Inspection number': '480001',
  'Inspection start date': '03/03/2016',
  'Overall effectiveness': '4',
  'Category of concern': 'SM',
  'Does the latest full inspection relate to the URN of the current school?': 'No',
  'URN at time of latest full inspection': '990003',
  'School name at time of latest full inspection': 'Testwell Junior School',
});
const neverInspected = miRow({ URN: '990004', LAESTAB: '8862997', 'School name': 'Testwell Free School' });
// From September 2024 Ofsted gives no overall effectiveness grade.
const ungraded = miRow({
  URN: '990005',
  LAESTAB: '8862996',
  'School name': 'Testwell Infant School',
  'Inspection number': '10300001',
  'Inspection start date': '21/01/2025',
  'Overall effectiveness': 'Not judged',
  'Quality of education': '2',
  'Behaviour and attitudes': '2',
  'Personal development': '2',
  'Effectiveness of leadership and management': '2',
});
const miFile = [miHeader.map((c) => `"${c}"`).join(','), goodSchool, converter, neverInspected, ungraded].join('\r\n') + '\r\n';

async function read(name: string, content: string): Promise<ImportFile> {
  const result = await readImportFile(writeFixture(name, content));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.file;
}

describe('Ofsted management information is read to its published columns', () => {
  it('keeps the latest inspection of every inspected school, under the URN Ofsted inspected', async () => {
    const file = await read('Management_information_-_state-funded_schools_-_latest_inspections_as_at_31_Jan_2025.csv', miFile);
    assert.equal(file.format, 'ofsted-management-information');
    assert.equal(file.skipped, 1);
    assert.match(file.notes.join(' '), /1 schools not yet inspected/);
    if (file.format !== 'ofsted-management-information') return;
    const records = await recordsOf(file.records);
    assert.deepEqual(
      records.map((r) => [r.urn, r.startedOn, r.grade, r.category]),
      [
        ['990001', '2019-05-14', 2, null],
        ['990003', '2016-03-03', 4, 'special-measures'],
        ['990005', '2025-01-21', null, null],
      ],
    );
    assert.equal(records[2]?.gradeNote, 'no overall effectiveness grade (inspections from September 2024)');
    assert.deepEqual(records[0]?.judgements['Personal development'], 1);
    assert.equal(records[0]?.judgements['Early years provision (where applicable)'], null);
  });

  it('refuses a grade that is not on the scale, naming file, line and column', async () => {
    const bad = [miHeader.map((c) => `"${c}"`).join(','), goodSchool.replace('"2","","2","2","1","2"', '"7","","2","2","1","2"')].join('\r\n');
    const result = await readImportFile(writeFixture('mi-bad.csv', bad));
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(result.issues[0], {
      file: 'mi-bad.csv',
      line: 2,
      column: 'Overall effectiveness',
      message: 'unknown grade "7" (expected 1-4, Not judged, 9 or NULL)',
    });
  });
});

for (const target of databaseTargets()) {
  describe(`a converter carries its predecessor's judgement on its page (${target.name})`, () => {
    let test: TestApp;
    before(async () => {
      const files = await Promise.all([
        read('la_code_list.csv', laCodeListFile),
        read(
          'england_spine.csv',
          [
            spineHeader,
            spineRow(),
            spineRow({ URN: '990002', ESTAB: '2998', LAESTAB: '8862998', SCHNAME: 'Testwell Academy', MINORGROUP: 'Academy', NFTYPE: 'Academy converter' }),
          ].join('\n') + '\n',
        ),
        read('links.csv', 'URN,LinkURN,LinkName,LinkType,LinkEstablishedDate\n990002,990003,Testwell Junior School,Predecessor,01-09-2017\n'),
        read('mi.csv', miFile),
      ]);
      test = await appWithImports(target, files);
    });
    after(() => test.close());

    it('says the judgement was of the predecessor, and lists it', async () => {
      const history = await test.services.ofsted.schoolHistory('990002');
      assert.deepEqual(history.current, {
        grade: 4,
        label: 'Inadequate',
        inspectedOn: '2016-03-03',
        urn: '990003',
        carried: true,
        category: 'special-measures',
      });
      const page = await test.app.inject('/schools/990002');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /made of the predecessor school \(URN 990003\)/);
      assert.match(page.body, /Special measures/);
    });

    it('a refused Ofsted file leaves the store as it was', async () => {
      const before = await tableCounts(test.database.db);
      const duplicate = await read('mi-again.csv', miFile);
      assert.ok(duplicate.format === 'ofsted-management-information');
      // The file's inspections, then one the database's check refuses (a grade of 9) in a chunk of its own.
      const records = await recordsOf(duplicate.records);
      // eslint-disable-next-line @typescript-eslint/require-await
      const chunks = async function* () {
        yield records;
        yield [{ ...records[0]!, grade: 9 }];
      };
      const broken = { ...duplicate, records: chunks } as unknown as ImportFile;
      await assert.rejects(test.services.imports.importFiles([broken]));
      assert.deepEqual(await tableCounts(test.database.db), before);
    });
  });
}
