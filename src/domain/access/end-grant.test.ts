import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { grantInForce } from './decide-access.ts';
import { endOfGrant } from './end-grant.ts';

const grant = (validFrom: string | null, validTo: string | null) => ({ role: 'lead' as const, placeId: 1, validFrom, validTo });

describe('ending a grant', () => {
  it('ends an open grant yesterday, so it is out of force today and was in force yesterday', () => {
    const g = grant('2025-09-01', null);
    const validTo = endOfGrant(g, '2026-01-05');
    assert.equal(validTo, '2026-01-04');
    assert.equal(grantInForce({ ...g, validTo }, '2026-01-05'), false);
    assert.equal(grantInForce({ ...g, validTo }, '2026-01-04'), true);
  });

  it('gives a grant that has not begun the empty span ending the day before it would have', () => {
    assert.equal(endOfGrant(grant('2026-01-05', null), '2026-01-05'), '2026-01-04');
    assert.equal(endOfGrant(grant('2026-03-01', '2026-06-30'), '2026-01-05'), '2026-02-28');
  });

  it('refuses to end a grant that ended already, and ends one due to end later', () => {
    assert.throws(() => endOfGrant(grant(null, '2026-01-04'), '2026-01-05'), /ended on 2026-01-04 already/);
    assert.equal(endOfGrant(grant(null, '2026-12-31'), '2026-01-05'), '2026-01-04');
    assert.equal(endOfGrant(grant(null, '2026-01-05'), '2026-01-05'), '2026-01-04');
  });
});
