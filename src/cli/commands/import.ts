import { Command } from 'commander';
import { batchFormat } from '../../domain/import-file.ts';
import { ImportRejectedError, describeIssue, escapeControls, type FileIssue } from '../../domain/errors.ts';
import { readSkillsShortageAreas, ssaTier1 } from '../../domain/indicators/skills-shortage-starts.ts';
import { formatLabel, readImportFile, importFormats, type ImportFile, type ImportOptions } from '../../imports/import-files.ts';
import { loadMappings } from '../../imports/mapped-csv/mapping.ts';
import { withServices } from '../open-services.ts';

export function importCommand(): Command {
  return new Command('import')
    .description(
      'Import register files and published statistics, each recognised by its header, in one transaction: nothing is written if any file has a problem.',
    )
    .argument('<files...>', 'CSV files to import (plain or gzip)')
    .option('--mapping <file...>', 'extra mapping files (YAML, as in mappings/) for published or local spreadsheets')
    .option(
      '--skills-shortage-areas <area...>',
      "the sector subject areas (tier 1 names, quoted, or numbers 1-15) the LA counts as skills shortage areas in DfE's FE starts file (target 35), after the files or ended by --; Kent's default: 4 5 1 6",
    )
    .addHelpText(
      'after',
      `\nRecognised files:\n${importFormats.map((f) => `  - ${f.label}`).join('\n')}\n  - any file a mapping in Waymark's mappings/ folder (or --mapping) describes: DfE applications and offers, exclusions, NEET and participation, school places scorecards, EYFS by LA, KS4 performance tables 2013/14\n\nExample:\n  waymark import lait/la_code_list.csv perf-tables-2016-2019/england_spine_2017-18.csv kent-postcode-district/*.csv`,
    )
    .action((paths: string[], options: { mapping?: string[]; skillsShortageAreas?: string[] }) => {
      if (options.skillsShortageAreas === undefined) return runImport(paths, options.mapping ?? []);
      const areas = readSkillsShortageAreas(options.skillsShortageAreas);
      if (!areas.ok) {
        console.error(
          `--skills-shortage-areas: not a sector subject area of tier 1: ${areas.unknown.join('; ')}. The areas are: ${ssaTier1.map((a, i) => `${i + 1} ${a}`).join('; ')}`,
        );
        process.exitCode = 1;
        return;
      }
      return runImport(paths, options.mapping ?? [], undefined, { skillsShortageAreas: areas.areas });
    });
}

/**
 * Read every file, refuse them all if any has a problem, then write them in one transaction and report what each did.
 * `only` restricts the command to one format (waymark groups import).
 */
export async function runImport(
  paths: readonly string[],
  mappingPaths: readonly string[],
  only?: Readonly<{ format: ImportFile['format']; label: string }>,
  options: ImportOptions = {},
): Promise<void> {
  const mappings = await loadMappings(mappingPaths);
  const files: ImportFile[] = [];
  const issues: FileIssue[] = [];
  for (const path of paths) {
    process.stderr.write(`reading ${escapeControls(path)} … `);
    const read = await readImportFile(path, mappings, undefined, options);
    if (read.ok && only !== undefined && read.file.format !== only.format) {
      issues.push({ file: read.file.file, line: 1, column: null, message: `not ${only.label} (it reads as ${formatLabel(batchFormat(read.file))})` });
      process.stderr.write('refused\n');
    } else if (read.ok) {
      files.push(read.file);
      process.stderr.write(`${formatLabel(batchFormat(read.file))}, ${read.file.rowCount} rows\n`);
    } else {
      issues.push(...read.issues);
      process.stderr.write('refused\n');
    }
  }
  if (issues.length > 0) {
    console.error(new ImportRejectedError(issues).message);
    process.exitCode = 1;
    return;
  }
  try {
    process.stderr.write('writing …\n');
    const report = await withServices((services) => services.imports.importFiles(files));
    for (const f of report.files) {
      console.log(
        `${f.file} (${formatLabel(f.format)}), batch ${f.batchId}: ${f.rows} rows; ${f.inserted} inserted, ${f.updated} updated, ${f.closed} closed, ${f.unchanged} unchanged, ${f.skipped} skipped`,
      );
      for (const note of f.notes) console.log(`  - ${note}`);
    }
    if (report.rollUps !== null)
      console.log(
        `memberships changed: ${report.rollUps.figures} school figures rolled up again into ${report.rollUps.written} roll-ups; ${report.rollUps.unregistered} schools with results are not in the register and are in no roll-up`,
      );
    if (report.schoolOutcomes !== null) console.log(`school outcomes remade: ${report.schoolOutcomes.written} place-level Ofsted and floor-standard figures`);
    for (const p of report.placements)
      console.log(
        `${p.la}: ${p.byPostcode} schools placed in districts by postcode, ${p.bySectorMajority} by postcode sector, ${p.unplaced.length} unplaced${p.unplaced.length > 0 ? ` (URN ${p.unplaced.slice(0, 10).join(', ')}${p.unplaced.length > 10 ? ' …' : ''})` : ''}`,
      );
  } catch (error) {
    if (!(error instanceof ImportRejectedError)) throw error;
    console.error(
      error.issues.length > 0 ? `Import refused, nothing was written:\n${error.issues.map((i) => `  ${describeIssue(i)}`).join('\n')}` : error.message,
    );
    process.exitCode = 1;
  }
}
