import { verify as verifyPassword } from '@node-rs/argon2';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import { afterFailure, afterSuccess, isLocked } from '../../domain/access/sign-in-rules.ts';
import { BadRequestError, NotFoundError } from '../../domain/errors.ts';
import type { Store } from '../../store/store.ts';
import type { RecordAudit } from '../audit/audit-hook.ts';
import type { Clock } from '../clock.ts';

/** Whether a code is the 6 digits an authenticator shows for a secret now (one 30-second step either side allowed). */
export async function totpCodeMatches(secret: string, code: string, now: Date): Promise<boolean> {
  const token = code.replace(/\s/g, '');
  return /^\d{6}$/.test(token) && (await verifyTotp({ secret, token, epoch: Math.floor(now.getTime() / 1000), epochTolerance: 30 })).valid;
}

export type TurnOffOutcome = 'ok' | 'refused' | 'locked';

/**
 * Two-step verification (TOTP) set up by its user on the web (issue 14.7), and turned off by them or by an
 * administrator. The secret is pending (migration 0015: app_user.totp_pending_secret, not asked for at sign-in) until
 * a right code from it is given. Every change is audited.
 */
export function createTwoStepService(store: Store, clock: Clock, recordAudit: RecordAudit) {
  const userOrThrow = async (userId: number) => {
    const user = await store.access.userById(userId);
    if (user === undefined) throw new NotFoundError('no such user');
    return user;
  };

  return {
    /** The pending secret and its otpauth address; the same one until confirmed, so reloading the page does not break a scan. */
    async start(userId: number): Promise<Readonly<{ secret: string; uri: string }>> {
      const user = await userOrThrow(userId);
      if (user.totpSecret !== null) throw new BadRequestError('Two-step verification is on already: turn it off first to set up a new authenticator.');
      if (user.passwordHash === null)
        throw new BadRequestError("You sign in through your organisation's account, whose own two-step verification applies: Waymark asks for none.");
      let secret = user.totpPendingSecret;
      if (secret === null) {
        secret = generateSecret();
        await store.access.updateUser(user.id, { totpPendingSecret: secret });
        await recordAudit({ action: 'user.start-totp', actorUserId: user.id, subject: String(user.id) });
      }
      return { secret, uri: generateURI({ issuer: 'Waymark', label: user.username, secret }) };
    },

    /** A right code from the pending secret turns TOTP on (true); a wrong one changes nothing (false). */
    async confirm(userId: number, code: string): Promise<boolean> {
      const user = await userOrThrow(userId);
      if (user.totpPendingSecret === null || !(await totpCodeMatches(user.totpPendingSecret, code, clock()))) return false;
      await store.access.updateUser(user.id, { totpSecret: user.totpPendingSecret, totpPendingSecret: null });
      await recordAudit({ action: 'user.enrol-totp', actorUserId: user.id, subject: String(user.id), detail: { via: 'web' } });
      return true;
    },

    /** A user turns their own TOTP off, giving their password; a wrong password counts towards the lock-out like a sign-in. */
    async turnOff(userId: number, password: string): Promise<TurnOffOutcome> {
      const user = await userOrThrow(userId);
      const now = clock();
      if (user.disabled) return 'refused';
      if (isLocked(user, now)) return 'locked';
      if (user.passwordHash === null || password.length > 1024 || !(await verifyPassword(user.passwordHash, password))) {
        const next = afterFailure(user, now);
        await store.access.updateUser(user.id, next);
        const locked = isLocked(next, now);
        await recordAudit({ action: 'user.clear-totp', actorUserId: user.id, subject: String(user.id), detail: { outcome: locked ? 'locked' : 'refused' } });
        return locked ? 'locked' : 'refused';
      }
      await store.access.updateUser(user.id, { totpSecret: null, totpPendingSecret: null, ...afterSuccess });
      await recordAudit({ action: 'user.clear-totp', actorUserId: user.id, subject: String(user.id), detail: { outcome: 'ok' } });
      return 'ok';
    },

    /** An administrator turns TOTP off for someone who lost their authenticator: they sign in with a password alone until they set it up again. */
    async clear(username: string, actorUserId: number | null = null): Promise<void> {
      const user = await store.access.userByName(username);
      if (user === undefined) throw new NotFoundError(`no user ${username}`);
      await store.access.updateUser(user.id, { totpSecret: null, totpPendingSecret: null });
      await recordAudit({ action: 'user.clear-totp', actorUserId, subject: String(user.id) });
    },
  };
}
