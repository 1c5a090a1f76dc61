import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { createLog } from '../src/log.ts';
import type { Services } from '../src/services/create-services.ts';
import { servicesFor } from './support/app.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from './support/databases.ts';
import { waymarkBin } from './support/processes.ts';

// Local accounts as the services and `waymark users` keep them, on every PostgreSQL version.

const password = 'twelve chars or more';

for (const target of databaseTargets()) {
  describe(`local accounts on ${target.name}`, () => {
    let database: TestDatabase;
    let services: Services;
    const now = new Date('2026-01-05T09:00:00Z');

    before(async () => {
      database = await freshDatabase(target);
      services = servicesFor(database, () => now, createLog('silent'));
    });
    after(() => database.drop());

    it('stores an argon2id hash, never the password', async () => {
      await services.accounts.add({ username: 'hash', displayName: 'H', password, grants: [] });
      const row = await database.db.selectFrom('app_user').select('password_hash').where('username', '=', 'hash').executeTakeFirstOrThrow();
      assert.match(row.password_hash ?? '', /^\$argon2id\$v=19\$/);
      assert.ok(!row.password_hash!.includes(password));
    });

    it('refuses a short password, a taken username, a role on the wrong kind of scope and an unknown place', async () => {
      await assert.rejects(services.accounts.add({ username: 'short', displayName: 'S', password: 'too short', grants: [] }), /at least 12 characters/);
      await assert.rejects(services.accounts.add({ username: 'hash', displayName: 'H', password, grants: [] }), /already a user hash/);
      await assert.rejects(
        services.accounts.add({ username: 'x1', displayName: 'X', password, grants: [{ role: 'la_admin', place: { kind: 'la', code: '886' } }] }),
        /LA-wide/,
      );
      await assert.rejects(
        services.accounts.add({ username: 'x2', displayName: 'X', password, grants: [{ role: 'lead', place: null }] }),
        /granted on a place/,
      );
      await assert.rejects(
        services.accounts.add({ username: 'x3', displayName: 'X', password, grants: [{ role: 'lead', place: { kind: 'district', code: 'E07000999' } }] }),
        /no place district E07000999/,
      );
      assert.equal((await services.accounts.list()).filter((u) => u.username.startsWith('x')).length, 0, 'nothing written');
    });

    it('ends every session of an account when it is disabled, and refuses its password after', async () => {
      const id = await services.accounts.add({ username: 'leaver', displayName: 'L', password, grants: [{ role: 'la_admin', place: null }] });
      const session = await services.sessions.start(id, false);
      assert.equal((await services.sessions.read(session))?.kind, 'signed-in');
      await services.accounts.disable('leaver');
      assert.equal(await services.sessions.read(session), null);
      assert.deepEqual(await services.accounts.checkPassword('leaver', password), { kind: 'refused' });
    });

    it('refuses a password sign-in to a single sign-on account (it has none), as it refuses an unknown user', async () => {
      const id = await services.accounts.add({ username: 'sso-only', displayName: 'S', password: null, email: 'S.Only@Kent.gov.uk', grants: [] });
      const row = await database.db.selectFrom('app_user').select(['password_hash', 'email']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { password_hash: null, email: 's.only@kent.gov.uk' });
      assert.deepEqual(await services.accounts.checkPassword('sso-only', ''), { kind: 'refused' });
      assert.deepEqual(await services.accounts.checkPassword('sso-only', password), { kind: 'refused' });
      await assert.rejects(services.accounts.add({ username: 'no-email', displayName: 'N', password: null, grants: [] }), /needs an e-mail address/);
      await assert.rejects(
        services.accounts.add({ username: 'bad-email', displayName: 'B', password, email: 'not an address', grants: [] }),
        /e-mail address such as/,
      );
    });

    it('clears a lock-out and re-enables an account when its password is reset', async () => {
      await services.accounts.add({ username: 'forgetful', displayName: 'F', password, grants: [] });
      for (let i = 0; i < 5; i++) await services.accounts.checkPassword('forgetful', 'wrong password!!');
      assert.equal((await services.accounts.checkPassword('forgetful', password)).kind, 'locked');
      await services.accounts.resetPassword('forgetful', 'a brand new password');
      assert.equal((await services.accounts.checkPassword('forgetful', 'a brand new password')).kind, 'ok');
    });
  });
}

describe('`waymark users`', () => {
  let database: TestDatabase;
  const waymark = (input: string | undefined, ...args: string[]) =>
    spawnSync(process.execPath, [waymarkBin, 'users', ...args], {
      encoding: 'utf8',
      input,
      env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn' },
    });

  before(async () => {
    database = await freshDatabase(databaseTargets()[0]!);
  });
  after(() => database.drop());

  it('adds, lists, resets and disables users, reading passwords from standard input and never printing them', () => {
    const secret = 'piped-in password 1';
    const added = waymark(`${secret}\n`, 'add', 'ada', '--name', 'Ada Admin', '--role', 'la_admin', '--password-stdin');
    assert.equal(added.status, 0, added.stderr);
    assert.match(added.stdout, /added ada \(la_admin\)/);
    const totp = waymark(`${secret}\n`, 'add', 'tess', '--name', 'Tess', '--role', 'la_admin', '--totp', '--password-stdin');
    assert.equal(totp.status, 0, totp.stderr);
    assert.match(totp.stdout, /otpauth:\/\/totp\/Waymark:tess\?secret=[A-Z2-7]+/);
    const listed = waymark(undefined, 'list');
    assert.match(listed.stdout, /^ada\t-\tla_admin\t-$/m);
    assert.match(listed.stdout, /^tess\t-\tla_admin\ttotp$/m);
    assert.equal(waymark('another password 2\n', 'reset', 'ada', '--password-stdin').status, 0);
    assert.equal(waymark(undefined, 'disable', 'ada').status, 0);
    assert.match(waymark(undefined, 'list').stdout, /^ada\t-\tla_admin\tdisabled$/m);
    for (const r of [added, totp, listed]) assert.ok(!`${r.stdout}${r.stderr}`.includes(secret), 'the password is never printed');
    const noPassword = waymark(undefined, 'add', 'bob', '--name', 'Bob', '--role', 'nonsense', '--password-stdin');
    assert.equal(noPassword.status, 1);
    assert.match(noPassword.stderr, /the role is one of school, lead, la_officer, la_admin/);
  });

  it('adds a single sign-on user with an e-mail address and no password, reading nothing from standard input', () => {
    const added = waymark(undefined, 'add', 'sam', '--name', 'Sam Sso', '--email', 'Sam@Kent.gov.uk', '--sso', '--role', 'la_admin');
    assert.equal(added.status, 0, added.stderr);
    assert.match(added.stdout, /added sam \(la_admin\), signing in through the OpenID provider only/);
    assert.match(waymark(undefined, 'list').stdout, /^sam\tsam@kent\.gov\.uk\tla_admin\tsso-only$/m);
    const noEmail = waymark(undefined, 'add', 'sid', '--name', 'Sid', '--sso');
    assert.equal(noEmail.status, 1);
    assert.match(noEmail.stderr, /--sso needs --email/);
    const sameEmail = waymark(undefined, 'add', 'sue', '--name', 'Sue', '--email', 'sam@kent.gov.uk', '--sso');
    assert.equal(sameEmail.status, 1);
    assert.match(sameEmail.stderr, /another user already has that e-mail address/);
  });
});
