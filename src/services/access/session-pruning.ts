import type { Log } from '../../log.ts';

/** How often a running server removes the sessions past their time. */
export const sessionPruneMinutes = 15;

/**
 * Remove expired sessions now and then every `everyMs` (15 minutes by default) until stopped. The timer is unref'd, so
 * it never keeps the process alive; a failure is logged (by its message, which names no one) and the next round tries again.
 */
export function startSessionPruning(
  sessions: Readonly<{ endExpired: () => Promise<number> }>,
  log: Log,
  everyMs = sessionPruneMinutes * 60_000,
): Readonly<{ stop: () => void; done: () => Promise<void> }> {
  let running: Promise<void> = Promise.resolve();
  const prune = () => {
    running = sessions.endExpired().then(
      (removed) => {
        if (removed > 0) log.info({ removed }, 'expired sessions removed');
      },
      (error: Error) => log.warn({ reason: error.message }, 'expired sessions could not be removed'),
    );
  };
  prune();
  const timer = setInterval(prune, everyMs);
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    /** The round under way, if any, finished (so a database is not closed under it). */
    done: () => running,
  };
}
