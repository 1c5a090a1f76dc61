import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { ImportRejectedError } from '../../domain/errors.ts';
import { readNccisExtract, writeNccisExtract } from '../../imports/nccis/nccis-csv.ts';
import { cliActor, withServices } from '../open-services.ts';

const who = () => ({ actor: cliActor(), requestId: null });

/** `waymark nccis import FILE` and `waymark nccis export --out FILE`: the LA's CCIS extract in and out (issue 15.3). */
export function nccisCommand(): Command {
  const nccis = new Command('nccis').description(
    'The 16-18 participation tracking records in the NCCIS extract layout: one row per activity, each column named for its NCCIS data item.',
  );
  nccis
    .command('import')
    .description(
      'Load a CCIS extract: every line is checked first and nothing is written if any line has a problem (each named by line and column); young people and activities are added or updated by their CCIS id, the NEET and not-known figures of the years touched are remade, and the load is audited. Loading the same extract again writes nothing new.',
    )
    .argument('<file>', 'the extract (CSV, UTF-8)')
    .action(async (file: string) => {
      const screened = readNccisExtract(path.basename(file), new Uint8Array(await readFile(file)));
      const result = await withServices((services) => services.participation.importExtract(who(), screened));
      if (!result.ok) {
        console.error(new ImportRejectedError(result.issues).message);
        process.exitCode = 1;
        return;
      }
      console.log(
        `loaded ${path.resolve(file)} as batch ${result.batchId}: young people ${result.people.inserted} added, ${result.people.updated} updated; activities ${result.activities.inserted} added, ${result.activities.updated} updated`,
      );
    });
  nccis
    .command('export')
    .description('Write every young person tracked, with their activities, in the extract layout (the export is audited; the file holds personal data).')
    .requiredOption('--out <FILE>', 'where to write the CSV')
    .action(async (options: { out: string }) => {
      const rows = await withServices((services) => services.participation.exportExtract({ kind: 'everywhere' }, who()));
      await writeFile(options.out, writeNccisExtract(rows.people, rows.activities), { mode: 0o600 });
      console.log(`wrote ${path.resolve(options.out)}: ${rows.people.length} young people, ${rows.activities.length} activities`);
    });
  return nccis;
}
