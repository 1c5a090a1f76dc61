import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isUsername, passwordProblem } from './account-rules.ts';

describe('account names and passwords', () => {
  it('takes lower-case usernames of letters, digits, dots, dashes and underscores, starting with a letter or digit', () => {
    for (const name of ['demo-cme', 'j.smith', 'a', 'officer_2', 'x'.repeat(64)]) assert.ok(isUsername(name), name);
    for (const name of ['', 'J.Smith', '.hidden', '-dash', 'has space', 'x'.repeat(65), 'émile']) assert.ok(!isUsername(name), name);
  });

  it('refuses a password under 12 characters or over 1024, and takes one in between', () => {
    assert.match(passwordProblem('elevenchars')!, /at least 12 characters/);
    assert.equal(passwordProblem('twelve chars'), null);
    assert.equal(passwordProblem('x'.repeat(1024)), null);
    assert.match(passwordProblem('x'.repeat(1025))!, /at most 1024 characters/);
  });
});
