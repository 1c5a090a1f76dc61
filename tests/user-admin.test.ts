import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { generate } from 'otplib';
import { createLog } from '../src/log.ts';
import type { Services } from '../src/services/create-services.ts';
import { createApp } from '../src/web/create-app.ts';
import { servicesFor } from './support/app.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from './support/databases.ts';
import { clientOf, type Client } from './support/sign-in.ts';

// User administration for LA administrators and two-step set-up on the account page (issue 14.7): refused to everyone
// else, every write audited with the signed-in administrator as actor, grants ended and kept, forms checked by field.

const password = 'correct horse battery staple';

for (const target of databaseTargets()) {
  describe(`user administration and two-step set-up on ${target.name}`, () => {
    let database: TestDatabase;
    let services: Services;
    let app: FastifyInstance;
    const now = new Date('2026-01-05T09:00:00Z');
    let adminId: number;
    let admin: Client;

    const signedIn = async (username: string, pass = password) => {
      const client = clientOf(app);
      const response = await client.signIn(username, pass);
      assert.equal(response.statusCode, 303, `${username} signs in: ${response.body.slice(0, 300)}`);
      return client;
    };
    const auditBy = async (actor: string) =>
      database.db.selectFrom('audit_event').select(['action', 'subject', 'detail']).where('actor', '=', actor).orderBy('id').execute();
    const userId = async (username: string) =>
      (await database.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

    before(async () => {
      database = await freshDatabase(target);
      const log = createLog('silent');
      services = servicesFor(database, () => now, log);
      app = await createApp(services, { log, production: true, version: 'test', commit: null });
      await database.store.places.upsert('la', [{ code: '886', name: 'Kent' }], null);
      adminId = await services.accounts.add({ username: 'admin', displayName: 'Ada Admin', password, grants: [{ role: 'la_admin', place: null }] });
      await services.accounts.add({
        username: 'officer',
        displayName: 'Owen Officer',
        password,
        grants: [{ role: 'la_officer', place: { kind: 'la', code: '886' } }],
      });
      admin = await signedIn('admin');
    });
    after(async () => {
      await app.close();
      await database.drop();
    });

    it('refuses the user pages to anyone but an administrator: sign-in first for the public, 403 for other roles', async () => {
      const visitor = clientOf(app);
      const page = await visitor.request({ method: 'GET', url: '/admin/users' });
      assert.equal(page.statusCode, 303);
      assert.equal(page.headers.location, '/sign-in?next=%2Fadmin%2Fusers');
      const officer = await signedIn('officer');
      for (const url of ['/admin/users', '/admin/users/new', '/admin/users/admin'])
        assert.equal((await officer.request({ method: 'GET', url })).statusCode, 403, url);
      const post = await officer.submit('/account', '/admin/users/admin/disable', {});
      assert.equal(post.statusCode, 403);
      assert.equal((await services.accounts.user('admin')).disabled, false);
      // The header offers the pages only to an administrator.
      assert.ok(!(await officer.request({ method: 'GET', url: '/' })).body.includes('href="/admin/users"'));
      assert.ok((await admin.request({ method: 'GET', url: '/' })).body.includes('href="/admin/users"'));
    });

    it('adds a user who can then sign in, with the role and place chosen, audited as the administrator', async () => {
      const added = await admin.submit('/admin/users/new', '/admin/users', {
        username: 'new.lead',
        displayName: 'Nia New',
        password: 'a first password here',
        role: 'la_officer',
        placeKind: 'la',
        placeCode: '886',
      });
      assert.equal(added.statusCode, 303, added.body);
      assert.equal(added.headers.location, '/admin/users/new.lead?done=added');
      const page = await admin.request({ method: 'GET', url: String(added.headers.location) });
      assert.match(page.body, /The user is added[\s\S]*Nia New[\s\S]*LA officer[\s\S]*Kent \(la 886\)[\s\S]*2026-01-05/);
      const list = await admin.request({ method: 'GET', url: '/admin/users' });
      assert.match(list.body, /new\.lead[\s\S]*Nia New[\s\S]*LA officer on Kent/);
      const newcomer = await signedIn('new.lead', 'a first password here');
      assert.match((await newcomer.request({ method: 'GET', url: '/account' })).body, /Nia New[\s\S]*LA officer[\s\S]*Kent/);
      const id = await userId('new.lead');
      assert.ok((await auditBy(`user:${adminId}`)).some((e) => e.action === 'user.add' && e.subject === String(id)));
    });

    it('shows a bad form again with an error summary and each error by its field, and adds nobody', async () => {
      const bad = await admin.submit('/admin/users/new', '/admin/users', {
        username: 'admin',
        displayName: '',
        password: 'short',
        role: 'lead',
        placeKind: '',
        placeCode: '',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /There is a problem[\s\S]*href="#display-name"[\s\S]*href="#password"[\s\S]*href="#place-kind"[\s\S]*href="#place-code"/);
      assert.match(bad.body, /id="password-error"[\s\S]*at least 12 characters/);
      assert.ok(!bad.body.includes('value="short"'), 'the password is not echoed back');
      const taken = await admin.submit('/admin/users/new', '/admin/users', {
        username: 'admin',
        displayName: 'Again',
        password,
        role: '',
        placeKind: '',
        placeCode: '',
      });
      assert.equal(taken.statusCode, 400);
      assert.match(taken.body, /href="#username"[^>]*>There is already a user admin/);
      const nowhere = await admin.submit('/admin/users/new', '/admin/users', {
        username: 'lost',
        displayName: 'Lost',
        password,
        role: 'lead',
        placeKind: 'district',
        placeCode: 'E07000999',
      });
      assert.equal(nowhere.statusCode, 400);
      assert.match(nowhere.body, /href="#place-code"[^>]*>There is no such place: district E07000999/);
      assert.equal(await database.db.selectFrom('app_user').select('id').where('username', '=', 'lost').executeTakeFirst(), undefined);
    });

    it('ends a grant at once and keeps it as history: the access it gave is gone', async () => {
      await services.accounts.add({ username: 'deputy', displayName: 'Dee Deputy', password, grants: [] });
      const granted = await admin.submit('/admin/users/deputy', '/admin/users/deputy/grants', { role: 'la_admin', placeKind: '', placeCode: '' });
      assert.equal(granted.statusCode, 303, granted.body);
      const deputy = await signedIn('deputy');
      assert.equal((await deputy.request({ method: 'GET', url: '/admin/users' })).statusCode, 200);
      const grant = await database.db
        .selectFrom('role_grant')
        .select(['id', 'valid_from'])
        .where('user_id', '=', await userId('deputy'))
        .executeTakeFirstOrThrow();
      assert.equal(grant.valid_from, '2026-01-05', 'granted from today');
      const ended = await admin.submit('/admin/users/deputy', `/admin/users/deputy/grants/${grant.id}/end`, {});
      assert.equal(ended.statusCode, 303);
      assert.equal((await deputy.request({ method: 'GET', url: '/admin/users' })).statusCode, 403, 'the same session has lost the role');
      const kept = await database.db.selectFrom('role_grant').select(['valid_from', 'valid_to']).where('id', '=', grant.id).executeTakeFirstOrThrow();
      assert.deepEqual(kept, { valid_from: '2026-01-05', valid_to: '2026-01-04' }, 'kept, as an empty span');
      assert.match((await admin.request({ method: 'GET', url: '/admin/users/deputy' })).body, /LA administrator[\s\S]*Not in force/);
      const wrongPlace = await admin.submit('/admin/users/deputy', '/admin/users/deputy/grants', { role: 'la_admin', placeKind: 'la', placeCode: '886' });
      assert.equal(wrongPlace.statusCode, 400);
      assert.match(wrongPlace.body, /href="#place-kind"[^>]*>LA administrator is an LA-wide role/);
    });

    it('disables, enables, resets a password and turns off two-step, each audited with the administrator as actor', async () => {
      await services.accounts.add({ username: 'target', displayName: 'Tara Target', password, grants: [] });
      await services.accounts.enrolTotp('target');
      const id = String(await userId('target'));
      const from = '/admin/users/target';
      assert.equal((await admin.submit(from, '/admin/users/target/disable', {})).statusCode, 303);
      assert.equal((await clientOf(app).signIn('target', password)).statusCode, 401);
      assert.equal((await admin.submit(from, '/admin/users/target/enable', {})).statusCode, 303);
      const short = await admin.submit(from, '/admin/users/target/password', { password: 'short' });
      assert.equal(short.statusCode, 400);
      assert.match(short.body, /href="#password"/);
      assert.equal((await admin.submit(from, '/admin/users/target/password', { password: 'a brand new password' })).statusCode, 303);
      assert.equal((await admin.submit(from, '/admin/users/target/totp/clear', {})).statusCode, 303);
      await signedIn('target', 'a brand new password'); // no code asked: two-step is off
      const actions = (await auditBy(`user:${adminId}`)).filter((e) => e.subject === id).map((e) => e.action);
      assert.deepEqual(actions, ['user.disable', 'user.enable', 'user.reset-password', 'user.clear-totp']);
      // An administrator cannot lock themselves out.
      assert.equal((await admin.submit('/admin/users/admin', '/admin/users/admin/disable', {})).statusCode, 400);
      assert.equal((await services.accounts.user('admin')).disabled, false);
      const own = await database.db.selectFrom('role_grant').select('id').where('user_id', '=', adminId).executeTakeFirstOrThrow();
      assert.equal((await admin.submit('/admin/users/admin', `/admin/users/admin/grants/${own.id}/end`, {})).statusCode, 400);
      assert.equal((await admin.request({ method: 'GET', url: '/admin/users' })).statusCode, 200, 'still an administrator');
    });

    it('records every write of the user pages with the administrator by id, never by name', async () => {
      const entries = await auditBy(`user:${adminId}`);
      const actions = new Set(entries.map((e) => e.action));
      for (const action of ['user.add', 'user.grant', 'user.end-grant', 'user.disable', 'user.enable', 'user.reset-password', 'user.clear-totp'])
        assert.ok(actions.has(action), `${action} in ${[...actions].join(', ')}`);
      assert.ok(!JSON.stringify(entries).includes('Ada Admin'));
    });

    it('refuses with 403 a user form posted without its CSRF token, and changes nothing', async () => {
      const response = await admin.request({
        method: 'POST',
        url: '/admin/users',
        payload: { username: 'csrf.user', displayName: 'C', password, role: '', placeKind: '', placeCode: '' },
      });
      assert.equal(response.statusCode, 403);
      assert.equal(await database.db.selectFrom('app_user').select('id').where('username', '=', 'csrf.user').executeTakeFirst(), undefined);
    });

    it('sets up two-step on the account page with a QR code, turns it on only with a right code, then asks for a code at sign-in', async () => {
      await services.accounts.add({ username: 'careful', displayName: 'Cas Careful', password, grants: [] });
      const careful = await signedIn('careful');
      const page = await careful.request({ method: 'GET', url: '/account/two-step' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<svg role="img" aria-label="QR code for your authenticator app"[^>]*viewBox/);
      const shown = /<code id="totp-secret">([A-Z2-7 ]+)<\/code>/.exec(page.body)?.[1];
      assert.ok(shown !== undefined && /^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/.test(shown), `the secret in groups of four: ${shown}`);
      const secret = shown.replace(/ /g, '');
      const again = await careful.request({ method: 'GET', url: '/account/two-step' });
      assert.ok(again.body.includes(shown), 'the same pending secret until it is confirmed');
      assert.equal((await services.accounts.user('careful')).totp, false, 'pending is not on');
      assert.equal((await clientOf(app).signIn('careful', password)).headers.location, '/', 'no code asked while pending');

      const code = await generate({ secret, epoch: Math.floor(now.getTime() / 1000) });
      const wrongCode = `${code.slice(0, 5)}${(Number(code[5]) + 1) % 10}`;
      const wrong = await careful.submit('/account/two-step', '/account/two-step', { code: wrongCode });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /There is a problem[\s\S]*href="#code"/);
      const right = await careful.submit('/account/two-step', '/account/two-step', { code });
      assert.equal(right.statusCode, 303);
      assert.equal(right.headers.location, '/account?done=totp-on');
      assert.match((await careful.request({ method: 'GET', url: '/account?done=totp-on' })).body, /Two-step verification is on/);

      const next = clientOf(app);
      const first = await next.signIn('careful', password);
      assert.equal(first.headers.location, '/sign-in/code?next=%2F');
      assert.equal((await next.submit('/sign-in/code', '/sign-in/code', { code })).statusCode, 303);
      assert.equal((await next.request({ method: 'GET', url: '/account' })).statusCode, 200);

      const badOff = await careful.submit('/account', '/account/two-step/off', { password: 'not my password' });
      assert.equal(badOff.statusCode, 400);
      assert.match(badOff.body, /href="#totp-password"/);
      assert.equal((await careful.submit('/account', '/account/two-step/off', { password })).statusCode, 303);
      assert.equal((await services.accounts.user('careful')).totp, false);
      const own = String(await userId('careful'));
      const mine = (await auditBy(`user:${own}`)).filter((e) => e.subject === own).map((e) => e.action);
      for (const action of ['user.start-totp', 'user.enrol-totp', 'user.clear-totp']) assert.ok(mine.includes(action), `${action} in ${mine.join(', ')}`);
      const offs = (await auditBy(`user:${own}`)).filter((e) => e.action === 'user.clear-totp').map((e) => (e.detail as { outcome?: string } | null)?.outcome);
      assert.deepEqual(offs, ['refused', 'ok'], 'the wrong password and the right one, each audited');
    });
  });
}
