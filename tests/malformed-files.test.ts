import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ImportRejectedError } from '../src/domain/errors.ts';
import { readImportFile } from '../src/imports/import-files.ts';

import { type Services } from '../src/services/create-services.ts';
import { databaseTargets, freshDatabase, tableCounts, type TestDatabase } from './support/databases.ts';
import { laCodeListFile, spineHeader, spineRow, writeFixture } from './fixtures/register-files.ts';
import { servicesFor } from './support/app.ts';

/** Read a file the way `waymark import` does and return the error text it gives. */
async function refusal(name: string, content: string | Uint8Array): Promise<string> {
  const read = await readImportFile(writeFixture(name, content));
  assert.equal(read.ok, false, 'the file is refused');
  if (read.ok) throw new Error('unreachable');
  return new ImportRejectedError(read.issues).message;
}

describe('a malformed register file is refused with its file, line and column', () => {
  it('names an unknown header', async () => {
    const message = await refusal('mystery.csv', 'Foo,Bar\n1,2\n');
    assert.match(message, /mystery\.csv, line 1: unknown header \(Foo, Bar\)/);
  });

  it('names a bad date', async () => {
    const message = await refusal('spine.csv', `${spineHeader}\n${spineRow()}\n${spineRow({ URN: '990002', OPENDATE: '20180231' })}\n`);
    assert.match(message, /spine\.csv, line 3, column OPENDATE: bad date "20180231" \(expected a real date written yyyymmdd\)/);
  });

  it('names an unknown code', async () => {
    const message = await refusal('spine.csv', `${spineHeader}\n${spineRow({ ICLOSE: '7' })}\n`);
    assert.match(message, /spine\.csv, line 2, column ICLOSE: unknown ICLOSE status "7"/);
  });

  it('names a truncated row', async () => {
    const cut = spineRow({ URN: '990002' }).split(',').slice(0, 12).join(',');
    const message = await refusal('spine.csv', `${spineHeader}\n${spineRow()}\n${cut}\n`);
    assert.match(message, /spine\.csv, line 3, column ICLOSE: truncated row: 12 of 31 columns/);
  });

  it('names the wrong encoding', async () => {
    const latin1 = Buffer.concat([Buffer.from(`${spineHeader}\n`), Buffer.from(spineRow({ SCHNAME: 'St Ren\u00e9e School' }), 'latin1'), Buffer.from('\n')]);
    const message = await refusal('spine.csv', latin1);
    assert.match(message, /spine\.csv, line 2: not valid UTF-8: byte 0xE9 at character \d+ of the line/);
  });

  it('names a duplicate URN with the line it first appeared on', async () => {
    const message = await refusal('spine.csv', `${spineHeader}\n${spineRow()}\n${spineRow({ SCHNAME: 'Again' })}\n`);
    assert.match(message, /spine\.csv, line 3, column URN: duplicate URN 990001 \(first on line 2\)/);
  });
});

for (const target of databaseTargets()) {
  describe(`a refused import leaves the store exactly as it was (${target.name})`, () => {
    let database: TestDatabase;
    let services: Services;
    before(async () => {
      database = await freshDatabase(target);
      services = servicesFor(database, new Date('2024-01-01T00:00:00Z'));
      const seed = await readImportFile(writeFixture('la_code_list.csv', laCodeListFile));
      assert.ok(seed.ok);
      await services.imports.importFiles([seed.file]);
    });
    after(() => database.drop());

    it('writes nothing when a school names an LA the store does not know, even from the other files of the same import', async () => {
      const before = await tableCounts(database.db);
      const good = await readImportFile(writeFixture('grouping.csv', 'URN,Group code,Group name,Valid from,Valid to\n'));
      const spine = await readImportFile(
        writeFixture('spine.csv', `${spineHeader}\n${spineRow()}\n${spineRow({ URN: '990002', LA: '999', LAESTAB: '9992999' })}\n`),
      );
      assert.ok(good.ok && spine.ok);
      await assert.rejects(services.imports.importFiles([spine.file, good.file]), (error: Error) => {
        assert.ok(error instanceof ImportRejectedError);
        assert.match(error.message, /spine\.csv, line 3, column LA: unknown code: LA 999 is not in the store/);
        return true;
      });
      assert.deepEqual(await tableCounts(database.db), before);
    });

    it('writes nothing when a grouping file names a URN that is not a school', async () => {
      const spine = await readImportFile(writeFixture('spine.csv', `${spineHeader}\n${spineRow()}\n`));
      assert.ok(spine.ok);
      await services.imports.importFiles([spine.file]);
      const before = await tableCounts(database.db);
      const grouping = await readImportFile(
        writeFixture('hubs.csv', 'URN,Group code,Group name,Valid from,Valid to\n990001,HUB1,Ashford hub,2015-09-01,\n123456,HUB1,Ashford hub,2015-09-01,\n'),
      );
      assert.ok(grouping.ok);
      await assert.rejects(
        services.imports.importFiles([grouping.file]),
        /hubs\.csv, line 3, column URN: unknown code: URN 123456 is not a school in the register/,
      );
      assert.deepEqual(await tableCounts(database.db), before);
    });

    it('records each batch with its file, hash, rows and counts', async () => {
      const file = await readImportFile(
        writeFixture('spine.csv', `${spineHeader}\n${spineRow({ SCHNAME: 'Testwell Primary Academy' })}\n${spineRow({ URN: '990003' })}\n`),
      );
      assert.ok(file.ok);
      const report = await services.imports.importFiles([file.file]);
      assert.deepEqual(
        { inserted: report.files[0]!.inserted, updated: report.files[0]!.updated, rows: report.files[0]!.rows },
        { inserted: 1, updated: 1, rows: 2 },
      );
      const [latest] = await database.store.register.batches(1);
      assert.equal(latest!.fileName, 'spine.csv');
      assert.equal(latest!.fileHash, file.file.hash);
      assert.match(latest!.fileHash, /^[0-9a-f]{64}$/);
    });
  });
}
