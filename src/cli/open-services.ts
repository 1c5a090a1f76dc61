import { userInfo } from 'node:os';
import { composeServices } from '../compose.ts';
import { readConfig } from '../config.ts';
import { createLog } from '../log.ts';
import type { Services } from '../services/create-services.ts';
import type { DatabaseHandle } from '../store/database.ts';

const stopSignals = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/**
 * Open the configured store for one CLI command, run it, and always close the database. A stop signal (Ctrl-C,
 * `kill`) while the command runs rolls back the transaction in progress and exits at once: what it was writing is
 * not committed (an import is one transaction, so nothing of it is).
 */
export async function withServices<T>(work: (services: Services) => Promise<T>): Promise<T> {
  const config = readConfig();
  const log = createLog(config.cliLogLevel);
  // Listening before the database opens: a signal while it starts stops it too, instead of leaving it running.
  const stopper = abortOnSignal();
  // Beside a running `npm start` on the same data folder, the command joins its PostgreSQL instead of refusing.
  const { services, database } = await composeServices(config, log, { actor: cliActor(), requestId: null }, { joinRunning: true }).catch((error: unknown) => {
    stopper.release();
    throw error;
  });
  stopper.opened(database);
  try {
    return await work(services);
  } finally {
    stopper.release();
    await database.close();
  }
}

/** A command acts as the OS user who ran it, `cli:<user name>` (an account id, as the audit trail keeps; never a person's name). */
export function cliActor(): string {
  try {
    const name = userInfo().username.replace(/\s+/g, '_');
    if (name !== '') return `cli:${name}`;
  } catch {
    // No passwd entry for this uid (a container): the uid names the account.
  }
  return `cli:uid-${process.getuid?.() ?? 'unknown'}`;
}

function abortOnSignal(): { opened: (database: DatabaseHandle) => void; release: () => void } {
  let database: DatabaseHandle | null = null;
  let stopWith: number | null = null;
  const stop = (exitCode: number): void => {
    database?.abort().then(
      () => process.exit(exitCode),
      () => process.exit(exitCode),
    );
  };
  const handlers = Object.entries(stopSignals).map(([signal, exitCode]) => {
    const handler = (): void => {
      console.error(`waymark: stopped by ${signal}: the transaction in progress is rolled back`);
      // A second signal while the database stops ends the process at once (the connections close, so it still rolls back).
      process.once(signal, () => process.exit(exitCode));
      stopWith = exitCode;
      stop(exitCode); // once the database is open (or at once, if it is)
    };
    process.once(signal, handler);
    return { signal, handler };
  });
  return {
    opened: (handle) => {
      database = handle;
      if (stopWith !== null) stop(stopWith);
    },
    release: () => {
      for (const { signal, handler } of handlers) process.removeListener(signal, handler);
    },
  };
}
