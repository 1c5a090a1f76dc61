import { Command } from 'commander';
import { withServices } from '../open-services.ts';

/** `waymark audit verify`: read the whole audit trail in order and check its hash chain (issue 14.6). */
export function auditCommand(): Command {
  const audit = new Command('audit').description('The audit trail: who wrote what, when, where (append-only, each entry chained to the one before).');
  audit
    .command('verify')
    .description(
      'Check every entry of the audit trail against its hash and the one before it. Exits 0 with the count when the trail is whole; 1 naming the first entry changed, removed or reordered.',
    )
    .action(async () => {
      const result = await withServices((services) => services.audit.verify());
      if (result.broken === null) {
        console.log(`audit trail intact: ${result.checked} entries`);
        return;
      }
      console.error(
        `audit trail broken at entry ${result.broken.id} (${result.broken.reason}): ${result.broken.message}; ${result.checked} entries before it are intact`,
      );
      process.exitCode = 1;
    });
  return audit;
}
