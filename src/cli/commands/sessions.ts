import { Command } from 'commander';
import { withServices } from '../open-services.ts';

/** `waymark sessions prune`: remove the sessions past their time (the server does this at start and every 15 minutes). */
export function sessionsCommand(): Command {
  const sessions = new Command('sessions').description('Signed-in sessions held in the database (each ends when idle 30 minutes, or 12 hours after sign-in).');
  sessions
    .command('prune')
    .description(
      'Remove every session past its time (idle or absolute). A running server does this when it starts and every 15 minutes; an ended session never signs anyone in, removed or not.',
    )
    .action(async () => {
      const removed = await withServices((services) => services.sessions.endExpired());
      console.log(`removed ${removed} expired session${removed === 1 ? '' : 's'}`);
    });
  return sessions;
}
