import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { extractCsv } from '../../imports/casework-extract/extract-csv.ts';
import { cliActor, withServices } from '../open-services.ts';

const who = () => ({ actor: cliActor(), requestId: null });

/** `waymark casework extract --team T --out FILE`: a team's pseudonymised pupil-level extract for analysis (issue 15.7, ADR 0018). */
export function caseworkCommand(): Command {
  const casework = new Command('casework').description('The casework teams’ records as a whole (issue 15).');
  casework
    .command('extract')
    .description(
      'Write one team’s cases, one row each, pseudonymised for analysis: no names, no date of birth (year and month only), no address or postcode (district code only), and the UPN replaced by a pseudonym (HMAC-SHA-256 under the LA’s key, kept in the database and never written out) that is the same for a child in every team’s extract. The extract is audited. CSV, UTF-8 with a byte order mark.',
    )
    .addOption(new Option('--team <team>', 'the team').choices(['cme', 'sen', 'participation', 'inclusion', 'admissions']).makeOptionMandatory())
    .requiredOption('--out <FILE>', 'where to write the CSV')
    .action(async (options: { team: string; out: string }) => {
      const extract = await withServices((services) => services.casework.extracts.take(who(), 'command-line', options.team));
      await writeFile(options.out, extractCsv(extract.columns, extract.rows), { mode: 0o600 });
      console.log(`wrote ${path.resolve(options.out)}: ${extract.rows.length} ${extract.key} cases, pseudonymised, taken on ${extract.takenOn}`);
    });
  return casework;
}
