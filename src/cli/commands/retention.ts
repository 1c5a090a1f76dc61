import { Command } from 'commander';
import { isCalendarDate } from '../../domain/periods/dates.ts';
import { withServices } from '../open-services.ts';

/** `waymark retention run [--date]`: every casework team's retention rule, in one transaction, audited with the counts. */
export function retentionCommand(): Command {
  const retention = new Command('retention').description(
    'Retention of casework records (issue 15.7): each team keeps a closed case for its period, then anonymises it.',
  );
  retention
    .command('run')
    .description(
      'Apply every casework team’s retention rule on a day (today in England by default), in one transaction: e.g. a children missing education case closed 6 years ago is anonymised (IRMS Retention Guidelines for Local Authorities). Prints the rule and the counts per team; the run is recorded in the audit trail.',
    )
    .option('--date <YYYY-MM-DD>', 'the day to apply the rules on (default today)')
    .action(async (options: { date?: string }) => {
      if (options.date !== undefined && !isCalendarDate(options.date)) {
        console.error(`waymark retention run: --date ${options.date} is not a date as YYYY-MM-DD`);
        process.exitCode = 2;
        return;
      }
      const outcomes = await withServices((services) => services.casework.runRetention(options.date));
      for (const o of outcomes) console.log(`${o.team}: ${o.anonymised} anonymised, ${o.deleted} deleted (rule: ${o.rule})`);
    });
  return retention;
}
