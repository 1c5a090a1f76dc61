import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { csvField } from '../../domain/csv-field.ts';
import { ImportRejectedError } from '../../domain/errors.ts';
import { readApplicationFile } from '../../imports/admissions/application-file.ts';
import { readArrangementFile } from '../../imports/admissions/arrangement-file.ts';
import { cliActor, withServices } from '../open-services.ts';

const who = () => ({ actor: cliActor(), requestId: null });

const roundId = (value: string): number => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('a round number (see `waymark admissions round list`)');
  return Number(value);
};

const refused = (issues: ConstructorParameters<typeof ImportRejectedError>[0]) => {
  console.error(new ImportRejectedError(issues).message);
  process.exitCode = 1;
};

const offerColumns = ['application_ref', 'given_name', 'family_name', 'offer', 'urn', 'school_name', 'preference_rank', 'distance_metres', 'response'];

/** `waymark admissions …`: a coordinated admissions round from the command line (issue 16). */
export function admissionsCommand(): Command {
  const admissions = new Command('admissions').description('Coordinated admissions: rounds, arrangements, the common application file, allocation and offers.');
  const round = admissions.command('round').description('Admissions rounds: one per LA, phase and year of entry.');
  round
    .command('add')
    .description(
      'Add a round. Its dates follow the School Admissions Code: secondary applications close on 31 October before entry and offers are made on 1 March (or the next working day); primary applications close on 15 January and offers are made on 16 April (or the next working day).',
    )
    .requiredOption('--la <code>', 'the home LA (3-digit code, e.g. 886)')
    .requiredOption('--phase <phase>', 'primary (Reception) or secondary (Year 7)')
    .requiredOption('--entry <year>', 'the year of entry (September)')
    .option('--preferences <n>', 'how many preferences the common application form allows (default: 3 primary, 4 secondary)')
    .action(async (options: { la: string; phase: string; entry: string; preferences?: string }) => {
      if (options.phase !== 'primary' && options.phase !== 'secondary') throw new Error('--phase is primary or secondary');
      const phase: 'primary' | 'secondary' = options.phase;
      const input = {
        laCode: options.la,
        phase,
        entryYear: Number(options.entry),
        preferencesAllowed: Number(options.preferences ?? (phase === 'primary' ? 3 : 4)),
      };
      const id = await withServices(async (services) => {
        const added = await services.admissions.addRound(input, who());
        return { added, round: (await services.admissions.round(added)).round };
      });
      console.log(
        `added round ${id.added}: LA ${input.laCode} ${phase} entry ${input.entryYear}, closing date ${id.round.closingDate}, offer day ${id.round.offerDay}`,
      );
    });
  round
    .command('list')
    .description('List the rounds held.')
    .action(async () => {
      const rounds = await withServices((services) => services.admissions.rounds());
      for (const r of rounds)
        console.log(
          `${r.id}\t${r.laCode}\t${r.phase}\t${r.entryYear}\tcloses ${r.closingDate}\toffers ${r.offerDay}\t${r.allocatedAt === null ? 'not allocated' : 'allocated'}`,
        );
    });
  admissions
    .command('arrangements')
    .description(
      "Load a round's admission arrangements (CSV: urn, admission_number, admission_authority, selective, criteria, tie_break, seed, easting, northing): every line is checked first and nothing is written if any has a problem (each named by line and column); an arrangement held unchanged writes nothing, a changed one is a new version.",
    )
    .argument('<round>', 'the round number', roundId)
    .argument('<file>', 'the arrangements (CSV, UTF-8)')
    .action(async (id: number, file: string) => {
      const read = readArrangementFile(path.basename(file), new Uint8Array(await readFile(file)));
      if ('issues' in read) return refused(read.issues);
      const result = await withServices((services) => services.admissions.importArrangements(id, path.basename(file), read.rows, read.hash, who()));
      if ('issues' in result) return refused(result.issues);
      console.log(
        `loaded ${path.resolve(file)}: ${result.written - result.changed} schools added, ${result.changed} changed (new versions), ${result.unchanged} unchanged`,
      );
    });
  admissions
    .command('applications')
    .description(
      "Load the common application file into a round (CSV: application_ref, upn, given_name, family_name, date_of_birth, home_postcode, home_easting, home_northing, online, received_on, looked_after, ehc_plan_urn, assessed_suitable, current_school_urn, then pref1_urn, pref1_sibling, pref1_medical_social, pref1_faith, pref1_staff, pref2_urn … up to the round's preferences): every line is checked first and nothing is written if any has a problem (each named by line and column); loading the same file again writes nothing new.",
    )
    .argument('<round>', 'the round number', roundId)
    .argument('<file>', 'the common application file (CSV, UTF-8)')
    .action(async (id: number, file: string) => {
      const read = readApplicationFile(path.basename(file), new Uint8Array(await readFile(file)));
      if ('issues' in read) return refused(read.issues);
      const result = await withServices((services) => services.admissions.importApplications(id, path.basename(file), read.rows, read.hash, who()));
      if ('issues' in result) return refused(result.issues);
      console.log(`loaded ${path.resolve(file)}: ${result.written} applications added, ${result.unchanged} already held and unchanged`);
    });
  admissions
    .command('allocate')
    .description(
      "Allocate a round: each child is offered the highest preference at which they rank within the school's places (equal preference, deferred acceptance), else the nearest school with a place; offers, explanations and the year's figures are written and the run audited. Running it again on the same records gives the same offers.",
    )
    .argument('<round>', 'the round number', roundId)
    .action(async (id: number) => {
      const result = await withServices((services) => services.admissions.runRound(id, who()));
      const c = result.counts;
      const percent = (n: number) => (c.applications === 0 ? '-' : `${((100 * n) / c.applications).toFixed(1)}%`);
      console.log(
        `allocated round ${id}: ${c.applications} applications, first preference ${c.firstPreference} (${percent(c.firstPreference)}), one of their preferences ${c.preferred} (${percent(c.preferred)}), allocated another school ${c.nonPreferred}, no offer ${c.noOffer}; ${result.figures} figures written`,
      );
    });
  admissions
    .command('export')
    .description("Write a round's offers for the offer letters (CSV, UTF-8): one line per application. The download is audited.")
    .argument('<round>', 'the round number', roundId)
    .requiredOption('--out <FILE>', 'where to write the CSV')
    .action(async (id: number, options: { out: string }) => {
      const rows = await withServices((services) => services.admissions.exportOffers(id, who()));
      const lines = rows.map((r) =>
        [
          r.reference,
          r.givenName,
          r.familyName,
          r.offer ?? '',
          r.urn ?? '',
          r.schoolName ?? '',
          r.preferenceRank ?? '',
          r.distanceMetres === null ? '' : Math.round(r.distanceMetres),
          r.response ?? '',
        ]
          .map((v) => csvField(String(v)))
          .join(','),
      );
      await writeFile(options.out, `${[offerColumns.join(','), ...lines].join('\r\n')}\r\n`, { mode: 0o600 });
      console.log(`wrote ${path.resolve(options.out)}: ${rows.length} applications`);
    });
  return admissions;
}
