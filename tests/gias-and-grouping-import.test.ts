import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readImportFile, type ImportFile } from '../src/imports/import-files.ts';

import { type Services } from '../src/services/create-services.ts';
import { databaseTargets, freshDatabase, tableCounts, type TestDatabase } from './support/databases.ts';
import { brookfieldAcademy, giasHeader, giasRow, laCodeListFile, writeFixture } from './fixtures/register-files.ts';
import { servicesFor } from './support/app.ts';

// Fictional establishments in the GIAS file's published layout (Windows-1252, dd-mm-yyyy dates, "(name)" columns).
const giasRows = [
  giasRow({
    URN: '990101',
    'LA (code)': '886',
    'LA (name)': 'Kent',
    EstablishmentNumber: '2101',
    EstablishmentName: 'Brookfield Primary School',
    'TypeOfEstablishment (name)': 'Community school',
    'EstablishmentTypeGroup (name)': 'Local authority maintained schools',
    'EstablishmentStatus (name)': 'Closed',
    OpenDate: '',
    CloseDate: '31-08-2015',
    'PhaseOfEducation (name)': 'Primary',
    StatutoryLowAge: '4',
    StatutoryHighAge: '11',
    'OfficialSixthForm (name)': 'Does not have a sixth form',
    'Gender (name)': 'Mixed',
    'ReligiousCharacter (name)': 'Does not apply',
    'AdmissionsPolicy (name)': 'Not applicable',
    NumberOfPupils: '',
    Town: 'Ashford',
    Postcode: 'TN23 1AA',
    'DistrictAdministrative (code)': 'E07000105',
    'DistrictAdministrative (name)': 'Ashford',
  }),
  giasRow({
    ...brookfieldAcademy,
    CloseDate: '',
    StatutoryLowAge: '4',
    StatutoryHighAge: '11',
    'OfficialSixthForm (name)': 'Does not have a sixth form',
    'Gender (name)': 'Mixed',
    'ReligiousCharacter (name)': 'Does not apply',
    'AdmissionsPolicy (name)': 'Not applicable',
    NumberOfPupils: '412',
    Town: 'Ashford',
  }),
  giasRow({
    URN: '990103',
    'LA (code)': '886',
    'LA (name)': 'Kent',
    EstablishmentNumber: '5401',
    EstablishmentName: 'Hilltop Grammar School for Girls',
    'TypeOfEstablishment (name)': 'Academy converter',
    'EstablishmentTypeGroup (name)': 'Academies',
    'EstablishmentStatus (name)': 'Open',
    OpenDate: '01-04-2011',
    CloseDate: '',
    'PhaseOfEducation (name)': 'Secondary',
    StatutoryLowAge: '11',
    StatutoryHighAge: '18',
    'OfficialSixthForm (name)': 'Has a sixth form',
    'Gender (name)': 'Girls',
    'ReligiousCharacter (name)': 'None',
    'AdmissionsPolicy (name)': 'Selective',
    NumberOfPupils: '1088',
    Town: 'Tonbridge',
    Postcode: 'TN9 2JP',
    'DistrictAdministrative (code)': 'E07000115',
    'DistrictAdministrative (name)': 'Tonbridge and Malling',
  }),
];
// "Brookfield" is spelled with an e-acute in one name below to exercise GIAS's Windows-1252 encoding.
const giasBytes = Buffer.from(
  `${giasHeader.map((h) => `"${h}"`).join(',')}\r\n${giasRows.join('\r\n').replace('Hilltop Grammar', 'Hilltop Caf\u00e9 Grammar')}\r\n`,
  'latin1',
);

async function read(name: string, content: string | Uint8Array): Promise<ImportFile> {
  const result = await readImportFile(writeFixture(name, content));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.file;
}

for (const target of databaseTargets()) {
  describe(`the GIAS establishment file and a grouping file (${target.name})`, () => {
    let database: TestDatabase;
    let services: Services;
    before(async () => {
      database = await freshDatabase(target);
      services = servicesFor(database, new Date('2016-01-14T00:00:00Z'));
    });
    after(() => database.drop());

    it('reads the published GIAS layout in Windows-1252 and places schools in GIAS districts', async () => {
      const gias = await read('edubasealldata20160114.csv', giasBytes);
      assert.equal(gias.format, 'gias-establishments');
      assert.equal(gias.encoding, 'Windows-1252');
      const report = await services.imports.importFiles([await read('la_code_list.csv', laCodeListFile), gias]);
      const giasReport = report.files.find((f) => f.format === 'gias-establishments')!;
      assert.deepEqual({ rows: giasReport.rows, inserted: giasReport.inserted }, { rows: 3, inserted: 3 });
      assert.ok(giasReport.notes.some((n) => n.includes('Windows-1252')));
      const grammar = await services.places.schoolPage('990103');
      assert.equal(grammar.school.name, 'Hilltop Caf\u00e9 Grammar School for Girls');
      assert.deepEqual(
        {
          sector: grammar.school.attributes.sector,
          selective: grammar.school.attributes.selective,
          governance: grammar.school.attributes.governance,
          laestab: grammar.school.attributes.laestab,
          roll: grammar.school.attributes.pupilsOnRoll,
        },
        { sector: 'secondary', selective: true, governance: 'academy', laestab: '8865401', roll: 1088 },
      );
      assert.deepEqual(
        grammar.ancestors.map((a) => a.name),
        ['England', 'South East', 'Kent', 'Tonbridge and Malling'],
      );
      // Search finds a school by LAESTAB as LAs write it (886/5401), by URN and by part of its name.
      assert.deepEqual(
        (await services.places.search('886/5401')).map((r) => r.code),
        ['990103'],
      );
      assert.deepEqual(
        (await services.places.search('990103')).map((r) => r.code),
        ['990103'],
      );
      assert.deepEqual((await services.places.search('brookfield')).map((r) => r.code).sort(), ['990101', '990102']);
      const closed = await services.places.schoolPage('990101');
      assert.equal(closed.school.status, 'closed');
      assert.equal(closed.school.closedOn, '2015-08-31');
    });

    it('defines collaborations from a grouping file with dated membership, and redefines them on re-import', async () => {
      const first = await read(
        'collaborations.csv',
        'URN,Group code,Group name,Valid from,Valid to\n990102,ASH-1,Ashford Learning Partnership,2015-09-01,\n990103,ASH-1,Ashford Learning Partnership,2014-09-01,2015-08-31\n',
      );
      await services.imports.importFiles([first]);
      const during = await services.places.placePage('grouping', 'ASH-1', '2015-01-01');
      assert.deepEqual(
        during.schools.map((s) => s.code),
        ['990103'],
      );
      const after = await services.places.placePage('grouping', 'ASH-1', '2015-10-01');
      assert.deepEqual(
        after.schools.map((s) => s.code),
        ['990102'],
      );

      const second = await read('collaborations.csv', 'URN,Group code,Group name,Valid from,Valid to\n990102,ASH-1,Ashford Learning Partnership,2015-09-01,\n');
      const report = await services.imports.importFiles([second]);
      assert.ok(report.files[0]!.notes[0]!.includes('2 earlier memberships of those groups replaced'));
      const group = (await database.store.places.find('grouping', 'ASH-1'))!;
      assert.equal((await database.store.places.members(group.id)).length, 1);
    });

    it('refuses a membership that ends before it starts, writing nothing', async () => {
      const before = await tableCounts(database.db);
      const result = await readImportFile(writeFixture('bad.csv', 'URN,Group code,Group name,Valid from,Valid to\n990102,ASH-2,Hub,2016-09-01,2015-09-01\n'));
      assert.equal(result.ok, false);
      if (!result.ok)
        assert.match(
          `${result.issues[0]!.line} ${result.issues[0]!.column} ${result.issues[0]!.message}`,
          /^2 Valid to membership ends \(2015-09-01\) before it starts \(2016-09-01\)$/,
        );
      assert.deepEqual(await tableCounts(database.db), before);
    });
  });
}
