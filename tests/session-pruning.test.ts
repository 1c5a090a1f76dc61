import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLog } from '../src/log.ts';
import type { Services } from '../src/services/create-services.ts';
import { startSessionPruning } from '../src/services/access/session-pruning.ts';
import { servicesFor } from './support/app.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from './support/databases.ts';

// Expired sessions are removed from web_session: by `services.sessions.endExpired()`, which the server runs at start and
// every 15 minutes (startSessionPruning) and `waymark sessions prune` runs once.

const minutes = (n: number) => n * 60_000;

for (const target of databaseTargets()) {
  describe(`removing expired sessions (${target.name})`, () => {
    let database: TestDatabase;
    let services: Services;
    let now = new Date('2026-02-02T09:00:00Z');
    let userId: number;
    const sessionCount = async () => (await database.db.selectFrom('web_session').select('user_id').execute()).length;

    before(async () => {
      database = await freshDatabase(target);
      // The clock is the test's, moved forward past the idle limit (servicesFor would stop it).
      services = servicesFor(database, () => now, createLog('silent'));
      userId = await services.accounts.add({ username: 'pruned', displayName: 'Pru Ned', password: 'a long enough password', grants: [] });
    });
    after(() => database.drop());

    it('removes a session idle for more than 30 minutes and keeps a live one', async () => {
      await services.sessions.start(userId, false);
      now = new Date(now.getTime() + minutes(31));
      const live = await services.sessions.start(userId, false);
      assert.equal(await sessionCount(), 2);
      assert.equal(await services.sessions.endExpired(), 1);
      assert.equal(await sessionCount(), 1);
      assert.notEqual(await services.sessions.read(live), null, 'the live session still signs in');
    });

    it('removes expired sessions as the server starts, before any request reads them', async () => {
      await services.sessions.start(userId, false);
      now = new Date(now.getTime() + minutes(45));
      assert.equal(await sessionCount(), 2);
      const pruning = startSessionPruning(services.sessions, createLog('silent'), minutes(15));
      try {
        await pruning.done();
        assert.equal(await sessionCount(), 0);
      } finally {
        pruning.stop();
      }
    });
  });
}
