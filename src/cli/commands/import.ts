import { Command } from 'commander';
import { batchFormat } from '../../domain/import-file.ts';
import { ImportRejectedError, describeIssue, escapeControls, type FileIssue } from '../../domain/errors.ts';
import { readSkillsShortageAreas, ssaTier1 } from '../../domain/indicators/skills-shortage-starts.ts';
import { basename } from 'node:path';
import { hashFile } from '../../imports/csv-table.ts';
import { formatLabel, readImportFile, importFormats, readerOf, type ImportFile, type ImportOptions } from '../../imports/import-files.ts';
import type { UnreadFile } from '../../services/imports/import-service.ts';
import { readVersion } from '../../version.ts';
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
  const read = async (path: string) => {
    process.stderr.write(`reading ${escapeControls(path)} … `);
    const result = await readImportFile(path, mappings, undefined, options);
    if (result.ok && only !== undefined && result.file.format !== only.format) {
      process.stderr.write('refused\n');
      const message = `not ${only.label} (it reads as ${formatLabel(batchFormat(result.file))})`;
      return { ok: false as const, issues: [{ file: result.file.file, line: 1, column: null, message }] };
    }
    process.stderr.write(result.ok ? `${formatLabel(batchFormat(result.file))}, ${result.file.rowCount} rows\n` : 'refused\n');
    return result;
  };
  // Every file is hashed first: one the store already holds unchanged is not read (issue 20.3). A command for one
  // format (waymark groups import) reads its files, so that each is held to the format.
  const unread: UnreadFile[] = [];
  const issues: FileIssue[] = [];
  for (const path of paths) {
    const hashed = only === undefined ? await hashFile(path) : ({ ok: true, hash: '' } as const);
    if (hashed.ok) unread.push({ file: basename(path), hash: hashed.hash, read: () => read(path) });
    else issues.push(...hashed.issues);
  }
  const files: ImportFile[] = [];
  if (only !== undefined)
    for (const f of unread) {
      const result = await f.read();
      if (result.ok) files.push(result.file);
      else issues.push(...result.issues);
    }
  if (issues.length > 0) {
    console.error(new ImportRejectedError(issues).message);
    process.exitCode = 1;
    return;
  }
  const version = readVersion();
  const reader = readerOf(`${version.version}+${version.commit ?? 'release'}`, mappings, options);
  try {
    process.stderr.write('importing …\n');
    const report = await withServices((services) => (only === undefined ? services.imports.importUnread(unread, reader) : services.imports.importFiles(files)));
    for (const f of report.files) {
      if (f.unread === true) {
        console.log(`${f.file} (${formatLabel(f.format)}): held unchanged by batch ${f.batchId}, ${f.rows} rows; nothing written`);
        for (const note of f.notes) console.log(`  - ${note}`);
        continue;
      }
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
