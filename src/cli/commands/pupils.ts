import { Command, Option } from 'commander';
import { describeIssue } from '../../domain/errors.ts';
import { collections, collectionTitles, isCollection } from '../../domain/pupils/pupil-record.ts';
import { readCsvFile } from '../../imports/csv-table.ts';
import { readPupilRecords } from '../../imports/pupils/pupil-records.ts';
import { withServices } from '../open-services.ts';

export function pupilsCommand(): Command {
  const pupils = new Command('pupils').description('Pupil-level records: one file per collection, year and data version, computed by `waymark compute`.');

  pupils
    .command('import')
    .description(
      'Check a pupil-records CSV (one row per pupil; see docs/pupil-records.md for the columns) and register it as Parquet under the data directory. Nothing is written if any cell is wrong. Run `waymark compute` afterwards.',
    )
    .argument('<file>', 'CSV file (UTF-8, plain or gzip)')
    .addOption(new Option('--collection <name>', 'the collection the file holds').choices([...collections]).makeOptionMandatory())
    .requiredOption('--period <time_period>', 'the academic year, as the DfE writes it: 201112 for 2011/12')
    // Not `--version`: the program-wide flag prints Waymark's version and would take it.
    .addOption(new Option('--data-version <dataVersion>', 'data version of the extract').choices(['provisional', 'revised', 'final']).default('final'))
    .addHelpText('after', `\nCollections:\n${collections.map((c) => `  ${c.padEnd(8)} ${collectionTitles[c]}`).join('\n')}`)
    .action(async (file: string, options: { collection: string; period: string; dataVersion: 'provisional' | 'revised' | 'final' }) => {
      if (!/^\d{6}$/.test(options.period)) throw new Error(`--period must be an academic year written as the DfE does (201112), not "${options.period}"`);
      const collection = options.collection;
      if (!isCollection(collection)) throw new Error(`unknown collection ${collection}`);
      const table = await readCsvFile(file);
      const read = table.ok ? readPupilRecords(table.table, collection) : table;
      if (!read.ok) {
        console.error(`Import refused, nothing was written:\n${read.issues.map((i) => `  ${describeIssue(i)}`).join('\n')}`);
        process.exitCode = 1;
        return;
      }
      const written = await withServices((services) =>
        services.pupils.writeFile({
          collection,
          period: options.period,
          dataVersion: options.dataVersion,
          records: read.records,
          source: file,
          notes: read.notes,
        }),
      );
      console.log(
        `${file}: ${written.rows} ${options.collection} pupil records for ${options.period} (${options.dataVersion}) registered as batch ${written.batchId}, kept at ${written.path}`,
      );
      for (const note of written.notes) console.log(`  - ${note}`);
    });

  pupils
    .command('list')
    .description('The pupil files in use: the newest for each collection, year and data version.')
    .action(async () => {
      const files = await withServices((services) => services.pupils.files());
      if (files.length === 0) console.log('no pupil records registered');
      for (const f of files)
        console.log(`${f.period}  ${f.collection.padEnd(7)} ${f.dataVersion.padEnd(12)} ${String(f.rows).padStart(8)} pupils  batch ${f.batchId}`);
    });

  return pupils;
}
