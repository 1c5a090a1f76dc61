import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { grantFromText } from './grant-text.ts';

// The grammar of `waymark users add --role` (README, "Accounts"): `role` for an LA-wide role, `role:kind:code` at a place.
describe('a grant written as text (waymark users add --role)', () => {
  it('reads an LA-wide role with no place', () => {
    assert.deepEqual(grantFromText('la_admin'), { role: 'la_admin', place: null });
  });

  it('reads a role at a place by kind and code', () => {
    assert.deepEqual(grantFromText('lead:district:E07000113'), { role: 'lead', place: { kind: 'district', code: 'E07000113' } });
  });

  it('keeps a colon inside the code', () => {
    assert.deepEqual(grantFromText('lead:grouping:kent:north'), { role: 'lead', place: { kind: 'grouping', code: 'kent:north' } });
  });

  it('refuses a role that does not exist, naming the roles there are', () => {
    assert.throws(() => grantFromText('headmaster:school:900001'), /headmaster:school:900001: the role is one of .*la_admin/);
  });

  it('refuses a place kind the store does not know, instead of looking for it', () => {
    assert.throws(() => grantFromText('lead:county:886'), /the place kind is one of .*district/);
  });

  it('refuses a place with no code', () => {
    assert.throws(() => grantFromText('lead:district'), /write a place as role:kind:code/);
    assert.throws(() => grantFromText('lead:district:'), /write a place as role:kind:code/);
  });
});
