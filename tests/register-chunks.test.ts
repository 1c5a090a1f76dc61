import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readImportFile, type ImportFile } from '../src/imports/import-files.ts';
import type { Services } from '../src/services/create-services.ts';
import { databaseTargets, freshDatabase, tableCounts, type TestDatabase } from './support/databases.ts';
import { giasHeader, giasKentPrimary, giasRow, laCodeListFile, spineHeader, spineRow, writeFixture } from './fixtures/register-files.ts';
import { servicesFor } from './support/app.ts';

// Files of schools, postcodes and inspections are screened and written 1,000 rows at a time (issue 20.5,
// school-register-file.ts, chunk-reader.ts): what holds across the whole file must hold across chunks as it did when a
// file was read whole. Rows are numbered from line 2, so
// the school of row i is on line i + 2; 2,500 schools make three chunks.

const count = 2_500;
const urnOf = (i: number) => String(800_000 + i);
/** Row i of a GIAS file of Kent primaries in Ashford, with `change` making some rows otherwise. */
function giasBytes(change: (i: number) => string | null = () => null): Buffer {
  const rows = Array.from({ length: count }, (_, i) => change(i) ?? giasKentPrimary(urnOf(i), `School ${i}`, 'E07000105', 'Ashford'));
  // Windows-1252, as GIAS publishes: "’" is the byte 0x92 (Latin-1 would write it as the control character U+0092).
  const text = `${giasHeader.map((h) => `"${h}"`).join(',')}\r\n${rows.join('\r\n')}\r\n`.replace('School 2400', 'St Mary\u0092s School 2400');
  return Buffer.from(text, 'latin1');
}

async function read(name: string, content: string | Uint8Array): Promise<ImportFile> {
  const result = await readImportFile(writeFixture(name, content));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.file;
}

async function refusal(name: string, content: string | Uint8Array) {
  const result = await readImportFile(writeFixture(name, content));
  assert.ok(!result.ok, 'the file should be refused');
  return result.issues.map((i) => `${i.line} ${i.column}: ${i.message}`);
}

for (const target of databaseTargets()) {
  describe(`a register or Ofsted file read a chunk at a time (${target.name})`, () => {
    let database: TestDatabase;
    let services: Services;
    before(async () => {
      database = await freshDatabase(target);
      services = servicesFor(database, new Date('2016-01-14T00:00:00Z'));
      await services.imports.importFiles([await read('la_code_list.csv', laCodeListFile)]);
    });
    after(() => database.drop());

    it('writes every school of a GIAS file, an LA it alone names and a district by the name its last school gives', async () => {
      const file = await read(
        'edubasealldata.csv',
        giasBytes((i) =>
          i === 2_450
            ? giasRow({
                ...rowOf(i),
                'LA (code)': '670',
                'LA (name)': 'Ceredigion',
                'DistrictAdministrative (code)': 'W06000008',
                'DistrictAdministrative (name)': 'Ceredigion',
              })
            : i === 2_499
              ? giasKentPrimary(urnOf(i), `School ${i}`, 'E07000105', 'Ashford Borough')
              : null,
        ),
      );
      assert.equal(file.encoding, 'Windows-1252');
      const report = await services.imports.importFiles([file]);
      const gias = report.files.find((f) => f.format === 'gias-establishments')!;
      assert.deepEqual({ rows: gias.rows, inserted: gias.inserted }, { rows: count, inserted: count });
      assert.ok(gias.notes.includes('1 LAs named only in this file were added without a region: 670'), gias.notes.join(' | '));
      // The district is new to the store: it takes the name of the last school naming it (line 2,501), as when the
      // file was read whole, not the name of the first chunk's schools.
      assert.equal((await database.store.places.find('district', 'E07000105'))?.name, 'Ashford Borough');
      assert.equal((await database.store.places.find('la', '670'))?.name, 'Ceredigion');
      const first = await services.places.schoolPage(urnOf(0));
      assert.deepEqual(
        first.ancestors.map((a) => a.name),
        ['England', 'South East', 'Kent', 'Ashford Borough'],
      );
      assert.equal((await services.places.schoolPage(urnOf(2_400))).school.name, 'St Mary\u2019s School 2400');
      assert.equal((await services.places.schoolPage(urnOf(2_450))).ancestors.at(-1)?.name, 'Ceredigion');
      // The file as first written, read again: the one school that moved from LA 670 back to Kent is updated (a
      // district's name is the district's, not the school's).
      const again = await services.imports.importFiles([await read('edubasealldata.csv', giasBytes())]);
      const second = again.files.find((f) => f.format === 'gias-establishments')!;
      assert.deepEqual({ inserted: second.inserted, updated: second.updated }, { inserted: 0, updated: 1 });
    });

    it('refuses a URN given again in a later chunk, naming both lines, and writes nothing', async () => {
      const before = await tableCounts(database.db);
      const issues = await refusal(
        'edubasealldata.csv',
        giasBytes((i) => (i === 2_400 ? giasKentPrimary(urnOf(0), 'Again', 'E07000105', 'Ashford') : null)),
      );
      assert.deepEqual(issues, ['2402 URN: duplicate URN 800000 (first on line 2)']);
      assert.deepEqual(await tableCounts(database.db), before);
    });

    it('refuses a spine naming an LA the store lacks first in a later chunk, at that line, and writes nothing', async () => {
      const rows = Array.from({ length: count }, (_, i) =>
        spineRow({ URN: urnOf(i), SCHNAME: `School ${i}`, ...(i >= 1_700 ? { LA: '999', ESTAB: '2001', LAESTAB: '9992001' } : { ESTAB: '', LAESTAB: '' }) }),
      );
      const file = await read('england_spine_2017-18.csv', `${spineHeader}\n${rows.join('\n')}\n`);
      const before = await tableCounts(database.db);
      await assert.rejects(services.imports.importFiles([file]), (error: Error & { issues?: { line: number | null; message: string }[] }) => {
        assert.deepEqual(
          error.issues?.map((i) => `${i.line}: ${i.message}`),
          ['1702: unknown code: LA 999 is not in the store (import the DfE LA code list first, e.g. lait/la_code_list.csv)'],
        );
        return true;
      });
      assert.deepEqual(await tableCounts(database.db), before);
    });

    it('refuses a row the CSV cannot read in a later chunk for that alone, as when the file was read whole', async () => {
      const issues = await refusal(
        'edubasealldata.csv',
        giasBytes((i) => (i === 5 ? giasRow({ ...rowOf(i), URN: 'x' }) : i === 2_300 ? '"800000","886"' : null)),
      );
      assert.equal(issues.length, 1);
      assert.match(issues[0]!, /^2302 LA \(name\): truncated row: 2 of \d+ columns/);
    });

    it('refuses postcodes naming a county the store lacks first in a later chunk, at that line, and writes nothing', async () => {
      const postcodes = Array.from({ length: count }, (_, i) => {
        const county = i >= 2_300 ? 'E10000099' : 'E10000016';
        return `ME${Math.floor(i / 100) + 1} ${i % 10}${'ABCDEFGHJKLNPQRSTUWXYZ'[Math.floor(i / 10) % 10]}A,575000,155000,${county},E07000110,E05005000`;
      });
      const file = await read(
        'codepoint_postcodes.csv',
        `Postcode,Eastings,Northings,Admin_county_code,Admin_district_code,Admin_ward_code\n${postcodes.join('\n')}\n`,
      );
      const before = await tableCounts(database.db);
      await assert.rejects(services.imports.importFiles([file]), (error: Error & { issues?: { line: number | null; message: string }[] }) => {
        assert.deepEqual(
          error.issues?.map((i) => `${i.line}: ${i.message}`),
          ['2302: unknown code: county E10000099 is not a local authority in the store (import the LA code list first)'],
        );
        return true;
      });
      assert.deepEqual(await tableCounts(database.db), before);
    });

    it('writes a grade history whose repeated inspection is a chunk apart once', async () => {
      // Row 2,400 repeats row 0's inspection with the same grade: kept once, the repeat counted as skipped.
      const rows = Array.from({ length: count }, (_, i) => (i === 2_400 ? `${urnOf(0)},Good,20120101` : `${urnOf(i)},Good,20120101`));
      const file = await read('ratings.csv', `URN,Rating,Inspection Date\n${rows.join('\n')}\n`);
      assert.equal(file.skipped, 1);
      const report = await services.imports.importFiles([file]);
      assert.deepEqual(
        report.files.map((f) => [f.inserted, f.notes[f.notes.length - 1]]),
        [[count - 1, '2499 inspections stored with unofficial provenance (a scrape of Ofsted report pages, not an Ofsted dataset)']],
      );
      const different = rows.map((r, i) => (i === 2_400 ? `${urnOf(0)},Outstanding,20120101` : r));
      assert.deepEqual(await refusal('ratings.csv', `URN,Rating,Inspection Date\n${different.join('\n')}\n`), [
        '2402 Rating: URN 800000 inspected 2012-01-01 is graded 1 here and 2 on line 2',
      ]);
    });
  });
}

/** The fields of row i of the GIAS file above, to change one. */
function rowOf(i: number): Record<string, string> {
  const cells = giasKentPrimary(urnOf(i), `School ${i}`, 'E07000105', 'Ashford').slice(1, -1).split('","');
  return Object.fromEntries(giasHeader.map((h, k) => [h, cells[k] ?? '']));
}

describe('a file whose header reads otherwise once the whole file is decoded', () => {
  it('is refused as the whole-file reader refuses it, not as changed', async () => {
    // A GIAS links file saved with a UTF-8 byte-order mark and a Windows-1252 "’" (0x92) past the first 64 KB: read as
    // Windows-1252, as its bytes are not all UTF-8, its header starts "ï»¿URN", which no format reads.
    const rows = Array.from({ length: 3_000 }, (_, i) => `${urnOf(i)},${urnOf(i + 5_000)},School${i === 2_500 ? '\x92s' : ''},Successor,01-09-2015`);
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(`URN,LinkURN,LinkName,LinkType,LinkEstablishedDate\n${rows.join('\n')}\n`, 'latin1'),
    ]);
    const issues = await refusal('links.csv', bytes);
    assert.equal(issues.length, 1);
    assert.match(issues[0]!, /^1 null: unknown header \(ï»¿URN, LinkURN/);
  });
});
