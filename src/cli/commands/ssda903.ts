import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { ImportRejectedError } from '../../domain/errors.ts';
import { read903Files } from '../../imports/ssda903/ssda903-csv.ts';
import { cliActor, withServices } from '../open-services.ts';

const who = () => ({ actor: cliActor(), requestId: null });
const everywhere = { kind: 'everywhere' } as const;

/** `waymark ssda903 import HEADER EPISODES`: the LA's children looked after return into the Virtual School's records (issue 15.5). */
export function ssda903Command(): Command {
  const ssda903 = new Command('ssda903').description(
    'Children looked after (the SSDA903 return, DfE CSV layout): the Virtual School’s children in care and their episodes.',
  );
  ssda903
    .command('import')
    .description(
      'Load an SSDA903 return: the header file (CHILD, SEX, DOB, ETHNIC, UPN, MOTHER, MC_DOB) and the episodes file (CHILD, DECOM, RNE, LS, CIN, PLACE, PLACE_PROVIDER, DEC, REC, REASON_PLACE_CHANGE, HOME_POST, PL_POST, URN), dates DD/MM/YYYY. Every line of both is checked first and nothing is written if any has a problem (each named by file, line and column); a child whose header and episodes are already held as they are is left alone, so loading the same return again writes nothing new. Each child written is audited and target 22’s figures are remade. Postcodes and the mother’s details are read and dropped.',
    )
    .argument('<header>', 'the header file (CSV, UTF-8)')
    .argument('<episodes>', 'the episodes file (CSV, UTF-8)')
    .action(async (header: string, episodes: string) => {
      const read = read903Files(
        { file: path.basename(header), bytes: new Uint8Array(await readFile(header)) },
        { file: path.basename(episodes), bytes: new Uint8Array(await readFile(episodes)) },
      );
      if (!read.ok) {
        console.error(new ImportRejectedError(read.issues).message);
        process.exitCode = 1;
        return;
      }
      const result = await withServices((services) => services.inclusion.children.importChildren(who(), everywhere, path.basename(episodes), read));
      if (!result.ok) {
        console.error(new ImportRejectedError(result.issues).message);
        process.exitCode = 1;
        return;
      }
      console.log(
        result.batchId === null
          ? `nothing new in ${path.resolve(header)} and ${path.resolve(episodes)}: all ${result.unchanged} children are held as they are`
          : `loaded ${path.resolve(header)} and ${path.resolve(episodes)} as batch ${result.batchId}: ${result.added} children added, ${result.replaced} changed, ${result.unchanged} unchanged; ${result.figures} figures remade`,
      );
    });
  return ssda903;
}
