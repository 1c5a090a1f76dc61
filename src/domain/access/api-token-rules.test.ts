import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiTokenRules, hasTokenShape, shouldRecordUse, tokenExpiry, tokenStatus } from './api-token-rules.ts';

const at = (iso: string) => new Date(iso);

describe('API token rules', () => {
  it('recognises a token by its prefix and 43 base64url characters, and nothing else', () => {
    assert.equal(hasTokenShape(`wm_${'A'.repeat(43)}`), true);
    assert.equal(hasTokenShape(`wm_${'A'.repeat(42)}`), false);
    assert.equal(hasTokenShape(`xx_${'A'.repeat(43)}`), false);
    assert.equal(hasTokenShape(`wm_${'A'.repeat(42)}=`), false);
  });

  it('expires a token after the days chosen, 1 to 365, and refuses any other lifetime', () => {
    assert.deepEqual(tokenExpiry(at('2026-01-01T10:00:00Z'), apiTokenRules.defaultDays), at('2026-04-01T10:00:00Z'));
    assert.deepEqual(tokenExpiry(at('2026-01-01T10:00:00Z'), 365), at('2027-01-01T10:00:00Z'));
    for (const days of [0, -1, 366, 1.5, Number.NaN]) assert.throws(() => tokenExpiry(at('2026-01-01T10:00:00Z'), days), /between 1 and 365 days/);
  });

  it('calls a token revoked whatever its date, expired from its expiry instant on, else active', () => {
    const expiresAt = at('2026-02-01T00:00:00Z');
    assert.equal(tokenStatus({ expiresAt, revokedAt: null }, at('2026-01-31T23:59:59Z')), 'active');
    assert.equal(tokenStatus({ expiresAt, revokedAt: null }, expiresAt), 'expired');
    assert.equal(tokenStatus({ expiresAt, revokedAt: at('2026-01-10T00:00:00Z') }, at('2026-01-11T00:00:00Z')), 'revoked');
  });

  it('records a use the first time, then at most once a minute', () => {
    assert.equal(shouldRecordUse(null, at('2026-01-01T10:00:00Z')), true);
    assert.equal(shouldRecordUse(at('2026-01-01T10:00:00Z'), at('2026-01-01T10:00:59Z')), false);
    assert.equal(shouldRecordUse(at('2026-01-01T10:00:00Z'), at('2026-01-01T10:01:00Z')), true);
  });
});
