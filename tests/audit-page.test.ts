import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { createLog } from '../src/log.ts';
import { createAuditService } from '../src/services/audit/audit-service.ts';
import type { Services } from '../src/services/create-services.ts';
import { createApp } from '../src/web/create-app.ts';
import { readShared, servicesFor } from './support/app.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from './support/databases.ts';
import { clientOf, type Client } from './support/sign-in.ts';

// Issue 14.7: administrators read the audit trail at /audit (filters, newest first, 100 a page) and download it as CSV
// (the whole filtered set, the download itself recorded); the chain's check shows a superuser's rewrite.

const password = 'a long enough test password';
const bulk = 230;

/** The entry ids a page lists, in the order shown. */
function idsOn(body: string): number[] {
  return [...body.matchAll(/<tr class="govuk-table__row">\s*<td class="govuk-table__cell">(\d+)<\/td>/g)].map((m) => Number(m[1]));
}

/** An address from a page's link (the template escapes & as &amp;). */
function link(body: string, label: RegExp): string | null {
  for (const [, href, text] of body.matchAll(/<a[^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)) if (label.test(text!)) return href!.replace(/&amp;/g, '&');
  return null;
}

for (const target of databaseTargets()) {
  describe(`the /audit page (${target.name})`, () => {
    let database: TestDatabase;
    let services: Services;
    let app: FastifyInstance;
    let admin: Client;
    let adminId: number;
    let kentId: number;
    let now = new Date('2026-07-14T12:00:00Z');

    before(async () => {
      database = await freshDatabase(target);
      const log = createLog('silent');
      services = servicesFor(database, () => now, log);
      await services.imports.importFiles(await readShared(['lait/la_code_list.csv']), { actor: 'cli:tester', requestId: null });
      kentId = (await database.store.places.find('la', '886'))!.id;
      adminId = await services.accounts.add({ username: 'audit-admin', displayName: 'Audrey Admin', password, grants: [{ role: 'la_admin', place: null }] });
      await services.accounts.add({ username: 'no-role', displayName: 'Nora Role', password, grants: [] });
      const trail = createAuditService(database.store, () => now, log);
      for (let i = 1; i <= bulk; i++)
        await database.store.transaction((tx) => trail.record(tx, { actor: 'system', requestId: `bulk-${i}` }, { action: 'test.bulk', subject: `n:${i}` }));
      await database.store.transaction((tx) =>
        trail.record(
          tx,
          { actor: `user:${adminId}`, requestId: 'req-kent' },
          { action: 'collaboration.save', subject: 'grouping:KENT-HUB', placeId: kentId, detail: { memberships: 3 } },
        ),
      );
      // 00:30 on 15 July in England (BST), still 14 July in UTC.
      now = new Date('2026-07-14T23:30:00Z');
      await database.store.transaction((tx) =>
        trail.record(
          tx,
          { actor: 'cli:night-owl', requestId: null },
          { action: 'test.night', subject: "=cmd|' /C calc'!A0", detail: { note: 'a, "quoted" value', rows: 2 } },
        ),
      );
      app = await createApp(services, { log, production: true, version: 'test', commit: null });
      admin = clientOf(app);
      assert.equal((await admin.signIn('audit-admin', password)).statusCode, 303);
    });
    after(async () => {
      await app.close();
      await database.drop();
    });

    it('sends someone not signed in to sign in, and refuses a signed-in user who is not an LA administrator', async () => {
      for (const url of ['/audit', '/audit.csv']) {
        const anonymous = await clientOf(app).request({ method: 'GET', url });
        assert.equal(anonymous.statusCode, 303, url);
        assert.equal(anonymous.headers.location, `/sign-in?next=${encodeURIComponent(url)}`);
      }
      const plain = clientOf(app);
      assert.equal((await plain.signIn('no-role', password)).statusCode, 303);
      for (const url of ['/audit', '/audit.csv']) assert.equal((await plain.request({ method: 'GET', url })).statusCode, 403, url);
      assert.doesNotMatch((await plain.request({ method: 'GET', url: '/' })).body, /href="\/audit"/, 'no header link for them');
      assert.match((await admin.request({ method: 'GET', url: '/' })).body, /href="\/audit">Audit trail</);
    });

    it('lists the newest entries first with who by name and id, the action in words, the time in England and the place linked', async () => {
      const page = await admin.request({ method: 'GET', url: '/audit' });
      assert.equal(page.statusCode, 200, page.body);
      const ids = idsOn(page.body);
      assert.equal(ids.length, 100);
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => b - a),
      );
      assert.match(page.body, /<time datetime="2026-07-14T23:30:00.000Z">15 July 2026, 00:30:00<\/time>/);
      assert.match(page.body, new RegExp(`Audrey Admin <span class="govuk-hint govuk-!-display-inline">user:${adminId}</span>`));
      assert.match(page.body, /Saved a collaboration <span[^>]*>collaboration.save<\/span>/);
      assert.match(page.body, /<a class="govuk-link" href="\/places\/la\/886">Kent<\/a>/);
      assert.match(page.body, /<option value="test.bulk"/, 'the actions held are offered');
      assert.match(page.body, /=cmd\|&#39; \/C calc&#39;!A0/, 'a subject is shown escaped');
    });

    it('narrows the entries by who, action, subject, place, request and date', async () => {
      const shown = async (query: string) => {
        const page = await admin.request({ method: 'GET', url: `/audit?${query}` });
        assert.equal(page.statusCode, 200, `${query}: ${page.body.slice(0, 300)}`);
        return page.body;
      };
      const byUsername = await shown('actor=audit-admin');
      assert.ok(idsOn(byUsername).length >= 2, 'the admin added the user and saved a collaboration');
      assert.deepEqual(idsOn(byUsername), idsOn(await shown(`actor=user:${adminId}`)));
      assert.doesNotMatch(byUsername, /test\.bulk<\/span>|cli:night-owl/);
      assert.equal(idsOn(await shown('action=test.bulk')).length, 100);
      assert.equal(idsOn(await shown('action=test.bulk&subject=n:7')).length, 1);
      assert.equal(idsOn(await shown('place-kind=la&place-code=886')).length, 1);
      assert.equal(idsOn(await shown('request=bulk-42')).length, 1);
      // Days are England's: 23:30 UTC on 14 July is 00:30 on 15 July there (the sign-ins of these tests came then too).
      const times = (body: string) => new Set([...body.matchAll(/<time datetime="([^"]+)"/g)].map((m) => m[1]));
      const night = await shown('from-day=15&from-month=7&from-year=2026&to-day=15&to-month=7&to-year=2026');
      assert.match(night, /cli:night-owl/);
      assert.deepEqual(times(night), new Set(['2026-07-14T23:30:00.000Z']));
      assert.deepEqual(times(await shown('to-day=14&to-month=7&to-year=2026')), new Set(['2026-07-14T12:00:00.000Z']));
    });

    it('says what is wrong with a filter beside its field, with a 400', async () => {
      const unknown = await admin.request({ method: 'GET', url: '/audit?actor=nobody-here' });
      assert.equal(unknown.statusCode, 400);
      assert.match(unknown.body, /<title>Error: Audit trail – Waymark<\/title>/);
      assert.match(unknown.body, /href="#actor">There is no user with the username nobody-here/);
      const wrongDate = await admin.request({ method: 'GET', url: '/audit?from-day=31&from-month=2&from-year=2026' });
      assert.equal(wrongDate.statusCode, 400);
      assert.match(wrongDate.body, /Date from must be a real date/);
      const noPlace = await admin.request({ method: 'GET', url: '/audit?place-kind=la&place-code=999' });
      assert.match(noPlace.body, /There is no local authority with the code 999/i);
      assert.equal((await admin.request({ method: 'GET', url: `/audit?before=${'9'.repeat(40)}` })).statusCode, 400);
    });

    it('pages through the filtered entries 100 at a time, older and back to newer, keeping the filters', async () => {
      const first = await admin.request({ method: 'GET', url: '/audit?action=test.bulk' });
      assert.equal(link(first.body, /Newer entries/), null);
      const olderHref = link(first.body, /Older entries/);
      assert.ok(olderHref?.includes('action=test.bulk'), String(olderHref));
      const second = await admin.request({ method: 'GET', url: olderHref! });
      const third = await admin.request({ method: 'GET', url: link(second.body, /Older entries/)! });
      const pages = [first, second, third].map((p) => idsOn(p.body));
      assert.deepEqual(
        pages.map((p) => p.length),
        [100, 100, 30],
      );
      assert.equal(new Set(pages.flat()).size, bulk, 'every bulk entry once');
      assert.equal(link(third.body, /Older entries/), null);
      const back = await admin.request({ method: 'GET', url: link(third.body, /Newer entries/)! });
      assert.deepEqual(idsOn(back.body), pages[1]);
    });

    it('downloads every filtered entry as CSV, fields made safe for a spreadsheet, and records the download by id', async () => {
      const csv = await admin.request({ method: 'GET', url: '/audit.csv?action=test.bulk' });
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      // The clock stands at 2026-07-14T23:30Z, 00:30 on 15 July in England (BST): the file is named for England's day.
      assert.match(String(csv.headers['content-disposition']), /attachment; filename="audit-trail-2026-07-15.csv"/);
      const lines = csv.body.trimEnd().split('\r\n');
      assert.equal(lines[0], 'id,occurred_at,actor,action,subject,place_kind,place_code,request_id,detail,entry_hash,previous_hash');
      assert.equal(lines.length, 1 + bulk, 'the whole filtered set, not one page');
      assert.match(lines[1]!, /^\d+,2026-07-14T12:00:00.000Z,system,test.bulk,n:1,,,bulk-1,\{\},[0-9a-f]{64},[0-9a-f]{64}$/);

      const night = await admin.request({ method: 'GET', url: '/audit.csv?actor=cli:night-owl' });
      const row = night.body.trimEnd().split('\r\n')[1]!;
      assert.ok(row.includes(`,'=cmd|' /C calc'!A0,`), row);
      assert.ok(row.includes(`"{""note"":""a, \\""quoted\\"" value"",""rows"":2}"`), row);
      const kent = await admin.request({ method: 'GET', url: '/audit.csv?place-kind=la&place-code=886' });
      assert.match(kent.body.split('\r\n')[1]!, new RegExp(`,user:${adminId},collaboration.save,grouping:KENT-HUB,la,886,req-kent,`));

      const exports = await database.db
        .selectFrom('audit_event')
        .select(['actor', 'detail', 'request_id'])
        .where('action', '=', 'audit.export')
        .orderBy('id')
        .execute();
      assert.equal(exports.length, 3);
      assert.deepEqual(
        exports.map((e) => [e.actor, e.detail]),
        [
          [`user:${adminId}`, { action: 'test.bulk' }],
          [`user:${adminId}`, { actor: 'cli:night-owl' }],
          [`user:${adminId}`, { place: kentId }],
        ],
      );
      assert.ok(exports.every((e) => e.request_id !== null));
      const byName = await admin.request({ method: 'GET', url: '/audit.csv?actor=audit-admin' });
      assert.equal(byName.statusCode, 200);
      const last = await database.db
        .selectFrom('audit_event')
        .select('detail')
        .where('action', '=', 'audit.export')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      assert.deepEqual(last.detail, { actor: `user:${adminId}` }, 'a username filter is recorded as the id it names');
    });

    it('checks the whole chain when asked: whole, then broken at the entry a superuser changed', async () => {
      const whole = await admin.request({ method: 'GET', url: '/audit?verify=yes' });
      const count = (await database.db.selectFrom('audit_event').select('id').execute()).length;
      assert.match(whole.body, new RegExp(`Chain verified: ${count} entries whole`));
      const victim = (await database.db.selectFrom('audit_event').select('id').where('subject', '=', 'n:50').executeTakeFirstOrThrow()).id;
      const owner = new pg.Client({ connectionString: database.url });
      await owner.connect();
      try {
        await owner.query('begin');
        await owner.query('set local session_replication_role = replica');
        await owner.query(`update audit_event set subject = 'n:5000' where id = $1`, [victim]);
        await owner.query('commit');
      } finally {
        await owner.end();
      }
      const broken = await admin.request({ method: 'GET', url: '/audit?verify=yes&action=test.bulk' });
      assert.match(broken.body, new RegExp(`Chain broken at entry ${victim}`));
      assert.match(broken.body, /was changed: its fields no longer give its hash/);
      assert.equal(idsOn(broken.body).length, 100, 'the filtered entries are still listed');
      assert.doesNotMatch((await admin.request({ method: 'GET', url: '/audit' })).body, /Chain (broken|verified)/, 'checked only when asked');
    });
  });
}
