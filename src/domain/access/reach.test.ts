import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Principal, RoleGrant } from './decide-access.ts';
import { reachOf, scopeHolds } from './reach.ts';

const today = '2026-01-01';
const principal = (...grants: RoleGrant[]): Principal => ({ userId: 1, username: 'someone', displayName: 'Someone', grants });
const grant = (role: RoleGrant['role'], placeId: number | null, validTo: string | null = null): RoleGrant => ({ role, placeId, validFrom: null, validTo });

describe('reachOf: where a reader sees true values (the same rule as decideAccess, for every place at once)', () => {
  it('reaches nowhere for a reader who is not signed in', () => {
    assert.deepEqual(reachOf(null, 'view-unsuppressed', today), { kind: 'places', placeIds: [] });
  });

  it('reaches the places named by the grants in force, once each', () => {
    const user = principal(grant('lead', 6), grant('school', 5), grant('lead', 6), grant('lead', 9, '2025-12-31'));
    assert.deepEqual(reachOf(user, 'view-unsuppressed', today), { kind: 'places', placeIds: [5, 6] });
  });

  it('reaches everywhere with an LA-wide grant that carries the action', () => {
    assert.deepEqual(reachOf(principal(grant('la_admin', null)), 'view-unsuppressed', today), { kind: 'everywhere' });
  });

  it('does not reach with a grant whose role lacks the action', () => {
    assert.deepEqual(reachOf(principal(grant('lead', 6)), 'manage-users', today), { kind: 'places', placeIds: [] });
  });
});

describe('scopeHolds: a case is read only where the reader’s casework scope holds its place (issue 15)', () => {
  it('holds every place, and LA-wide records, for an everywhere scope', () => {
    assert.equal(scopeHolds({ kind: 'everywhere' }, 7), true);
    assert.equal(scopeHolds({ kind: 'everywhere' }, null), true);
  });
  it('holds only the places listed otherwise, and never a record with no place', () => {
    const scope = { kind: 'places', placeIds: new Set([3, 4]) } as const;
    assert.equal(scopeHolds(scope, 3), true);
    assert.equal(scopeHolds(scope, 5), false);
    assert.equal(scopeHolds(scope, null), false);
  });
});
