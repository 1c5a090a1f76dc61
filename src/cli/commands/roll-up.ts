import { Command } from 'commander';
import { withServices } from '../open-services.ts';

export function rollUpCommand(): Command {
  return new Command('roll-up')
    .description(
      'Remake the roll-ups of school figures (pupil-weighted means by LA, district and grouping) from the memberships held now, e.g. after importing a grouping file. Imports of school figures make their own roll-ups.',
    )
    .option('--quiet', 'print only the summary')
    .action(async (options: { quiet?: boolean }) => {
      const result = await withServices((services) =>
        services.rollUps.recomputeAll(options.quiet ? undefined : (step) => process.stderr.write(`rolling up ${step}\n`)),
      );
      console.log(
        `batch ${result.batchId}: ${result.figures} school figures rolled up into ${result.written} roll-ups (${result.removed} earlier roll-ups replaced); ${result.unregistered} schools with results are not in the register and are in no roll-up`,
      );
    });
}
