import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideAccess, decideRouteAccess, type Principal, type RoleGrant } from './decide-access.ts';

// A small place tree: England 1 > South East 2 > Kent 3 > Swale 4 > school 5; Dover 6 > school 7 (both under Kent).
const swaleSchool = { id: 5, ancestorIds: [4, 3, 2, 1] };
const doverSchool = { id: 7, ancestorIds: [6, 3, 2, 1] };
const swale = { id: 4, ancestorIds: [3, 2, 1] };
const today = '2026-01-01';

function principal(...grants: RoleGrant[]): Principal {
  return { userId: 1, username: 'someone', displayName: 'Someone', grants };
}
const grant = (role: RoleGrant['role'], placeId: number | null, validFrom: string | null = null, validTo: string | null = null): RoleGrant => ({
  role,
  placeId,
  validFrom,
  validTo,
});

describe('decideAccess', () => {
  it('lets anyone, signed in or not, view public pages', () => {
    assert.deepEqual(decideAccess(null, 'view-public', swaleSchool, today), { allowed: true });
  });

  it('refuses anything else to a reader who is not signed in', () => {
    assert.deepEqual(decideAccess(null, 'view-unsuppressed', swaleSchool, today), { allowed: false, reason: 'not-signed-in' });
  });

  it('gives a school user their own school and nothing beside or above it', () => {
    const user = principal(grant('school', 5));
    assert.equal(decideAccess(user, 'view-unsuppressed', swaleSchool, today).allowed, true);
    assert.equal(decideAccess(user, 'view-unsuppressed', doverSchool, today).allowed, false);
    assert.equal(decideAccess(user, 'view-unsuppressed', swale, today).allowed, false);
  });

  it('gives a district lead their district and every place under it', () => {
    const user = principal(grant('lead', 4));
    assert.equal(decideAccess(user, 'view-unsuppressed', swale, today).allowed, true);
    assert.equal(decideAccess(user, 'view-unsuppressed', swaleSchool, today).allowed, true);
    assert.equal(decideAccess(user, 'view-unsuppressed', doverSchool, today).allowed, false);
  });

  it('gives an LA officer every place in the LA but no LA-wide administration', () => {
    const user = principal(grant('la_officer', 3));
    assert.equal(decideAccess(user, 'view-unsuppressed', doverSchool, today).allowed, true);
    assert.equal(decideAccess(user, 'edit-collaborations', null, today).allowed, false);
    assert.equal(decideAccess(user, 'manage-users', null, today).allowed, false);
  });

  it('lets only an LA-wide administrator grant change collaborations and users', () => {
    const admin = principal(grant('la_admin', null));
    assert.equal(decideAccess(admin, 'edit-collaborations', null, today).allowed, true);
    assert.equal(decideAccess(admin, 'manage-users', null, today).allowed, true);
    assert.equal(decideAccess(principal(grant('lead', 4)), 'edit-collaborations', null, today).allowed, false);
  });

  it('lets only an LA-wide administrator read the audit trail, which names users', () => {
    assert.equal(decideAccess(principal(grant('la_admin', null)), 'read-audit', null, today).allowed, true);
    for (const role of ['la_officer', 'lead', 'school'] as const)
      assert.equal(decideAccess(principal(grant(role, role === 'school' ? 5 : role === 'lead' ? 4 : 3)), 'read-audit', null, today).allowed, false, role);
    assert.deepEqual(decideAccess(null, 'read-audit', null, today), { allowed: false, reason: 'not-signed-in' });
  });

  it('counts a grant only between its dates', () => {
    assert.equal(decideAccess(principal(grant('lead', 4, '2026-01-02')), 'view-unsuppressed', swale, today).allowed, false);
    assert.equal(decideAccess(principal(grant('lead', 4, null, '2025-12-31')), 'view-unsuppressed', swale, today).allowed, false);
    assert.equal(decideAccess(principal(grant('lead', 4, '2026-01-01', '2026-01-01')), 'view-unsuppressed', swale, today).allowed, true);
  });

  it('adds up several grants: a lead of two districts reaches both', () => {
    const user = principal(grant('lead', 4), grant('lead', 6));
    assert.equal(decideAccess(user, 'view-unsuppressed', doverSchool, today).allowed, true);
    assert.equal(decideAccess(user, 'view-unsuppressed', swaleSchool, today).allowed, true);
  });

  it('refuses a signed-in user with no grant in force anything beyond the public pages', () => {
    assert.deepEqual(decideAccess(principal(), 'view-unsuppressed', swale, today), { allowed: false, reason: 'no-role' });
  });
});

describe('decideRouteAccess: who may open a route (issue 15: casework pages open to a team on any place; the service picks the cases)', () => {
  it('opens a casework route to a CME officer granted on one district, and to nobody without that team’s role', () => {
    assert.deepEqual(decideRouteAccess(principal(grant('cme_officer', 4)), 'work-cme-cases', today), { allowed: true });
    assert.deepEqual(decideRouteAccess(principal(grant('sen_caseworker', 3)), 'work-cme-cases', today), { allowed: false, reason: 'no-role' });
    assert.deepEqual(decideRouteAccess(principal(grant('la_admin', null)), 'work-cme-cases', today), { allowed: false, reason: 'no-role' });
    assert.deepEqual(decideRouteAccess(null, 'work-cme-cases', today), { allowed: false, reason: 'not-signed-in' });
  });
  it('does not open it on a grant that has ended', () => {
    assert.deepEqual(decideRouteAccess(principal(grant('cme_officer', 4, null, '2025-12-31')), 'work-cme-cases', today), {
      allowed: false,
      reason: 'no-role',
    });
  });
  it('keeps LA-wide actions to LA-wide grants, as decideAccess does', () => {
    assert.deepEqual(decideRouteAccess(principal(grant('la_admin', null)), 'read-audit', today), { allowed: true });
    assert.deepEqual(decideRouteAccess(principal(grant('la_officer', 3)), 'read-audit', today), { allowed: false, reason: 'no-role' });
  });
});
