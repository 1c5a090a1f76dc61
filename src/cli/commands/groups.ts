import { Command } from 'commander';
import { groupingColumns } from '../../imports/grouping/grouping-file.ts';
import { runImport } from './import.ts';

/** LA-defined groupings (collaborations, hubs, planning areas): `waymark groups import FILE`. */
export function groupsCommand(): Command {
  const groups = new Command('groups').description('Collaborations, hubs and other groupings of schools the LA defines, with dated membership.');
  groups
    .command('import')
    .description(
      `Import grouping files (${groupingColumns.join(',')}; dates yyyy-mm-dd, blank for open-ended). Each group named in a file gets exactly the memberships the file lists; roll-ups are remade. Works on the demo county too.`,
    )
    .argument('<files...>', 'grouping CSV files')
    .action((paths: string[]) => runImport(paths, [], { format: 'grouping-file', label: 'a Waymark grouping file' }));
  return groups;
}
