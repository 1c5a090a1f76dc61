import { BadRequestError } from '../errors.ts';

/**
 * Personal API tokens as rules over times passed in (issue 14.5): what a token looks like, how long it may live, when
 * it may be used, and how often its last use is written down.
 */
export const apiTokenRules = {
  /** Every token starts with this, so a leaked one is recognised by secret scanners and people alike. */
  prefix: 'wm_',
  /** The random part: 32 bytes, written base64url (43 characters). */
  secretBytes: 32,
  /** The lifetime offered unless another is chosen… */
  defaultDays: 90,
  /** …and the longest allowed: a token always expires. */
  maxDays: 365,
  /** A token's last use is written at most this often (a busy script does not write on every call). */
  touchEverySeconds: 60,
} as const;

const tokenPattern = /^wm_[A-Za-z0-9_-]{43}$/;

/** Whether text has a token's shape (the prefix and 43 base64url characters); whether it is a live token is the database's. */
export function hasTokenShape(text: string): boolean {
  return tokenPattern.test(text);
}

/** When a token made at `createdAt` to last `days` days expires; refused outside 1 to 365 whole days. */
export function tokenExpiry(createdAt: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 1 || days > apiTokenRules.maxDays)
    throw new BadRequestError(`a token lasts between 1 and ${apiTokenRules.maxDays} days (a whole number)`);
  return new Date(createdAt.getTime() + days * 86_400_000);
}

export type TokenTimes = Readonly<{ expiresAt: Date; revokedAt: Date | null }>;
export type TokenStatus = 'active' | 'expired' | 'revoked';

/** What a token is at `now`: revoked (whatever its date), else expired from its expiry on, else active. */
export function tokenStatus(token: TokenTimes, now: Date): TokenStatus {
  if (token.revokedAt !== null) return 'revoked';
  return now.getTime() >= token.expiresAt.getTime() ? 'expired' : 'active';
}

/** Whether a use at `now` is written down: the first use, then at most once every `touchEverySeconds`. */
export function shouldRecordUse(lastUsedAt: Date | null, now: Date): boolean {
  return lastUsedAt === null || now.getTime() - lastUsedAt.getTime() >= apiTokenRules.touchEverySeconds * 1000;
}
