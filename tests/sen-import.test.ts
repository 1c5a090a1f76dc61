import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { generateCounty } from '../src/demo/generate-county.ts';
import { senCaseListColumns } from '../src/domain/casework/ehc-case-list.ts';
import { readSenCaseList } from '../src/imports/sen/sen-case-list.ts';
import { createLog } from '../src/log.ts';
import { senDemoStep } from '../src/services/casework/sen/sen-demo-step.ts';
import type { Services } from '../src/services/create-services.ts';
import { writeDemoCounty } from '../src/services/demo/demo-county-writer.ts';
import { createApp } from '../src/web/create-app.ts';
import { servicesFor } from './support/app.ts';
import { databaseTargets, freshDatabase, tableCounts, type TestDatabase } from './support/databases.ts';
import { waymarkBin } from './support/processes.ts';
import { clientOf, type Client } from './support/sign-in.ts';

// Bulk import of existing EHC needs assessment cases (issue 15, item 6): Swale's cases of the demo county, downloaded
// from the task list of one Waymark, load into an empty one and make the same SEN figures; loading them again (or the
// new Waymark's own download) writes nothing; one bad row among good ones writes nothing and is named by line and
// column; a caseworker of Thanet cannot load a case of Swale.

const password = 'correct horse battery staple';
const swale = 'E07000113';
const thanet = 'E07000114';

type Side = { database: TestDatabase; services: Services; app: FastifyInstance; swaleId: number };

for (const target of databaseTargets()) {
  describe(`SEN case list import on ${target.name}`, () => {
    // The demo's casework runs to 2016; the import is made on 1 December 2026 (no step of the list is in the future).
    const now = new Date('2026-12-01T10:00:00Z');
    const county = generateCounty(2013);
    let source: Side;
    let dest: Side;
    let swaleCsv: string;
    let swaleRows: number;
    let swaleClient: Client;
    let thanetClient: Client;

    const side = async (withSen: boolean): Promise<Side> => {
      const database = await freshDatabase(target);
      const log = createLog('silent');
      const services = servicesFor(database, now, log);
      await services.catalogue.sync();
      await database.store.transaction(async (tx) => {
        await writeDemoCounty(tx, county, 2013, 'test', () => {});
        if (!withSen) return;
        const batchId = await tx.register.openBatch({ fileName: 'demo sen', fileHash: 'test', format: 'demo-casework:sen', rowCount: 0 });
        await senDemoStep.write(tx, county, 2013, [2012, 2013, 2014, 2015, 2016], batchId);
      });
      if (withSen) {
        // Every child is born before their request (the new-request form refuses otherwise, and so does the import).
        const unborn = await sql<{ n: number }>`select count(*)::int as n from sen_child c join sen_request r on r.child_id = c.id
          where c.date_of_birth > r.received_on`.execute(database.db);
        assert.equal(unborn.rows[0]!.n, 0, 'children born after their own request in the demo');
      }
      for (const [username, code] of [
        ['sen-swale', swale],
        ['sen-thanet', thanet],
      ] as const)
        await services.accounts.add({ username, displayName: username, password, grants: [{ role: 'sen_caseworker', place: { kind: 'district', code } }] });
      const app = await createApp(services, { log, production: true, version: 'test', commit: null });
      const swaleId = (await database.store.places.find('district', swale))!.id;
      return { database, services, app, swaleId };
    };
    const signedIn = async (s: Side, username: string) => {
      const client = clientOf(s.app);
      assert.equal((await client.signIn(username, password)).statusCode, 303);
      return client;
    };
    /** Swale's SEN figures, by indicator and period, from the observations (made from the records by each Waymark). */
    const swaleFigures = async (s: Side) =>
      (
        await s.database.db
          .selectFrom('observation as o')
          .innerJoin('place as p', 'p.id', 'o.place_id')
          .select(['o.indicator_code', 'o.period', 'o.value', 'o.numerator', 'o.denominator'])
          .where('o.indicator_code', 'in', ['sen-plans-issued-in-time', 'pupils-with-statutory-plan', 'independent-special-placements'])
          .where('p.code', '=', swale)
          .where('o.breakdown', '=', 'all')
          .execute()
      ).map((o) => [`${o.indicator_code} ${o.period}`, [Number(o.value), Number(o.numerator), o.denominator === null ? null : Number(o.denominator)]] as const);
    const caseCount = async (s: Side) =>
      Number(
        (
          await s.database.db
            .selectFrom('sen_request' as never)
            .select(({ fn }) => fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const fingerprint = async (s: Side) => ({
      ...(await tableCounts(s.database.db)),
      requests: await caseCount(s),
      audits: Number(
        (
          await s.database.db
            .selectFrom('audit_event')
            .select(({ fn }) => fn.countAll().as('n'))
            .where('action', '=', 'sen.import')
            .executeTakeFirstOrThrow()
        ).n,
      ),
    });
    const swaleScope = () => ({ kind: 'places', placeIds: new Set([dest.swaleId]) }) as const;
    const who = { actor: 'cli:test', requestId: null };
    const importText = (text: string) => {
      const read = readSenCaseList('cases.csv', new TextEncoder().encode(text));
      assert.ok('rows' in read, JSON.stringify(read));
      return dest.services.sen.importCases(swaleScope(), who, 'cases.csv', read.rows);
    };

    before(async () => {
      source = await side(true);
      dest = await side(false);
      const download = await (await signedIn(source, 'sen-swale')).request({ method: 'GET', url: '/sen/export.csv' });
      assert.equal(download.statusCode, 200);
      swaleCsv = download.body;
      swaleRows = swaleCsv.trim().split('\r\n').length - 1;
      swaleClient = await signedIn(dest, 'sen-swale');
      thanetClient = await signedIn(dest, 'sen-thanet');
    });
    after(async () => {
      for (const s of [source, dest]) {
        await s.app.close();
        await s.database.drop();
      }
    });

    it('loads Swale’s download into an empty Waymark: the same cases and the same SEN figures', async () => {
      // The count of Swale's requests in the source, by SQL over its tables: the rows the download must hold.
      const held = (
        await sql<{
          n: number;
        }>`select count(*)::integer as n from sen_request r join sen_child c on c.id = r.child_id where c.place_id = ${source.swaleId}`.execute(
          source.database.db,
        )
      ).rows[0]!;
      assert.equal(swaleRows, Number(held.n));
      assert.ok(swaleRows > 500, `${swaleRows} cases: a district's share of Kent-scale casework`);
      const result = await importText(swaleCsv);
      assert.deepEqual(result, { written: swaleRows, unchanged: 0, batchId: (result as { batchId: number }).batchId });
      assert.equal(await caseCount(dest), swaleRows);
      // Every figure the source made for Swale (2012-2016 and 2011/12-2015/16) is made again, equal, from the imported records.
      const made = new Map(await swaleFigures(dest));
      const expected = await swaleFigures(source);
      assert.ok(expected.length >= 15, `${expected.length} figures: three indicators over five years`);
      for (const [key, value] of expected) assert.deepEqual(made.get(key), value, key);
      assert.equal((await fingerprint(dest)).audits, swaleRows, 'each case written is audited');
    });

    it('writes nothing when the same file is loaded again, or the new Waymark’s own download', async () => {
      const before_ = await fingerprint(dest);
      const again = await importText(swaleCsv);
      assert.deepEqual(again, { written: 0, unchanged: swaleRows, batchId: null });
      const ownDownload = await swaleClient.request({ method: 'GET', url: '/sen/export.csv' });
      assert.deepEqual(await importText(ownDownload.body), { written: 0, unchanged: swaleRows, batchId: null });
      assert.deepEqual(await fingerprint(dest), before_);
    });

    it('reads a case anonymised by the retention rule (no names) back as unchanged, and refuses a nameless case it does not hold', async () => {
      // The demo's stock children were 3 to 18 in January 2012 (sen-casework.ts): those born by 2000 are anonymised.
      const anonymised = await dest.database.store.sen.anonymiseChildrenBornOnOrBefore('2000-01-01', '2026-12-01');
      assert.ok(anonymised > 0);
      const before_ = await fingerprint(dest);
      const download = await swaleClient.request({ method: 'GET', url: '/sen/export.csv' });
      assert.match(download.body, /\r\n\d+,,,\d{4}-01-01,/, 'an anonymised case is listed with no names');
      assert.deepEqual(await importText(download.body), { written: 0, unchanged: swaleRows, batchId: null });
      const nameless = download.body
        .split('\r\n')
        .find((l) => /^\d+,,,/.test(l))!
        .replace(/^\d+/, '999999');
      const refused = await importText(`${senCaseListColumns.join(',')}\r\n${nameless}\r\n`);
      assert.ok('issues' in refused);
      assert.deepEqual([refused.issues[0]!.line, refused.issues[0]!.column], [2, 'given_name']);
      assert.deepEqual(await fingerprint(dest), before_);
    });

    const header = senCaseListColumns.join(',');
    const good = (given: string) =>
      `,${given},Ashdown,2015-04-02,,${swale},,2025-01-06,parent,assess,2025-02-10,2025-04-28,plan,2025-05-19,,,,,,2025-09-01 maintained-special`;

    it('refuses a file with one bad row among good ones, naming its line and column, and writes nothing', async () => {
      const before_ = await fingerprint(dest);
      // Line 3: the final plan dated before the draft (SEND Regulations 2014: the draft comes first; ehc-steps.ts).
      const bad = good('Maya').replace('plan,2025-05-19', 'plan,2025-04-01');
      const result = await importText(`${header}\r\n${good('Leo')}\r\n${bad}\r\n${good('Iris')}\r\n`);
      assert.deepEqual(result, {
        issues: [{ file: 'cases.csv', line: 3, column: 'outcome_on', message: 'The final plan cannot be dated before the draft (2025-04-28)' }],
      });
      assert.deepEqual(await fingerprint(dest), before_);
    });

    it('refuses on the page a case of a district outside the caseworker’s, with the error summary naming line and column', async () => {
      const before_ = await fingerprint(dest);
      const response = await thanetClient.submit('/sen/import', '/sen/import', { fileName: 'swale.csv', csv: `${header}\n${good('Leo')}\n` });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /The case list was not imported: nothing was written/);
      assert.match(response.body, /swale\.csv, line 2, column district_code: The district is outside the places you work on/);
      assert.deepEqual(await fingerprint(dest), before_);
    });

    it('loads a good file on the page, with the counts in a success banner, and the task list links to it', async () => {
      const tasks = await swaleClient.request({ method: 'GET', url: '/sen' });
      assert.match(tasks.body, /href="\/sen\/import"/);
      const page = await swaleClient.request({ method: 'GET', url: '/sen/import' });
      assert.equal(page.statusCode, 200);
      const response = await swaleClient.submit('/sen/import', '/sen/import', { fileName: '', csv: `\uFEFF${header}\n${good('Leo')}\n${good('Iris')}\n` });
      assert.equal(response.statusCode, 200, response.body.slice(0, 2000));
      assert.match(response.body, /2 cases imported and the SEN figures of the years they touch remade; 0 cases already held and unchanged\./);
      assert.equal(await caseCount(dest), swaleRows + 2);
    });

    it('loads a case list from the command line, and refuses a bad one with file:line:column and a non-zero exit', async () => {
      const folder = mkdtempSync(path.join(tmpdir(), 'waymark-sen-'));
      const waymark = (file: string) =>
        spawnSync(process.execPath, [waymarkBin, 'sen', 'import', file], {
          encoding: 'utf8',
          env: { ...process.env, DATABASE_URL: dest.database.url, LOG_LEVEL: 'warn' },
        });
      try {
        writeFileSync(path.join(folder, 'good.csv'), `${header}\n${good('Ada')}\n`);
        writeFileSync(path.join(folder, 'bad.csv'), `${header}\n${good('Ben').replace('parent', 'grandparent')}\n`);
        const bad = waymark(path.join(folder, 'bad.csv'));
        assert.equal(bad.status, 1, bad.stderr);
        assert.match(bad.stderr, /Import refused, nothing was written:\n {2}bad\.csv, line 2, column requested_by: Choose who asked for the assessment/);
        const loaded = waymark(path.join(folder, 'good.csv'));
        assert.equal(loaded.status, 0, loaded.stderr);
        assert.match(loaded.stdout, /good\.csv as batch \d+: 1 cases added, 0 already held and unchanged/);
        const again = waymark(path.join(folder, 'good.csv'));
        assert.match(again.stdout, /good\.csv: 0 cases added, 1 already held and unchanged/);
        assert.equal(await caseCount(dest), swaleRows + 3);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });
  });
}
