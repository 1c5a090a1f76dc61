import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { readImportFile } from '../src/imports/import-files.ts';
import { createLog } from '../src/log.ts';
import { createAuditService } from '../src/services/audit/audit-service.ts';
import type { Services } from '../src/services/create-services.ts';
import { createApp } from '../src/web/create-app.ts';
import { brookfieldAcademy, giasHeader, giasRow, writeFixture } from './fixtures/register-files.ts';
import { readShared, servicesFor } from './support/app.ts';
import { clientOf } from './support/sign-in.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from './support/databases.ts';
import { repositoryRoot } from './support/processes.ts';

// Issue 14.6's acceptance check: a write leaves its entry; the application's role cannot change the trail (PostgreSQL
// refuses it); a superuser who slips past the trigger is found by `waymark audit verify`; concurrent writers keep one chain.

const now = new Date('2016-01-14T09:30:00.000Z');
const cli = { actor: 'cli:tester', requestId: null };
const school = giasRow(brookfieldAcademy);

type Row = { id: number; actor: string; action: string; subject: string; place_id: number | null; request_id: string | null; detail: Record<string, unknown> };

async function asOwner<T>(database: TestDatabase, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function verifyByCli(database: TestDatabase): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'audit', 'verify'], {
    cwd: repositoryRoot,
    env: { ...process.env, DATABASE_URL: database.url, WAYMARK_APP_DATABASE_URL: database.appUrl, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

for (const [index, target] of databaseTargets().entries()) {
  describe(`the audit trail (${target.name})`, () => {
    let database: TestDatabase;
    let services: Services;
    before(async () => {
      database = await freshDatabase(target);
      services = servicesFor(database, now);
    });
    after(() => database.drop());

    it('records an import file by file, and a collaboration made on the web form, with who, what and the request', async () => {
      const gias = await readImportFile(writeFixture('edubasealldata20160114.csv', `${giasHeader.map((h) => `"${h}"`).join(',')}\r\n${school}\r\n`));
      assert.ok(gias.ok);
      const report = await services.imports.importFiles([...(await readShared(['lait/la_code_list.csv'])), gias.file], cli);
      const app = await createApp(services, { log: createLog('silent'), production: true, version: 'test', commit: null });
      // Collaborations are changed by a signed-in LA administrator (ADR 0012); the trail names them by id.
      const password = 'a long enough test password';
      const adminId = await services.accounts.add({
        username: 'audit-admin',
        displayName: 'Audrey Admin',
        password,
        grants: [{ role: 'la_admin', place: null }],
      });
      try {
        const browser = clientOf(app);
        assert.equal((await browser.signIn('audit-admin', password)).statusCode, 303);
        const made = await browser.submit('/collaborations/new', '/collaborations', { code: 'AUDIT-HUB', name: 'Audit hub', members: '990102, 2015-09-01,' });
        assert.equal(made.statusCode, 303, made.body);
        const ended = await browser.submit('/collaborations/new', '/collaborations', {
          code: 'AUDIT-HUB',
          name: 'Audit hub',
          members: '990102, 2015-09-01, 2015-12-31',
          editing: 'yes',
        });
        assert.equal(ended.statusCode, 303, ended.body);
      } finally {
        await app.close();
      }
      const rows = (await database.db.selectFrom('audit_event').selectAll().orderBy('id').execute()) as unknown as Row[];
      const imports = rows.filter((r) => r.action === 'import.file' && r.actor === 'cli:tester');
      assert.deepEqual(
        imports.map((r) => [r.subject, r.detail.rows]),
        report.files.map((f) => [`batch:${f.batchId}`, f.rows]),
      );
      const collaboration = rows.filter((r) => r.action.startsWith('collaboration.'));
      assert.deepEqual(
        collaboration.map((r) => [r.action, r.actor, r.subject]),
        [
          ['collaboration.create', `user:${adminId}`, 'grouping:AUDIT-HUB'],
          ['collaboration.end', `user:${adminId}`, 'grouping:AUDIT-HUB'],
        ],
      );
      assert.ok(collaboration.every((r) => r.place_id !== null && r.request_id !== null));
      // The form's own import is recorded with the same request: ids and counts, no names.
      assert.ok(rows.some((r) => r.action === 'import.file' && r.request_id === collaboration[0]!.request_id));
      assert.doesNotMatch(JSON.stringify(rows), /Brookfield|Audit hub|Audrey|audit-admin/);
      assert.deepEqual(await services.audit.verify(), { checked: rows.length, broken: null });
    });

    it("refuses to change or remove an entry as the application's role, and as the owner while the trigger stands", async () => {
      const role = await sql<{
        name: string;
        superuser: boolean;
      }>`select current_user as name, rolsuper as superuser from pg_roles where rolname = current_user`.execute(database.db);
      if (target.appUrl !== target.adminUrl) assert.deepEqual(role.rows[0], { name: 'waymark_app', superuser: false });
      const { id } = await database.db.selectFrom('audit_event').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
      // Refused by the grants (permission denied) or, for the trigger, by ownership: as a function each, so none is left unawaited.
      for (const attempt of [
        () => database.db.updateTable('audit_event').set({ actor: 'system' }).where('id', '=', id).execute(),
        () => database.db.deleteFrom('audit_event').where('id', '=', id).execute(),
        () => sql`truncate audit_event`.execute(database.db),
        () => sql`alter table audit_event disable trigger audit_event_append_only`.execute(database.db),
      ])
        await assert.rejects(attempt, (error: Error & { code?: string }) => error.code === '42501');
      await asOwner(database, async (owner) => {
        await assert.rejects(owner.query('update audit_event set actor = $1 where id = $2', ['system', id]), /audit_event is append-only: UPDATE refused/);
        await assert.rejects(owner.query('delete from audit_event where id = $1', [id]), /audit_event is append-only: DELETE refused/);
        await assert.rejects(owner.query('truncate audit_event'), /audit_event is append-only: TRUNCATE refused/);
      });
    });

    it('keeps one chain when many writers record at once', async () => {
      const trail = createAuditService(database.store, () => now, createLog('silent'));
      const before = await services.audit.verify();
      await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          database.store.transaction(async (tx) => trail.record(tx, { actor: 'system', requestId: `r${i}` }, { action: 'test.concurrent', subject: `n:${i}` })),
        ),
      );
      const after = await services.audit.verify();
      assert.deepEqual(after, { checked: before.checked + 24, broken: null });
    });

    // The CLI is run on one version (it takes a few seconds to start); the service it calls is checked on both.
    it('names the entry a superuser changed behind the trigger (waymark audit verify)', async () => {
      const all = await database.db.selectFrom('audit_event').select(['id']).orderBy('id').execute();
      const victim = all[Math.floor(all.length / 2)]!.id;
      if (index === 0) {
        const intact = verifyByCli(database);
        assert.equal(intact.status, 0, intact.stderr);
        assert.match(intact.stdout, new RegExp(`audit trail intact: ${all.length} entries`));
      }
      await asOwner(database, async (owner) => {
        await owner.query('begin');
        await owner.query('set local session_replication_role = replica');
        await owner.query(`update audit_event set detail = jsonb_set(detail, '{rows}', '1') where id = $1`, [victim]);
        await owner.query('commit');
      });
      const found = await services.audit.verify();
      assert.deepEqual([found.broken?.id, found.broken?.reason, found.checked], [victim, 'changed', all.findIndex((r) => r.id === victim)]);
      if (index === 0) {
        const broken = verifyByCli(database);
        assert.equal(broken.status, 1, broken.stdout);
        assert.match(broken.stderr, new RegExp(`audit trail broken at entry ${victim} \\(changed\\)`));
      }
      // A removed entry is named by the one that followed it.
      await asOwner(database, async (owner) => {
        await owner.query('begin');
        await owner.query('set local session_replication_role = replica');
        await owner.query(`delete from audit_event where id = $1`, [all[1]!.id]);
        await owner.query('commit');
      });
      const removed = await services.audit.verify();
      assert.deepEqual([removed.broken?.id, removed.broken?.reason], [all[2]!.id, 'removed']);
    });
  });
}
