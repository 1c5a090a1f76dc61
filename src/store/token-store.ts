import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Personal API tokens (migration 0015): each row holds the SHA-256 of its secret, never the secret. */

export type TokenRow = Readonly<{
  id: number;
  userId: number;
  name: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}>;

export function createTokenStore(db: Kysely<Database>) {
  const tokens = () =>
    db
      .selectFrom('api_token')
      .select([
        'id',
        'user_id as userId',
        'name',
        'created_at as createdAt',
        'expires_at as expiresAt',
        'last_used_at as lastUsedAt',
        'revoked_at as revokedAt',
      ]);

  return {
    async add(token: Readonly<{ userId: number; name: string; tokenHash: string; createdAt: Date; expiresAt: Date }>): Promise<number> {
      const row = await db
        .insertInto('api_token')
        .values({ user_id: token.userId, name: token.name, token_hash: token.tokenHash, created_at: token.createdAt, expires_at: token.expiresAt })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },
    async byHash(tokenHash: string): Promise<TokenRow | undefined> {
      return tokens().where('token_hash', '=', tokenHash).executeTakeFirst();
    },
    async ofUser(userId: number): Promise<TokenRow[]> {
      return tokens().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    },
    /** Revoke one of a user's tokens; false when the user has no such token or it was revoked already. */
    async revoke(userId: number, tokenId: number, at: Date): Promise<boolean> {
      const result = await db
        .updateTable('api_token')
        .set({ revoked_at: at })
        .where('id', '=', tokenId)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Revoke every live token of a user (a password reset: whoever held the old password may have made one); how many. */
    async revokeAllOf(userId: number, at: Date): Promise<number> {
      const result = await db.updateTable('api_token').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async touch(tokenId: number, at: Date): Promise<void> {
      await db.updateTable('api_token').set({ last_used_at: at }).where('id', '=', tokenId).execute();
    },
  };
}
