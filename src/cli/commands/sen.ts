import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { ImportRejectedError } from '../../domain/errors.ts';
import { readSenCaseList } from '../../imports/sen/sen-case-list.ts';
import { cliActor, withServices } from '../open-services.ts';

/** `waymark sen import FILE`: an LA's existing EHC needs assessment cases loaded from the command line (issue 15.6). */
export function senCommand(): Command {
  const sen = new Command('sen').description('SEN casework: requests for EHC needs assessments and the plans that follow.');
  sen
    .command('import')
    .description(
      'Load a case list (CSV, UTF-8; the columns of the SEN task list download): every row is checked with the rules of the request and step pages first, and nothing is written if any row has a problem (each named by line and column); a case already held (the same child with a request received the same day) is left as it is, so loading the same file again writes nothing new. Each case written is audited and the SEN figures of the years touched are remade.',
    )
    .argument('<file>', 'the case list (CSV, UTF-8)')
    .action(async (file: string) => {
      const name = path.basename(file);
      const read = readSenCaseList(name, new Uint8Array(await readFile(file)));
      if ('issues' in read) {
        console.error(new ImportRejectedError(read.issues).message);
        process.exitCode = 1;
        return;
      }
      // The command line acts for the LA as a whole: every district is in its scope.
      const result = await withServices((services) =>
        services.sen.importCases({ kind: 'everywhere' }, { actor: cliActor(), requestId: null }, name, read.rows, read.hash),
      );
      if ('issues' in result) {
        console.error(new ImportRejectedError(result.issues).message);
        process.exitCode = 1;
        return;
      }
      console.log(
        `loaded ${path.resolve(file)}${result.batchId === null ? '' : ` as batch ${result.batchId}`}: ${result.written} cases added, ${result.unchanged} already held and unchanged`,
      );
    });
  return sen;
}
