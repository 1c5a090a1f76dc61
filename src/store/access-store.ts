import { sql, type Kysely } from 'kysely';
import type { RoleGrant } from '../domain/access/decide-access.ts';
import type { RoleName } from '../domain/access/roles.ts';
import type { Database } from './schema.ts';

/** Local accounts, their role grants and server-side sessions (migration 0011). */

export type UserRow = Readonly<{
  id: number;
  username: string;
  displayName: string;
  /** Null for an account that signs in only through the OpenID provider. */
  passwordHash: string | null;
  email: string | null;
  totpSecret: string | null;
  /** A TOTP secret shown on the web but not yet confirmed with a code (migration 0015). */
  totpPendingSecret: string | null;
  disabled: boolean;
  failedAttempts: number;
  lockedUntil: Date | null;
  createdAt: Date;
}>;

export type GrantRow = RoleGrant & Readonly<{ id: number; placeKind: string | null; placeCode: string | null; placeName: string | null }>;

export type SessionRow = Readonly<{ idHash: string; userId: number; createdAt: Date; lastSeenAt: Date; expiresAt: Date; totpPending: boolean }>;

export function createAccessStore(db: Kysely<Database>) {
  const users = () =>
    db
      .selectFrom('app_user')
      .select([
        'id',
        'username',
        'display_name as displayName',
        'password_hash as passwordHash',
        'email',
        'totp_secret as totpSecret',
        'totp_pending_secret as totpPendingSecret',
        'disabled',
        'failed_attempts as failedAttempts',
        'locked_until as lockedUntil',
        'created_at as createdAt',
      ]);
  const sessions = () =>
    db
      .selectFrom('web_session')
      .select([
        'id_hash as idHash',
        'user_id as userId',
        'created_at as createdAt',
        'last_seen_at as lastSeenAt',
        'expires_at as expiresAt',
        'totp_pending as totpPending',
      ]);

  return {
    /** The new account's id, or 0 when its username or e-mail address is taken. */
    async addUser(user: Readonly<{ username: string; displayName: string; passwordHash: string | null; email?: string | null }>): Promise<number> {
      const row = await db
        .insertInto('app_user')
        .values({ username: user.username, display_name: user.displayName, password_hash: user.passwordHash, email: user.email ?? null })
        .onConflict((c) => c.doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id ?? 0;
    },
    async userByName(username: string): Promise<UserRow | undefined> {
      return users().where('username', '=', username).executeTakeFirst();
    },
    async userByEmail(email: string): Promise<UserRow | undefined> {
      return users().where('email', '=', email).executeTakeFirst();
    },
    async userById(id: number): Promise<UserRow | undefined> {
      return users().where('id', '=', id).executeTakeFirst();
    },
    async listUsers(): Promise<UserRow[]> {
      return users().orderBy('username').execute();
    },
    async updateUser(
      id: number,
      change: Partial<
        Readonly<{
          passwordHash: string;
          totpSecret: string | null;
          totpPendingSecret: string | null;
          disabled: boolean;
          failedAttempts: number;
          lockedUntil: Date | null;
        }>
      >,
    ): Promise<void> {
      await db
        .updateTable('app_user')
        .set({
          ...(change.passwordHash === undefined ? {} : { password_hash: change.passwordHash }),
          ...(change.totpSecret === undefined ? {} : { totp_secret: change.totpSecret }),
          ...(change.totpPendingSecret === undefined ? {} : { totp_pending_secret: change.totpPendingSecret }),
          ...(change.disabled === undefined ? {} : { disabled: change.disabled }),
          ...(change.failedAttempts === undefined ? {} : { failed_attempts: change.failedAttempts }),
          ...(change.lockedUntil === undefined ? {} : { locked_until: change.lockedUntil }),
        })
        .where('id', '=', id)
        .execute();
    },

    /** The account an OpenID provider's user is linked to, if any. */
    async identityUserId(issuer: string, subject: string): Promise<number | undefined> {
      const row = await db.selectFrom('user_identity').select('user_id').where('issuer', '=', issuer).where('subject', '=', subject).executeTakeFirst();
      return row?.user_id;
    },
    async hasIdentity(userId: number, issuer: string): Promise<boolean> {
      const row = await db.selectFrom('user_identity').select('user_id').where('user_id', '=', userId).where('issuer', '=', issuer).executeTakeFirst();
      return row !== undefined;
    },
    /** Link a provider's user to an account; false when either is linked already (a race lost). */
    async linkIdentity(identity: Readonly<{ issuer: string; subject: string; userId: number; linkedAt: Date }>): Promise<boolean> {
      const row = await db
        .insertInto('user_identity')
        .values({ issuer: identity.issuer, subject: identity.subject, user_id: identity.userId, linked_at: identity.linkedAt })
        .onConflict((c) => c.doNothing())
        .returning('user_id')
        .executeTakeFirst();
      return row !== undefined;
    },
    async identityIssuersOf(userIds: readonly number[]): Promise<{ userId: number; issuer: string }[]> {
      if (userIds.length === 0) return [];
      return db.selectFrom('user_identity').select(['user_id as userId', 'issuer']).where('user_id', 'in', userIds).orderBy('issuer').execute();
    },

    async addGrant(userId: number, grant: RoleGrant): Promise<void> {
      await db
        .insertInto('role_grant')
        .values({ user_id: userId, role: grant.role, place_id: grant.placeId, valid_from: grant.validFrom, valid_to: grant.validTo })
        .execute();
    },
    /** End a grant by setting its last day (it is kept: the grants are the history of who could do what). */
    async endGrant(userId: number, grantId: number, validTo: string): Promise<boolean> {
      const result = await db.updateTable('role_grant').set({ valid_to: validTo }).where('id', '=', grantId).where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async grantsOf(userIds: readonly number[]): Promise<(GrantRow & { userId: number })[]> {
      if (userIds.length === 0) return [];
      const rows = await db
        .selectFrom('role_grant as g')
        .leftJoin('place as p', 'p.id', 'g.place_id')
        .select([
          'g.id',
          'g.user_id as userId',
          'g.role',
          'g.place_id as placeId',
          'g.valid_from as validFrom',
          'g.valid_to as validTo',
          'p.kind as placeKind',
          'p.code as placeCode',
          'p.name as placeName',
        ])
        .where('g.user_id', 'in', userIds)
        .orderBy('g.id')
        .execute();
      return rows.map((r) => ({ ...r, role: r.role as RoleName }));
    },

    /** The ids of every place above a place in the tree on a day (its LA, district, groupings, region, country…). */
    async ancestorIds(placeId: number, onDate: string): Promise<number[]> {
      const result = await sql<{ id: number }>`
        with recursive up(id) as (
          select l.parent_id from place_link l
           where l.place_id = ${placeId} and (l.valid_from is null or l.valid_from <= ${onDate}::date) and (l.valid_to is null or l.valid_to >= ${onDate}::date)
          union
          select l.parent_id from up join place_link l on l.place_id = up.id
           where (l.valid_from is null or l.valid_from <= ${onDate}::date) and (l.valid_to is null or l.valid_to >= ${onDate}::date)
        )
        select id from up`.execute(db);
      return result.rows.map((r) => r.id);
    },

    /** The places given and every place under them in the place tree on a date (links in force that day). */
    async placesUnder(placeIds: readonly number[], onDate: string): Promise<number[]> {
      if (placeIds.length === 0) return [];
      const result = await sql<{ id: number }>`
        with recursive down(id) as (
          select id from place where id = any(${[...placeIds]}::bigint[])
          union
          select l.place_id from down join place_link l on l.parent_id = down.id
           where (l.valid_from is null or l.valid_from <= ${onDate}::date) and (l.valid_to is null or l.valid_to >= ${onDate}::date)
        )
        select id from down`.execute(db);
      return result.rows.map((r) => Number(r.id));
    },

    async addSession(session: SessionRow): Promise<void> {
      await db
        .insertInto('web_session')
        .values({
          id_hash: session.idHash,
          user_id: session.userId,
          created_at: session.createdAt,
          last_seen_at: session.lastSeenAt,
          expires_at: session.expiresAt,
          totp_pending: session.totpPending,
        })
        .execute();
    },
    async session(idHash: string): Promise<SessionRow | undefined> {
      return sessions().where('id_hash', '=', idHash).executeTakeFirst();
    },
    async touchSession(idHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
      await db.updateTable('web_session').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id_hash', '=', idHash).execute();
    },
    async endSession(idHash: string): Promise<void> {
      await db.deleteFrom('web_session').where('id_hash', '=', idHash).execute();
    },
    async endSessionsOf(userId: number): Promise<number> {
      const result = await db.deleteFrom('web_session').where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async endExpiredSessions(now: Date): Promise<number> {
      const result = await db.deleteFrom('web_session').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
