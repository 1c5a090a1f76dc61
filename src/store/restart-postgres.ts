import type { ChildProcess } from 'node:child_process';
import type { Log } from '../log.ts';

/** How long a dead embedded PostgreSQL is tried again before Waymark gives up on it. */
const defaultGiveUpAfterMs = 60_000;

export type Supervised = Readonly<{
  /** Stop the server for good (PostgreSQL's fast shutdown), waiting for a restart under way to finish first. */
  stop: () => Promise<void>;
}>;

/**
 * Keep the embedded PostgreSQL running: if it exits when nobody asked it to (killed, crashed, out of memory), log it
 * and launch it again on the same data directory and port, so the pool's next connection reaches it and pages come
 * back without a manual restart. A server that cannot be launched again within a minute is handed to `onLost` (the
 * web server exits there, so a supervisor restarts Waymark).
 */
export function superviseEmbeddedPostgres(
  first: ChildProcess,
  relaunch: () => Promise<ChildProcess>,
  options: Readonly<{ log: Log; port: number; onStarted: (child: ChildProcess) => void; onLost: (error: Error) => void; giveUpAfterMs?: number }>,
): Supervised {
  const { log } = options;
  let child = first;
  let stopping = false;
  let restarting: Promise<void> | null = null;

  const restart = async (code: number | null, signal: NodeJS.Signals | null): Promise<void> => {
    log.error(
      { pid: child.pid, code, signal, port: options.port },
      'the embedded PostgreSQL stopped unexpectedly: restarting it (database requests fail until it is back)',
    );
    const startedAt = Date.now();
    for (let attempt = 1; !stopping; attempt++) {
      try {
        const next = await relaunch();
        child = next;
        watch(next);
        options.onStarted(next);
        if (stopping) return; // stop() is waiting on this restart and stops the new server itself
        log.warn({ pid: next.pid, attempt, port: options.port }, 'the embedded PostgreSQL was restarted: database requests work again');
        return;
      } catch (error) {
        if (Date.now() - startedAt > (options.giveUpAfterMs ?? defaultGiveUpAfterMs)) {
          log.fatal({ attempt, reason: (error as Error).message }, 'the embedded PostgreSQL could not be restarted');
          options.onLost(error as Error);
          return;
        }
        // After a crash its old backends may hold the shared memory for a moment: try again shortly.
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 250 * 2 ** attempt)));
      }
    }
  };

  const watch = (server: ChildProcess): void => {
    server.once('exit', (code, signal) => {
      if (stopping || server !== child) return;
      restarting = restart(code, signal).finally(() => {
        restarting = null;
      });
    });
  };
  watch(first);

  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping = true;
    stopped ??= (async () => {
      if (restarting !== null) await restarting;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGINT'); // PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit.
      await exited;
    })();
    return stopped;
  };
  return { stop };
}
