import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actionWords } from './action-words.ts';

describe('audit actions in words', () => {
  it('says what a known action did', () => {
    assert.equal(actionWords('collaboration.save'), 'Saved a collaboration');
    assert.equal(actionWords('collaboration.create'), 'Created a collaboration');
    assert.equal(actionWords('import.file'), 'Imported a file');
    assert.equal(actionWords('audit.export'), 'Downloaded the audit trail');
  });

  it('shows an action it has no words for as its code', () => {
    assert.equal(actionWords('token.revoke'), 'token.revoke');
    assert.equal(actionWords('constructor'), 'constructor', 'not an inherited property of the map');
  });

  it('tells a refused or locked sign-in from one that succeeded, by its recorded outcome', () => {
    assert.equal(actionWords('session.sign-in', { outcome: 'ok', step: 'password' }), 'Signed in');
    assert.equal(actionWords('session.sign-in', { outcome: 'ok', step: 'totp' }), 'Signed in with a code');
    assert.equal(actionWords('session.sign-in', { outcome: 'refused', step: 'password' }), 'Sign-in refused: wrong username or password');
    assert.equal(actionWords('session.sign-in', { outcome: 'refused', step: 'totp' }), 'Sign-in refused: wrong code');
    assert.equal(actionWords('session.sign-in', { outcome: 'locked', step: 'password' }), 'Sign-in refused: the account is locked');
    assert.equal(actionWords('session.sign-in', null), 'Signed in');
  });
});
