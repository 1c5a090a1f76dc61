import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { hashFile } from '../src/imports/csv-table.ts';
import { readImportFile } from '../src/imports/import-files.ts';
import type { Services } from '../src/services/create-services.ts';
import type { ImportReport, UnreadFile } from '../src/services/imports/import-service.ts';
import { servicesFor } from './support/app.ts';
import { mappings } from './support/catalogue.ts';
import { databaseTargets, freshDatabase, tableCounts, type TestDatabase } from './support/databases.ts';
import { sharedFile } from './support/shared-data.ts';

/** Files named and hashed as `waymark import` names them (src/cli/commands/import.ts), read only if the service asks. */
async function unread(paths: readonly string[], reads: string[]): Promise<UnreadFile[]> {
  return Promise.all(
    paths.map(async (path) => {
      const hashed = await hashFile(path);
      if (!hashed.ok) throw new Error(JSON.stringify(hashed.issues));
      return { file: basename(path), hash: hashed.hash, read: () => (reads.push(basename(path)), readImportFile(path, mappings)) };
    }),
  );
}

const held = (report: ImportReport) => report.files.filter((f) => f.unread === true).map((f) => [f.file, f.batchId]);

for (const target of databaseTargets()) {
  describe(`importing an unchanged file again (issue 20.3, ${target.name})`, () => {
    let database: TestDatabase;
    let services: Services;
    let folder: string;
    // Two small real files, written LA list first (domain/import-file.ts importWriteOrder).
    let laList: string;
    let neighbours: string;
    const version = async () => (await database.store.dataVersion.current()).version;
    const importAs = async (reader: string, paths: readonly string[]) => {
      const reads: string[] = [];
      const report = await services.imports.importUnread(await unread(paths, reads), reader);
      return { report, reads };
    };

    before(async () => {
      database = await freshDatabase(target);
      services = servicesFor(database, new Date('2026-12-04T10:00:00Z'));
      folder = mkdtempSync(join(tmpdir(), 'waymark-unchanged-'));
      laList = join(folder, 'la_code_list.csv');
      neighbours = join(folder, 'sn_april_2021.csv');
      copyFileSync(sharedFile('lait/la_code_list.csv'), laList);
      copyFileSync(sharedFile('lait/sn_april_2021.csv'), neighbours);
    });
    after(async () => {
      rmSync(folder, { recursive: true, force: true });
      await database.drop();
    });

    it('costs a hash check when nothing has changed since: no file read, no batch, no row, the data version where it was, each held file audited', async () => {
      const first = await importAs('reader-1', [neighbours, laList]);
      assert.deepEqual(first.reads.sort(), ['la_code_list.csv', 'sn_april_2021.csv']);
      const batches = Object.fromEntries(first.report.files.map((f) => [f.file, f.batchId]));
      const counts = await tableCounts(database.db);
      const before = await version();

      const again = await importAs('reader-1', [neighbours, laList]);
      assert.deepEqual(again.reads, [], 'neither file was read');
      assert.deepEqual(held(again.report).sort(), [
        ['la_code_list.csv', batches['la_code_list.csv']],
        ['sn_april_2021.csv', batches['sn_april_2021.csv']],
      ]);
      assert.ok(again.report.files.every((f) => f.inserted + f.updated + f.closed === 0));
      assert.deepEqual(await tableCounts(database.db), counts);
      assert.equal(await version(), before, 'pages kept under the data version stay kept');
      const { rows } = await sql<{ subject: string }>`select subject from audit_event where action = 'import.unchanged' order by subject`.execute(database.db);
      assert.deepEqual(
        rows.map((r) => r.subject),
        [`batch:${batches['la_code_list.csv']}`, `batch:${batches['sn_april_2021.csv']}`].sort(),
      );
      // The LA list alone is read: its import wrote the neighbour lists after it (a file written later may have
      // overwritten what it wrote, which reading it alone would put back).
      assert.deepEqual((await importAs('reader-1', [laList])).reads, ['la_code_list.csv']);
    });

    it('reads a held file again when a file written before it is read: that file may have changed the store under it', async () => {
      // The LA list with a trailing blank line: other bytes, so it is read; the neighbour lists, written after it, are read too.
      writeFileSync(laList, `${readFileSync(laList, 'utf8')}\n`);
      const changed = await importAs('reader-1', [neighbours, laList]);
      assert.deepEqual(changed.reads.sort(), ['la_code_list.csv', 'sn_april_2021.csv']);
      assert.deepEqual(held(changed.report), []);
      assert.ok(
        changed.report.files.every((f) => f.inserted + f.updated + f.closed === 0),
        'the same rows: nothing written',
      );
      // Both are held by the batches just made.
      assert.equal(held((await importAs('reader-1', [neighbours, laList])).report).length, 2);
    });

    it('reads the files again with another reader (a new version of Waymark, other mappings or options), another day, or after any other change', async () => {
      assert.deepEqual((await importAs('reader-2', [neighbours])).reads, ['sn_april_2021.csv']);
      assert.equal(held((await importAs('reader-2', [neighbours])).report).length, 1);
      // The next day (a register is read as of a day, school outcomes to its academic year): read, then held that day.
      const tomorrow = servicesFor(database, new Date('2026-12-05T10:00:00Z'));
      const reads: string[] = [];
      await tomorrow.imports.importUnread(await unread([neighbours], reads), 'reader-2');
      assert.deepEqual(reads, ['sn_april_2021.csv']);
      assert.equal(held(await tomorrow.imports.importUnread(await unread([neighbours], []), 'reader-2')).length, 1);
      assert.deepEqual((await importAs('reader-2', [neighbours])).reads, ['sn_april_2021.csv'], 'and read again on the day before');
      // Another change committed since (here a file imported without the check, as the web form for collaborations does).
      const read = await readImportFile(laList, mappings);
      assert.ok(read.ok);
      await services.imports.importFiles([read.file]);
      assert.deepEqual((await importAs('reader-2', [neighbours])).reads, ['sn_april_2021.csv']);
    });
  });
}
