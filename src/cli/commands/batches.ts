import { Command } from 'commander';
import { escapeControls } from '../../domain/errors.ts';
import { withServices } from '../open-services.ts';

export function batchesCommand(): Command {
  return new Command('batches')
    .description('List the most recent import batches: file, format, SHA-256, rows and what each did.')
    .option('--limit <n>', 'how many batches', '20')
    .action(async (options: { limit: string }) => {
      const batches = await withServices((services) => services.batches.recent(Number(options.limit)));
      // Names stored before file names were screened (issue 12) may hold newlines or terminal escapes: print them inert.
      for (const b of batches)
        console.log(
          `${b.id}\t${b.importedAt.toISOString()}\t${escapeControls(b.format)}\t${escapeControls(b.fileName)}\t${b.fileHash.slice(0, 12)}\t${b.rowCount} rows, ${b.inserted} inserted, ${b.updated} updated, ${b.closed} closed`,
        );
      if (batches.length === 0) console.log('no import batches yet');
    });
}
