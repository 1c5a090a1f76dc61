import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Principal } from '../../domain/access/decide-access.ts';
import { laOfficerDisclosure, publicDisclosure } from '../../domain/indicators/disclosure.ts';
import { readImportFile } from '../../imports/import-files.ts';
import { laCodeListFile, spineHeader, spineRow, writeFixture } from '../../../tests/fixtures/register-files.ts';
import { servicesFor } from '../../../tests/support/app.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from '../../../tests/support/databases.ts';
import type { Services } from '../create-services.ts';

/**
 * The session service turns a signed-in principal's grants into what the rest of the application asks: where their
 * casework reaches (scopeFor), how figures are disclosed to them (disclosureFor) and where a place sits in the tree
 * (placeInTree). The rules are domain/access/reach.ts and domain/indicators/disclosure.ts; this pins that the service
 * hands them the store's place tree of today: a grant on an LA reaches its schools, one on a school reaches that school.
 */
for (const target of databaseTargets()) {
  describe(`a principal's reach over the store's place tree (${target.name})`, () => {
    let database: TestDatabase;
    let services: Services;
    const ids = { england: 0, region: 0, la: 0, school: 0, otherSchool: 0 };
    const principal = (...grants: Principal['grants']): Principal => ({ userId: 1, username: 'u', displayName: 'U', grants });
    const grant = (role: Principal['grants'][number]['role'], placeId: number | null) => ({ role, placeId, validFrom: null, validTo: null });

    before(async () => {
      database = await freshDatabase(target);
      services = servicesFor(database, new Date('2024-01-10T09:00:00Z'));
      // Two schools of LA 886 (Kent) in the South East: the register's own fixtures, as the spine publishes them.
      const seed = await readImportFile(writeFixture('la_code_list.csv', laCodeListFile));
      const spine = await readImportFile(
        writeFixture(
          'spine.csv',
          `${spineHeader}\n${spineRow()}\n${spineRow({ URN: '990002', ESTAB: '2998', LAESTAB: '8862998', SCHNAME: 'Otherwell Primary School' })}\n`,
        ),
      );
      assert.ok(seed.ok && spine.ok);
      await services.imports.importFiles([seed.file, spine.file]);
      const place = async (kind: 'country' | 'region' | 'la' | 'school', code: string) => (await database.store.places.find(kind, code))!.id;
      ids.england = await place('country', 'E92000001');
      ids.region = await place('region', 'E12000008');
      ids.la = await place('la', '886');
      ids.school = await place('school', '990001');
      ids.otherSchool = await place('school', '990002');
    });
    after(() => database.drop());

    it('places a school under its LA, region and England', async () => {
      const tree = await services.sessions.placeInTree(ids.school);
      assert.equal(tree.id, ids.school);
      assert.deepEqual(new Set(tree.ancestorIds), new Set([ids.la, ids.region, ids.england]));
    });

    it('scopes a caseworker granted on the LA to the LA and every school under it, and no further up', async () => {
      const scope = await services.sessions.scopeFor(principal(grant('cme_officer', ids.la)), 'work-cme-cases');
      assert.equal(scope.kind, 'places');
      assert.ok(scope.kind === 'places');
      assert.deepEqual(new Set(scope.placeIds), new Set([ids.la, ids.school, ids.otherSchool]));
    });

    it('scopes nobody, and a role without the action, to no place at all', async () => {
      for (const who of [null, principal(grant('school', ids.school))]) {
        const scope = await services.sessions.scopeFor(who, 'work-cme-cases');
        assert.ok(scope.kind === 'places');
        assert.equal(scope.placeIds.size, 0);
      }
    });

    it('scopes an LA-wide role everywhere', async () => {
      assert.deepEqual(await services.sessions.scopeFor(principal(grant('la_admin', null)), 'answer-subject-access'), { kind: 'everywhere' });
    });

    it('discloses public figures to nobody, true values everywhere to an LA-wide role, and true values at its own school only to a school', async () => {
      assert.deepEqual(await services.sessions.disclosureFor(null), publicDisclosure);
      assert.deepEqual(await services.sessions.disclosureFor(principal(grant('la_admin', null))), laOfficerDisclosure);
      const school = await services.sessions.disclosureFor(principal(grant('school', ids.school)));
      assert.equal(school.audience, publicDisclosure.audience);
      assert.deepEqual([...(school.unsuppressedAt ?? [])], [ids.school]);
    });

    it('stops a grant at its end date: a grant that ended yesterday reaches nothing', async () => {
      const ended = { role: 'cme_officer' as const, placeId: ids.la, validFrom: null, validTo: '2024-01-09' };
      const scope = await services.sessions.scopeFor(principal(ended), 'work-cme-cases');
      assert.ok(scope.kind === 'places');
      assert.equal(scope.placeIds.size, 0);
    });

    it('ends a grant at midnight in England, not in UTC: at 00:30 BST on 1 July a grant valid to 30 June has ended', async () => {
      // 2024-06-30T23:30Z is 00:30 on 1 July in London (British Summer Time, UTC+1).
      const atMidnight = servicesFor(database, new Date('2024-06-30T23:30:00Z'));
      const ended = { role: 'cme_officer' as const, placeId: ids.la, validFrom: null, validTo: '2024-06-30' };
      const scope = await atMidnight.sessions.scopeFor(principal(ended), 'work-cme-cases');
      assert.ok(scope.kind === 'places');
      assert.equal(scope.placeIds.size, 0);
    });
  });
}
