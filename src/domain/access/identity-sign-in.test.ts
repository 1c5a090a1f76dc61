import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideIdentitySignIn, normaliseEmail, type ProviderIdentity } from './identity-sign-in.ts';

const identity: ProviderIdentity = { issuer: 'https://login.example.org', subject: 'abc-123', email: 'Ada@Kent.gov.uk', emailVerified: true };
const enabled = { id: 7, disabled: false };

describe('signing in through an OpenID provider', () => {
  it('signs a linked identity in as its account, whatever the e-mail claim says', () => {
    assert.deepEqual(decideIdentitySignIn({ ...identity, email: null, emailVerified: false }, enabled, undefined), { kind: 'sign-in', userId: 7 });
  });

  it('refuses a linked identity whose account is disabled', () => {
    assert.deepEqual(decideIdentitySignIn(identity, { id: 7, disabled: true }, undefined), { kind: 'refused', outcome: 'disabled' });
  });

  it('links an unlinked identity to the enabled account with its verified e-mail address', () => {
    assert.deepEqual(decideIdentitySignIn(identity, undefined, { ...enabled, linkedToIssuer: false, providerOnly: true }), { kind: 'link', userId: 7 });
  });

  it('never links on an e-mail address the provider has not verified', () => {
    assert.deepEqual(decideIdentitySignIn({ ...identity, emailVerified: false }, undefined, { ...enabled, linkedToIssuer: false, providerOnly: true }), {
      kind: 'refused',
      outcome: 'unverified-email',
    });
  });

  it('refuses a user with no e-mail address, or one no account has', () => {
    assert.deepEqual(decideIdentitySignIn({ ...identity, email: null }, undefined, undefined), { kind: 'refused', outcome: 'not-registered' });
    assert.deepEqual(decideIdentitySignIn(identity, undefined, undefined), { kind: 'refused', outcome: 'not-registered' });
  });

  it('refuses to link a disabled account, or one already linked to another user of the same provider', () => {
    assert.deepEqual(decideIdentitySignIn(identity, undefined, { id: 7, disabled: true, linkedToIssuer: false, providerOnly: true }), {
      kind: 'refused',
      outcome: 'disabled',
    });
    assert.deepEqual(decideIdentitySignIn(identity, undefined, { ...enabled, linkedToIssuer: true, providerOnly: true }), {
      kind: 'refused',
      outcome: 'already-linked',
    });
  });

  it("never links an account that has a password of its own, which Waymark's own second step may guard", () => {
    assert.deepEqual(decideIdentitySignIn(identity, undefined, { ...enabled, linkedToIssuer: false, providerOnly: false }), {
      kind: 'refused',
      outcome: 'password-account',
    });
  });

  it('keeps e-mail addresses trimmed and lower-case, and refuses what is not one', () => {
    assert.equal(normaliseEmail('  Ada@Kent.GOV.uk '), 'ada@kent.gov.uk');
    for (const bad of ['', 'ada', 'ada@', '@kent.gov.uk', 'a@b@c', 'ada lovelace@kent.gov.uk', null, undefined])
      assert.equal(normaliseEmail(bad), null, String(bad));
  });
});
