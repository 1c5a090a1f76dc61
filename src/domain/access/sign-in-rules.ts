/**
 * Lock-out and session time-outs as pure rules over times passed in (OWASP ASVS level 2: lock-out after repeated
 * failures, an idle and an absolute session limit).
 */
export const signInRules = {
  /** Failures in a row that lock an account… */
  maxFailures: 5,
  /** …for this long. */
  lockMinutes: 15,
  /** A session unused this long ends. */
  idleMinutes: 30,
  /** A session ends this long after sign-in, however used. */
  absoluteHours: 12,
  /**
   * A session's last use is written when it is used this long after the last written, not on every request (a write a
   * page view was a quarter of a signed-in page's queries, issue 20.4): an idle session may end up to this much sooner.
   */
  touchEverySeconds: 60,
} as const;

export type Lockable = Readonly<{ failedAttempts: number; lockedUntil: Date | null }>;

const minute = 60_000;

export function isLocked(account: Lockable, now: Date): boolean {
  return account.lockedUntil !== null && account.lockedUntil.getTime() > now.getTime();
}

/** An account after a failed attempt: counted, and locked for `lockMinutes` when the count reaches `maxFailures`. */
export function afterFailure(account: Lockable, now: Date): Lockable {
  // A lock that has run out starts a fresh count.
  const before = account.lockedUntil !== null && !isLocked(account, now) ? 0 : account.failedAttempts;
  const failedAttempts = before + 1;
  return failedAttempts >= signInRules.maxFailures
    ? { failedAttempts, lockedUntil: new Date(now.getTime() + signInRules.lockMinutes * minute) }
    : { failedAttempts, lockedUntil: account.lockedUntil };
}

export const afterSuccess: Lockable = { failedAttempts: 0, lockedUntil: null };

export type SessionTimes = Readonly<{ createdAt: Date; lastSeenAt: Date }>;

/** When a session ends if not used again: the earlier of its idle limit from now and its absolute limit. */
export function sessionExpiry(session: SessionTimes): Date {
  const idle = session.lastSeenAt.getTime() + signInRules.idleMinutes * minute;
  const absolute = session.createdAt.getTime() + signInRules.absoluteHours * 60 * minute;
  return new Date(Math.min(idle, absolute));
}

/** Whether a use of a live session at `now` is written as its last use (its idle clock restarts from it). */
export function sessionNeedsTouch(session: SessionTimes, now: Date): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= signInRules.touchEverySeconds * 1000;
}

/** Whether a session may still be used at `now`: neither idle too long nor older than the absolute limit. */
export function sessionLive(session: SessionTimes, now: Date): boolean {
  return now.getTime() < sessionExpiry(session).getTime();
}
