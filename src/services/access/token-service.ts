import { createHash, randomBytes } from 'node:crypto';
import { apiTokenRules, hasTokenShape, shouldRecordUse, tokenExpiry, tokenStatus } from '../../domain/access/api-token-rules.ts';
import type { Principal } from '../../domain/access/decide-access.ts';
import { BadRequestError, NotFoundError } from '../../domain/errors.ts';
import type { Store } from '../../store/store.ts';
import type { RecordAudit } from '../audit/audit-hook.ts';
import type { Clock } from '../clock.ts';
import { principalOf } from './principal-of.ts';

/** The database keeps only this hash of a token: a copy of the table cannot call the API. */
function hashOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export const maxTokenNameLength = 100;

/**
 * Personal API tokens (issue 14.5): made by a signed-in user on their account page, shown once, stored as a SHA-256
 * hash, acting with exactly their owner's roles (as they are when the token is used, not when it was made), expiring
 * after at most a year, revocable. A disabled account's tokens stop working; a password reset leaves them alone (they
 * are credentials of their own: revoke them, or disable the account, to stop them).
 */
export function createTokenService(store: Store, clock: Clock, recordAudit: RecordAudit) {
  return {
    /** A new token for a user: the secret is returned this once and never again (only its hash is kept). */
    async create(userId: number, input: Readonly<{ name: string; days: number }>): Promise<Readonly<{ id: number; secret: string; expiresAt: Date }>> {
      const name = input.name.trim();
      if (name === '' || name.length > maxTokenNameLength) throw new BadRequestError(`give the token a name of at most ${maxTokenNameLength} characters`);
      const now = clock();
      const expiresAt = tokenExpiry(now, input.days);
      const secret = `${apiTokenRules.prefix}${randomBytes(apiTokenRules.secretBytes).toString('base64url')}`;
      const id = await store.tokens.add({ userId, name, tokenHash: hashOf(secret), createdAt: now, expiresAt });
      await recordAudit({ action: 'token.create', actorUserId: userId, subject: String(id), detail: { days: input.days } });
      return { id, secret, expiresAt };
    },

    /** A user's tokens, newest first, each with what it is now (active, expired or revoked). */
    async list(userId: number) {
      const now = clock();
      return (await store.tokens.ofUser(userId)).map((t) => ({ ...t, status: tokenStatus(t, now) }));
    },

    /** Revoke one of the user's own tokens: it stops working at once. */
    async revoke(userId: number, tokenId: number): Promise<void> {
      if (!(await store.tokens.revoke(userId, tokenId, clock()))) throw new NotFoundError('You have no such token that is not revoked already.');
      await recordAudit({ action: 'token.revoke', actorUserId: userId, subject: String(tokenId) });
    },

    /**
     * Who a token acts for: its owner's principal, or null when the token is unknown, expired, revoked, or its owner's
     * account disabled. A use is recorded (last_used_at) at most once a minute.
     */
    async authenticate(secret: string): Promise<Principal | null> {
      if (!hasTokenShape(secret)) return null;
      const token = await store.tokens.byHash(hashOf(secret));
      const now = clock();
      if (token === undefined || tokenStatus(token, now) !== 'active') return null;
      const principal = await principalOf(store, token.userId);
      if (principal === null) return null;
      if (shouldRecordUse(token.lastUsedAt, now)) await store.tokens.touch(token.id, now);
      return principal;
    },
  };
}
