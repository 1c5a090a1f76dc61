import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { ImportRejectedError, type FileIssue } from '../../domain/errors.ts';
import { isTwoYearCode } from '../../domain/periods/period.ts';
import type { AccuracyRow } from '../../domain/place-planning/place-planning.ts';
import { readCapacityFile } from '../../imports/place-planning/capacity-file.ts';
import { readHousingSiteFile } from '../../imports/place-planning/housing-site-file.ts';
import { readPlannedChangeFile } from '../../imports/place-planning/planned-change-file.ts';
import { readPlanningAreaFile } from '../../imports/place-planning/planning-area-file.ts';
import type { PlanningFile } from '../../imports/place-planning/planning-fields.ts';
import type { Services } from '../../services/create-services.ts';
import { scapCsv, scapXlsx } from '../../services/place-planning/scap-export-file.ts';
import { cliActor, withServices } from '../open-services.ts';

const who = () => ({ actor: cliActor(), requestId: null });

const laCode = (value: string): string => {
  if (!/^\d{3}$/.test(value)) throw new InvalidArgumentError('a 3-digit LA code, e.g. 886');
  return value;
};

/** An academic year written 2015/16 or 201516, as the planning files write it. */
const academicYear = (value: string): string => {
  const period = value.replace(/^(\d{4})\/(\d{2})$/, '$1$2');
  if (!isTwoYearCode(period)) throw new InvalidArgumentError('an academic year, written 2015/16 or 201516');
  return period;
};

const refused = (issues: FileIssue[]) => {
  console.error(new ImportRejectedError(issues).message);
  process.exitCode = 1;
};

type PlanningRecords = Parameters<Services['placePlanning']['record']>[2];

/** A planning file's subcommand: read the file whole, refuse it with every issue, or record what it holds. */
function fileCommand<T>(
  name: string,
  description: string,
  read: (file: string, bytes: Uint8Array, la: string) => PlanningFile<T>,
  records: (read: T) => PlanningRecords,
) {
  return new Command(name)
    .description(description)
    .argument('<file>', 'the file (CSV, UTF-8)')
    .requiredOption('--la <code>', 'the LA the records are for (3-digit code, e.g. 886)', laCode)
    .action(async (file: string, options: { la: string }) => {
      const name = path.basename(file);
      const result = read(name, new Uint8Array(await readFile(file)), options.la);
      if ('issues' in result) return refused(result.issues);
      const { written } = await withServices((services) => services.placePlanning.record(options.la, name, records(result.records), who()));
      const counts = Object.entries(written).map(([what, n]) => `${n} ${what}`);
      console.log(`loaded ${path.resolve(file)} for LA ${options.la}: ${counts.length === 0 ? 'nothing new' : counts.join(', ')} written`);
    });
}

const percent = (n: number | null) => (n === null ? '-' : `${n >= 0 ? '+' : ''}${n.toFixed(2)}%`);

/** The LA-level backtest by phase and years ahead: each year scored, then the mean absolute error. */
function printBacktest(rows: readonly AccuracyRow[]) {
  const la = rows.filter((r) => r.level === 'la');
  for (const phase of ['primary', 'secondary'] as const)
    for (const yearsAhead of [1, 3]) {
      const scored = la.filter((r) => r.phase === phase && r.yearsAhead === yearsAhead);
      const errors = scored.map((r) => r.accuracy).filter((a) => a !== null);
      const mean = errors.length === 0 ? null : errors.reduce((a, b) => a + Math.abs(b), 0) / errors.length;
      console.log(
        `${phase}, ${yearsAhead} year${yearsAhead > 1 ? 's' : ''} ahead: mean absolute error ${mean === null ? '-' : `${mean.toFixed(2)}%`} over ${errors.length} years`,
      );
      for (const r of scored)
        console.log(`  from ${r.basePeriod} for ${r.period}: forecast ${r.forecast.toFixed(0)}, actual ${r.actual}, ${percent(r.accuracy)}`);
    }
  console.log(`${rows.length - la.length} planning area rows also scored (see the accuracy page)`);
}

/** `waymark planning …`: school place planning from the command line (issue 17). */
export function planningCommand(): Command {
  const planning = new Command('planning').description(
    'School place planning: planning areas, capacity, planned changes, housing, forecasts, backtests and the SCAP export.',
  );
  planning.addCommand(
    fileCommand(
      'areas',
      'Load planning areas and their schools (CSV: area_code, area_name, phase, district_code, feeds_area, urn, share, valid_from, valid_to; one row per school per area): every line is checked first and nothing is written if any has a problem.',
      readPlanningAreaFile,
      (r) => ({ areas: r.areas, memberships: r.memberships }),
    ),
  );
  planning.addCommand(
    fileCommand(
      'capacity',
      "Load schools' SCAP capacity (CSV: urn, period, phase, admission_number, places_r, places_1 … places_13; blank = no places): every line is checked first and nothing is written if any has a problem.",
      (file, bytes) => readCapacityFile(file, bytes),
      (capacity) => ({ capacity }),
    ),
  );
  planning.addCommand(
    fileCommand(
      'changes',
      'Load planned changes to places (CSV: code, area_code, urn, school_name, phase, kind, entry_places, phasing, from_period, status, description): every line is checked first and nothing is written if any has a problem.',
      readPlannedChangeFile,
      (changes) => ({ changes }),
    ),
  );
  planning.addCommand(
    fileCommand(
      'housing',
      'Load housing sites and their completions (CSV: site_code, site_name, primary_area, secondary_area, period, market_dwellings, affordable_dwellings; one row per site per year): every line is checked first and nothing is written if any has a problem.',
      readHousingSiteFile,
      (housing) => ({ housing }),
    ),
  );
  planning
    .command('forecast')
    .description(
      'Forecast pupils by planning area, school and LA from the latest census (or --base): five years ahead for primary, seven for secondary. The forecast is kept with the day it was made and its method, and audited.',
    )
    .requiredOption('--la <code>', 'the LA (3-digit code, e.g. 886)', laCode)
    .option('--base <period>', 'the census year to forecast from (2015/16 or 201516; default: the latest held)', academicYear)
    .action(async (options: { la: string; base?: string }) => {
      const input = options.base === undefined ? { laCode: options.la } : { laCode: options.la, basePeriod: options.base };
      const run = await withServices((services) => services.placePlanning.runForecast(input, who()));
      console.log(
        `forecast ${run.id} for LA ${run.laCode} made ${run.madeOn} from the ${run.basePeriod} census (ratios averaged over ${run.method.yearsAveraged} years)`,
      );
    });
  planning
    .command('backtest')
    .description(
      "Re-run the forecast method as if in each earlier census year and score it against the census that followed, one and three years ahead, by the DfE scorecards' formula ((forecast - actual) / actual).",
    )
    .requiredOption('--la <code>', 'the LA (3-digit code, e.g. 886)', laCode)
    .action(async (options: { la: string }) => printBacktest(await withServices((services) => services.placePlanning.backtest(options.la, who()))));
  planning
    .command('export')
    .description(
      "Write the SCAP-shaped export of the LA's latest forecast: each school's capacity and forecast pupils by year group, by planning area, as CSV or XLSX (by the --out file's extension).",
    )
    .requiredOption('--la <code>', 'the LA (3-digit code, e.g. 886)', laCode)
    .requiredOption('--out <FILE>', 'where to write it: a .csv or .xlsx file')
    .action(async (options: { la: string; out: string }) => {
      const kind = path.extname(options.out).toLowerCase();
      if (kind !== '.csv' && kind !== '.xlsx') throw new InvalidArgumentError('--out names a .csv or an .xlsx file');
      const exported = await withServices((services) => services.placePlanning.scapExport(options.la));
      await writeFile(options.out, kind === '.csv' ? scapCsv(exported) : await scapXlsx(exported), { mode: 0o600 });
      console.log(
        `wrote ${path.resolve(options.out)}: ${exported.rows.length} rows${exported.run === null ? ' (no forecast held: capacity only)' : ` from forecast ${exported.run.id} (${exported.run.madeOn})`}`,
      );
    });
  return planning;
}
