import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { createLog } from '../src/log.ts';
import type { Services } from '../src/services/create-services.ts';
import { createApp } from '../src/web/create-app.ts';
import { readShared, servicesFor } from './support/app.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from './support/databases.ts';
import { clientOf, type Client } from './support/sign-in.ts';

// Issue 19.7: a release is a draft, then approved by a second administrator with its publication time, then published
// when the clock reaches that time (domain/releases/). Before then its permalink is a 404 to the public and to a
// signed-in user not on its pre-release list, and to a user on the list until 24 hours before publication (the
// Pre-release Access to Official Statistics Order 2008); its administrators see a preview marked "Not yet published".
// The table is a real one: Kent's permanent exclusion rate from the DfE's exclusions release, permalinked by the
// table builder.

const password = 'a long enough test password';
const approvedAt = new Date('2026-12-02T09:00:00Z');
// 4 December 2026, 9:30am in England (GMT, so 09:30 UTC).
const publishAt = new Date('2026-12-04T09:30:00Z');

for (const target of databaseTargets()) {
  describe(`releases from draft to published, unseen before (${target.name})`, () => {
    let database: TestDatabase;
    let services: Services;
    let app: FastifyInstance;
    let now = new Date('2026-12-01T10:00:00Z');
    let permalinkId: string;
    const ids: Record<string, number> = {};

    const as = async (username: string | null): Promise<Client> => {
      const client = clientOf(app);
      if (username !== null) assert.equal((await client.signIn(username, password)).statusCode, 303, `${username} signs in`);
      return client;
    };
    const principal = (username: string) => ({
      userId: ids[username]!,
      username,
      displayName: username,
      grants: [{ id: 1, role: 'la_admin' as const, placeId: null, validFrom: '2026-01-01', validTo: null }],
    });
    const status = async (username: string | null, url: string) => (await (await as(username)).request({ method: 'GET', url })).statusCode;
    /** A draft by administrator A with the table permalinked in `before`. */
    const draftWithTable = async (title: string) => {
      const draft = await services.releases.create(principal('admin-a'), { title, summary: 'S.', commentary: '', methodology: '', footnotes: '' });
      assert.ok(draft.ok);
      assert.ok((await services.releases.addTable(principal('admin-a'), draft.id, permalinkId)).ok);
      return draft;
    };

    before(async () => {
      database = await freshDatabase(target);
      const log = createLog('silent');
      services = servicesFor(database, () => now, log);
      await services.imports.importFiles(await readShared(['lait/la_code_list.csv', 'exclusions-la/clean_la_data.csv']), {
        actor: 'cli:tester',
        requestId: null,
      });
      for (const [username, grants] of [
        ['admin-a', [{ role: 'la_admin', place: null }]],
        ['admin-b', [{ role: 'la_admin', place: null }]],
        ['listed', [{ role: 'la_officer', place: { kind: 'la', code: '886' } }]],
        ['unlisted', [{ role: 'la_officer', place: { kind: 'la', code: '886' } }]],
      ] as const)
        ids[username] = await services.accounts.add({ username, displayName: `User ${username}`, password, grants: [...grants] });
      const held = await services.tables.held(['permanent-exclusion-rate'], ['la:886']);
      assert.ok(held.periods.length >= 2, `Kent's exclusion rates are held for several years: ${held.periods.join(', ')}`);
      permalinkId = await services.tables.savePermalink({
        indicators: ['permanent-exclusion-rate'],
        places: ['la:886'],
        from: held.periods[0]!,
        to: held.periods.at(-1)!,
        groups: ['all'],
      });
      app = await createApp(services, { log, production: true, version: 'test', commit: null });
    });
    after(async () => {
      await app?.close();
      await database?.drop();
    });

    it('goes from draft to approved to published, visible to the public only from its publication time', async () => {
      // Administrator A drafts it through the pages, adding the table by its permalink address.
      const a = await as('admin-a');
      const created = await a.submit('/releases/manage/new', '/releases/manage/new', {
        title: 'Kent exclusions, 2016/17',
        summary: 'Permanent exclusions in Kent’s schools.',
        commentary: 'First paragraph.\n\nSecond <script>paragraph</script>.',
        methodology: 'From the DfE’s exclusions release.',
        footnotes: 'Rates are per 100 pupils.\nRevised figures.',
      });
      assert.equal(created.statusCode, 303, created.body);
      const manage = created.headers.location!.split('?')[0]!;
      const id = Number(manage.split('/').at(-1));
      const refused = await a.submit(manage, `${manage}/tables`, { permalink: 'http://localhost/tables/permalink/aaaaaaaaaaaaaaaa' });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /No table has this permalink/);
      assert.equal((await a.submit(manage, `${manage}/tables`, { permalink: `http://localhost:3000/tables/permalink/${permalinkId}` })).statusCode, 303);
      assert.equal((await a.submit(manage, `${manage}/pre-release`, { username: 'listed' })).statusCode, 303);

      // A draft has no permalink, and is not listed; its administrators see it.
      assert.doesNotMatch((await (await as(null)).request({ method: 'GET', url: '/releases' })).body, /Kent exclusions/);
      assert.equal(await status('admin-b', manage), 200);
      assert.equal(await status('listed', manage), 403);

      // Four eyes: its author may not approve it; the form is not offered and the service refuses.
      assert.doesNotMatch((await a.request({ method: 'GET', url: manage })).body, /Approve for publication/);
      const own = await services.releases.approve(principal('admin-a'), id, '2026-12-04', '09:30');
      assert.ok(!own.ok && /another administrator must approve/.test(own.problems[0]!.message));

      // Administrator B approves it for 4 December 2026 at 9:30am.
      now = approvedAt;
      const b = await as('admin-b');
      const past = await b.submit(manage, `${manage}/approve`, { 'publish-day': '1', 'publish-month': '12', 'publish-year': '2026', 'publish-time': '09:30' });
      assert.equal(past.statusCode, 400);
      assert.match(past.body, /now or later/);
      // An approval covers what the approver read: a page shown before the release last changed is refused.
      const stale = await b.submit(manage, `${manage}/approve`, {
        'publish-day': '4',
        'publish-month': '12',
        'publish-year': '2026',
        'publish-time': '09:30',
        edited: '2026-11-30T00:00:00.000Z',
      });
      assert.equal(stale.statusCode, 400);
      assert.match(stale.body, /changed since you opened it/);
      // Saving the text unchanged, or moving a table past the end, changes nothing and leaves the author the last editor.
      const before = (await services.releases.manage(principal('admin-b'), id)).release.editedBy;
      await services.releases.moveTable(principal('admin-b'), id, 99, 'down');
      assert.equal((await services.releases.manage(principal('admin-b'), id)).release.editedBy, before);
      const approved = await b.submit(manage, `${manage}/approve`, {
        'publish-day': '4',
        'publish-month': '12',
        'publish-year': '2026',
        'publish-time': '09:30',
      });
      assert.equal(approved.statusCode, 303, approved.body);
      const release = (await services.releases.manage(principal('admin-b'), id)).release;
      assert.equal(release.publishAt, publishAt.toISOString());
      assert.equal(release.slug, 'kent-exclusions-2016-17-2026-12-04');
      const permalink = `/releases/${release.slug}`;

      // Approved, more than 24 hours before: only its administrators (a preview, marked so).
      for (const who of [null, 'unlisted', 'listed']) assert.equal(await status(who, permalink), 404, `${who ?? 'the public'} before pre-release`);
      const preview = await (await as('admin-a')).request({ method: 'GET', url: permalink });
      assert.equal(preview.statusCode, 200);
      assert.match(preview.body, /Not yet published/);
      // An approved release is fixed: no change to it until it is sent back.
      assert.equal((await b.submit(manage, manage, { title: 'Changed', summary: 'x' })).statusCode, 400);

      // From 24 hours before: the pre-release list only.
      now = new Date(publishAt.getTime() - 24 * 3_600_000);
      const early = await (await as('listed')).request({ method: 'GET', url: permalink });
      assert.equal(early.statusCode, 200);
      assert.match(early.body, /pre-release access/);
      for (const who of [null, 'unlisted']) assert.equal(await status(who, permalink), 404, `${who ?? 'the public'} during pre-release`);
      assert.doesNotMatch((await (await as(null)).request({ method: 'GET', url: '/releases' })).body, /Kent exclusions/);
      now = new Date(publishAt.getTime() - 1);
      assert.equal(await status(null, permalink), 404, 'the public a millisecond before');

      // At the publication time: everyone, at the permalink and in the list, with its table, methodology and footnotes.
      now = publishAt;
      const read = await (await as(null)).request({ method: 'GET', url: permalink });
      assert.equal(read.statusCode, 200);
      assert.doesNotMatch(read.body, /Not yet published/);
      assert.match(read.body, /4 December 2026 at 9:30am/);
      assert.match(read.body, /<p class="govuk-body">First paragraph\.<\/p>/);
      assert.match(read.body, /Second &lt;script&gt;paragraph&lt;\/script&gt;\./, 'no HTML from users');
      assert.match(read.body, /Permanent exclusion/i);
      assert.match(read.body, /download=csv/, 'the table downloads');
      assert.match(read.body, /<li>Rates are per 100 pupils\.<\/li>/);
      assert.match(read.body, /From the DfE’s exclusions release\./);
      const csv = await (await as(null)).request({ method: 'GET', url: `${permalink}?download=csv&table=1` });
      assert.equal(csv.statusCode, 200);
      assert.match(csv.body, /Kent/);
      const list = (await (await as(null)).request({ method: 'GET', url: '/releases' })).body;
      assert.match(list, new RegExp(`href="${permalink}"`));
      assert.equal(await status('unlisted', permalink), 200);

      // Published: never changed, never sent back; a dated correction note only.
      const b2 = await as('admin-b');
      assert.equal((await b2.submit(manage, `${manage}/send-back`, {})).statusCode, 400);
      assert.equal((await b2.submit(manage, manage, { title: 'Changed', summary: 'x' })).statusCode, 400);
      assert.equal((await b2.submit(manage, `${manage}/corrections`, { note: 'The footnote on rates was reworded.' })).statusCode, 303);
      const corrected = (await (await as(null)).request({ method: 'GET', url: permalink })).body;
      assert.match(corrected, /4 December 2026 at 9:30am<\/strong>: The footnote on rates was reworded\./);
      assert.match(corrected, /Kent exclusions, 2016\/17/, 'the title is as approved');

      const actions = [];
      for await (const e of database.store.audit.inOrder()) if (e.action.startsWith('release.')) actions.push(`${e.action} ${e.actor}`);
      assert.deepEqual(actions, [
        `release.create user:${ids['admin-a']}`,
        `release.add-table user:${ids['admin-a']}`,
        `release.add-pre-release user:${ids['admin-a']}`,
        `release.approve user:${ids['admin-b']}`,
        `release.correct user:${ids['admin-b']}`,
      ]);
    });

    it('sends an approved release back to draft before publication, which takes its permalink away until it is approved again', async () => {
      now = new Date('2026-12-10T09:00:00Z');
      const draft = await draftWithTable('Second release');
      assert.ok((await services.releases.approve(principal('admin-b'), draft.id, '2026-12-11', '09:30')).ok);
      const { release } = await services.releases.manage(principal('admin-b'), draft.id);
      assert.equal(await status('admin-a', `/releases/${release.slug}`), 200);
      assert.ok((await services.releases.sendBack(principal('admin-a'), draft.id)).ok);
      now = new Date('2026-12-11T09:30:00Z');
      assert.equal(await status(null, `/releases/${release.slug}`), 404, 'not published: it was sent back');
      // Sending it back changes no content: A is still its last editor, so A still may not approve it.
      assert.ok(!(await services.releases.approve(principal('admin-a'), draft.id, '2026-12-12', '09:30')).ok);
    });

    it('refuses an approval when the draft is changed while it is approved: the approver’s own edit makes them its last editor', async () => {
      // The approval's checks read the draft before its transaction. Here B's edit of A's draft (as from another tab) is
      // held uncommitted while B approves; the approval reads A as the last editor, waits on the edit's row lock, and must
      // then refuse with a reason. Without the version check it went on and broke the table's four-eyes constraint: a 500.
      now = new Date('2026-12-16T09:00:00Z');
      const draft = await draftWithTable('Edited while approved');
      const editor = new pg.Client({ connectionString: database.url });
      await editor.connect();
      try {
        await editor.query('begin');
        await editor.query(`update release set summary = 'Changed by B.', edited_by = $1, edited_at = now() where id = $2`, [ids['admin-b'], draft.id]);
        const approval = services.releases.approve(principal('admin-b'), draft.id, '2026-12-17', '09:30');
        const waiting = async () =>
          Number(
            (await editor.query<{ n: string }>(`select count(*) as n from pg_stat_activity where pg_backend_pid() = any(pg_blocking_pids(pid))`)).rows[0]!.n,
          );
        for (let tries = 0; (await waiting()) === 0; tries++) {
          assert.ok(tries < 200, 'the approval waits on the edit');
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await editor.query('commit');
        const outcome = await approval;
        assert.ok(!outcome.ok, 'refused');
        assert.match(outcome.problems[0]!.message, /changed meanwhile/);
      } finally {
        await editor.end();
      }
      const { release } = await services.releases.manage(principal('admin-b'), draft.id);
      assert.equal(release.stage, 'draft');
      assert.equal(release.editedBy, ids['admin-b']);
    });

    it('gives releases of the same title approved at the same moment for the same day a slug each, without an error', async () => {
      // The slug is fixed at approval from the title and day, the next free one where it is taken. Chosen outside the
      // approving transaction, both approvals took the same slug and the second failed on the unique slug (a 500).
      now = new Date('2026-12-14T09:00:00Z');
      const drafts: number[] = [];
      for (let i = 0; i < 4; i++) drafts.push((await draftWithTable('Same title')).id);
      const outcomes = await Promise.all(drafts.map((id) => services.releases.approve(principal('admin-b'), id, '2026-12-15', '09:30')));
      assert.deepEqual(
        outcomes.map((o) => o.ok),
        [true, true, true, true],
      );
      const slugs = await Promise.all(drafts.map(async (id) => (await services.releases.manage(principal('admin-b'), id)).release.slug));
      assert.equal(new Set(slugs).size, 4, `four slugs: ${slugs.join(', ')}`);
      for (const slug of slugs) assert.match(slug!, /^same-title/);
    });
  });
}
