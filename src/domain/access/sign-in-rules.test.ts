import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { afterFailure, afterSuccess, isLocked, sessionExpiry, sessionLive, sessionNeedsTouch, signInRules } from './sign-in-rules.ts';

const at = (iso: string) => new Date(iso);
const fresh = { failedAttempts: 0, lockedUntil: null };

describe('lock-out', () => {
  it('locks an account for 15 minutes at the fifth failure in a row, not before', () => {
    let account = fresh as ReturnType<typeof afterFailure>;
    const now = at('2026-01-01T09:00:00Z');
    for (let i = 1; i < signInRules.maxFailures; i++) {
      account = afterFailure(account, now);
      assert.equal(isLocked(account, now), false, `after ${i} failures`);
    }
    account = afterFailure(account, now);
    assert.equal(isLocked(account, now), true);
    assert.equal(isLocked(account, at('2026-01-01T09:14:59Z')), true);
    assert.equal(isLocked(account, at('2026-01-01T09:15:00Z')), false);
  });

  it('starts a fresh count once a lock has run out', () => {
    const locked = { failedAttempts: 5, lockedUntil: at('2026-01-01T09:15:00Z') };
    const next = afterFailure(locked, at('2026-01-01T10:00:00Z'));
    assert.deepEqual(next, { failedAttempts: 1, lockedUntil: locked.lockedUntil });
    assert.equal(isLocked(next, at('2026-01-01T10:00:00Z')), false);
  });

  it('clears the count after a success', () => {
    assert.deepEqual(afterSuccess, { failedAttempts: 0, lockedUntil: null });
  });
});

describe('session time-outs', () => {
  const createdAt = at('2026-01-01T08:00:00Z');

  it('ends a session unused for 30 minutes', () => {
    const session = { createdAt, lastSeenAt: at('2026-01-01T09:00:00Z') };
    assert.equal(sessionLive(session, at('2026-01-01T09:29:59Z')), true);
    assert.equal(sessionLive(session, at('2026-01-01T09:30:00Z')), false);
  });

  it('writes a use as the last only a minute or more after the last written, so an idle session ends at most a minute early', () => {
    const session = { createdAt, lastSeenAt: at('2026-01-01T09:00:00Z') };
    assert.equal(sessionNeedsTouch(session, at('2026-01-01T09:00:59Z')), false);
    assert.equal(sessionNeedsTouch(session, at('2026-01-01T09:01:00Z')), true);
    // Last used at 9:00:59, not written, it ends at 9:30: 29 minutes and a second after that use.
    assert.equal(sessionLive(session, at('2026-01-01T09:29:59Z')), true);
  });

  it('ends a session 12 hours after sign-in however recently used', () => {
    const session = { createdAt, lastSeenAt: at('2026-01-01T19:59:00Z') };
    assert.deepEqual(sessionExpiry(session), at('2026-01-01T20:00:00Z'));
    assert.equal(sessionLive(session, at('2026-01-01T19:59:30Z')), true);
    assert.equal(sessionLive(session, at('2026-01-01T20:00:00Z')), false);
  });
});
