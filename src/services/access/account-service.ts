import { londonDateOf } from '../../domain/periods/london-time.ts';
import { hash, verify } from '@node-rs/argon2';
import { generateSecret, generateURI } from 'otplib';
import type { RoleGrant } from '../../domain/access/decide-access.ts';
import { isUsername, passwordProblem } from '../../domain/access/account-rules.ts';
import { roles } from '../../domain/access/roles.ts';
import { normaliseEmail } from '../../domain/access/identity-sign-in.ts';
import { afterFailure, afterSuccess, isLocked } from '../../domain/access/sign-in-rules.ts';
import { endOfGrant } from '../../domain/access/end-grant.ts';
import type { NewGrant, PlaceName } from '../../domain/access/grant-text.ts';
import { BadRequestError, NotFoundError } from '../../domain/errors.ts';
import type { Store } from '../../store/store.ts';
import type { RecordAudit } from '../audit/audit-hook.ts';
import type { Clock } from '../clock.ts';
import { totpCodeMatches } from './two-step-service.ts';

export type { NewGrant, PlaceName };

/** What checking a password (or a TOTP code) found. Unknown, disabled and wrong are told apart only in the audit hook. */
export type SignInOutcome =
  Readonly<{ kind: 'ok'; userId: number; totpRequired: boolean }> | Readonly<{ kind: 'refused' }> | Readonly<{ kind: 'locked'; until: Date }>;

function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem !== null) throw new BadRequestError(problem);
}

/**
 * Local accounts: passwords hashed with argon2id (@node-rs/argon2's default), optional TOTP (otplib), lock-out after
 * repeated failures. Every write calls `recordAudit` with who did it: `actorUserId` is the signed-in administrator (or
 * user) on the web, null for a command (the audit trail then records the command's OS user).
 */
export function createAccountService(store: Store, clock: Clock, recordAudit: RecordAudit) {
  const today = () => londonDateOf(clock());
  /** A hash verified when the username is unknown, so a wrong name takes as long as a wrong password. */
  let unknownUserHash: Promise<string> | null = null;

  const userOrThrow = async (username: string) => {
    const user = await store.access.userByName(username);
    if (user === undefined) throw new NotFoundError(`no user ${username}`);
    return user;
  };

  const resolveGrant = async (grant: NewGrant): Promise<RoleGrant> => {
    const definition = roles[grant.role];
    if (definition.scope === 'la-wide' && grant.place !== null) throw new BadRequestError(`${definition.label} is granted LA-wide, without a place`);
    if (definition.scope === 'place' && grant.place === null) throw new BadRequestError(`${definition.label} is granted on a place`);
    let placeId: number | null = null;
    if (grant.place !== null) {
      const place = await store.places.find(grant.place.kind, grant.place.code);
      if (place === undefined) throw new NotFoundError(`no place ${grant.place.kind} ${grant.place.code}`);
      placeId = place.id;
    }
    return { role: grant.role, placeId, validFrom: grant.validFrom ?? null, validTo: grant.validTo ?? null };
  };

  const countFailure = async (user: Readonly<{ id: number; failedAttempts: number; lockedUntil: Date | null }>, step: string): Promise<SignInOutcome> => {
    const now = clock();
    const next = afterFailure(user, now);
    await store.access.updateUser(user.id, next);
    const locked = isLocked(next, now);
    await recordAudit({ action: 'session.sign-in', actorUserId: null, subject: String(user.id), detail: { outcome: locked ? 'locked' : 'refused', step } });
    return locked ? { kind: 'locked', until: next.lockedUntil! } : { kind: 'refused' };
  };

  return {
    /**
     * Add an account with a password, or with none (`password: null`) for one that signs in only through the OpenID
     * provider: that needs its e-mail address, which its first sign-in there links by (ADR 0013).
     */
    async add(
      input: Readonly<{ username: string; displayName: string; password: string | null; email?: string | null; grants: readonly NewGrant[] }>,
      actorUserId: number | null = null,
    ): Promise<number> {
      if (!isUsername(input.username))
        throw new BadRequestError('a username is 1 to 64 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit');
      if (input.displayName.trim() === '' || input.displayName.length > 200) throw new BadRequestError('give a display name of at most 200 characters');
      const email = input.email === undefined || input.email === null ? null : normaliseEmail(input.email);
      if (input.email !== undefined && input.email !== null && email === null) throw new BadRequestError('give an e-mail address such as name@example.org');
      if (input.password === null && email === null)
        throw new BadRequestError('an account for single sign-on needs an e-mail address: its first sign-in through the provider is matched by it');
      if (input.password !== null) checkPassword(input.password);
      const grants = await Promise.all(input.grants.map(resolveGrant));
      const passwordHash = input.password === null ? null : await hash(input.password);
      const id = await store.transaction(async (tx) => {
        if (email !== null && (await tx.access.userByEmail(email)) !== undefined) throw new BadRequestError('another user already has that e-mail address');
        const added = await tx.access.addUser({ username: input.username, displayName: input.displayName.trim(), passwordHash, email });
        if (added === 0) throw new BadRequestError(`there is already a user ${input.username}`);
        for (const grant of grants) await tx.access.addGrant(added, grant);
        return added;
      });
      await recordAudit({
        action: 'user.add',
        actorUserId,
        subject: String(id),
        detail: { roles: grants.map((g) => g.role).join(' '), password: passwordHash !== null },
      });
      return id;
    },

    async grant(username: string, grant: NewGrant, actorUserId: number | null = null): Promise<void> {
      const user = await userOrThrow(username);
      const resolved = await resolveGrant(grant);
      await store.access.addGrant(user.id, resolved);
      await recordAudit({ action: 'user.grant', actorUserId, subject: String(user.id), placeId: resolved.placeId, detail: { role: resolved.role } });
    },

    async list() {
      const users = await store.access.listUsers();
      const grants = await store.access.grantsOf(users.map((u) => u.id));
      const identities = await store.access.identityIssuersOf(users.map((u) => u.id));
      const now = clock();
      return users.map((u) => ({
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        disabled: u.disabled,
        locked: isLocked(u, now),
        totp: u.totpSecret !== null,
        email: u.email,
        /** Signs in only through the OpenID provider (no password). */
        ssoOnly: u.passwordHash === null,
        /** Linked to a user of an OpenID provider (its first single sign-on is done). */
        linked: identities.some((i) => i.userId === u.id),
        grants: grants.filter((g) => g.userId === u.id),
      }));
    },

    /** End a grant (today is its first day out of force); the row is kept as history. */
    async endGrant(username: string, grantId: number, actorUserId: number | null = null): Promise<void> {
      const user = await userOrThrow(username);
      const grant = (await store.access.grantsOf([user.id])).find((g) => g.id === grantId);
      if (grant === undefined) throw new NotFoundError(`${username} has no such role`);
      const validTo = endOfGrant(grant, today());
      await store.access.endGrant(user.id, grantId, validTo);
      await recordAudit({
        action: 'user.end-grant',
        actorUserId,
        subject: String(user.id),
        placeId: grant.placeId,
        detail: { role: grant.role, grant: grantId, validTo },
      });
    },

    /** One user with their grants (every one, ended too), as the administration page shows them. */
    async user(username: string) {
      const user = await userOrThrow(username);
      const grants = await store.access.grantsOf([user.id]);
      return {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        disabled: user.disabled,
        locked: isLocked(user, clock()),
        lockedUntil: user.lockedUntil,
        totp: user.totpSecret !== null,
        createdAt: user.createdAt,
        grants,
      };
    },

    /** Disable an account and end its sessions at once (its API tokens stop working too: they act only for an enabled account). */
    async disable(username: string, actorUserId: number | null = null): Promise<void> {
      const user = await userOrThrow(username);
      await store.transaction(async (tx) => {
        await tx.access.updateUser(user.id, { disabled: true });
        await tx.access.endSessionsOf(user.id);
      });
      await recordAudit({ action: 'user.disable', actorUserId, subject: String(user.id) });
    },

    /** Enable a disabled account again (a lock-out after failed attempts is left to run out, or to a password reset). */
    async enable(username: string, actorUserId: number | null = null): Promise<void> {
      const user = await userOrThrow(username);
      await store.access.updateUser(user.id, { disabled: false });
      await recordAudit({ action: 'user.enable', actorUserId, subject: String(user.id) });
    },

    /** A new password: the lock-out is cleared, the account enabled, and every session of the account ended. */
    async resetPassword(username: string, password: string, actorUserId: number | null = null): Promise<void> {
      checkPassword(password);
      const user = await userOrThrow(username);
      const passwordHash = await hash(password);
      // Whoever held the old password may have signed in or made an API token with it: both end here.
      const revoked = await store.transaction(async (tx) => {
        await tx.access.updateUser(user.id, { passwordHash, disabled: false, ...afterSuccess });
        await tx.access.endSessionsOf(user.id);
        return tx.tokens.revokeAllOf(user.id, clock());
      });
      await recordAudit({ action: 'user.reset-password', actorUserId, subject: String(user.id), detail: { tokensRevoked: revoked } });
    },

    /** Enrol (or re-enrol) TOTP: the secret is stored and returned once, with the otpauth URI an authenticator app reads. */
    async enrolTotp(username: string, actorUserId: number | null = null): Promise<Readonly<{ secret: string; uri: string }>> {
      const user = await userOrThrow(username);
      const secret = generateSecret();
      await store.access.updateUser(user.id, { totpSecret: secret, totpPendingSecret: null });
      await recordAudit({ action: 'user.enrol-totp', actorUserId, subject: String(user.id) });
      return { secret, uri: generateURI({ issuer: 'Waymark', label: user.username, secret }) };
    },

    /** The first step of signing in. A locked account is refused without its password being checked. */
    async checkPassword(username: string, password: string): Promise<SignInOutcome> {
      const user = username.length <= 64 ? await store.access.userByName(username) : undefined;
      // An unknown user and an account with no password (single sign-on only) take as long to refuse as a wrong password.
      if (user === undefined || user.passwordHash === null || password.length > 1024) {
        await verify(await (unknownUserHash ??= hash('no such user: this only evens out the time taken')), password.slice(0, 1024));
        const subject = user === undefined ? 'unknown' : String(user.id);
        await recordAudit({ action: 'session.sign-in', actorUserId: null, subject, detail: { outcome: 'refused', step: 'password' } });
        return { kind: 'refused' };
      }
      if (isLocked(user, clock())) return { kind: 'locked', until: user.lockedUntil! };
      const matches = await verify(user.passwordHash, password);
      if (!matches || user.disabled) return countFailure(user, 'password');
      if (user.totpSecret === null) {
        await store.access.updateUser(user.id, afterSuccess);
        await recordAudit({ action: 'session.sign-in', actorUserId: user.id, subject: String(user.id), detail: { outcome: 'ok', step: 'password' } });
      }
      return { kind: 'ok', userId: user.id, totpRequired: user.totpSecret !== null };
    },

    /** The second step for an account with TOTP: a code from the authenticator, one 30-second step either side allowed. */
    async checkTotp(userId: number, code: string): Promise<SignInOutcome> {
      const user = await store.access.userById(userId);
      if (user === undefined || user.disabled || user.totpSecret === null) return { kind: 'refused' };
      if (isLocked(user, clock())) return { kind: 'locked', until: user.lockedUntil! };
      if (!(await totpCodeMatches(user.totpSecret, code, clock()))) return countFailure(user, 'totp');
      await store.access.updateUser(user.id, afterSuccess);
      await recordAudit({ action: 'session.sign-in', actorUserId: user.id, subject: String(user.id), detail: { outcome: 'ok', step: 'totp' } });
      return { kind: 'ok', userId: user.id, totpRequired: false };
    },

    today,
  };
}
