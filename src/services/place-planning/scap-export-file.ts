import ExcelJS from 'exceljs';
import { csvField } from '../../domain/csv-field.ts';
import { roundHalfUp } from '../../domain/indicators/rounding.ts';
import { academicYearLabel } from '../../domain/periods/period.ts';
import { phaseYearGroups, type PlanningPhase, type ScapExportRow, type YearGroup } from '../../domain/place-planning/place-planning.ts';
import type { ScapExport } from './planning-views.ts';

/**
 * The SCAP-shaped export (issue 17.8): each school's capacity and forecast pupils by year group, by planning area, as
 * the DfE's school capacity survey asks an LA for them. Pupils are held unrounded and written here, once, as whole
 * pupils (half up, as the DfE rounds); periods are written as academic years (2016/17).
 */

const phases: readonly PlanningPhase[] = ['primary', 'secondary'];
const phaseNames: Readonly<Record<PlanningPhase, string>> = { primary: 'Primary', secondary: 'Secondary' };
const leading = ['la_code', 'planning_area_code', 'planning_area_name', 'phase', 'urn', 'school_name', 'capacity', 'admission_number', 'period'] as const;
/** The same columns as the workbook heads them, in words. */
const leadingHeadings: Readonly<Record<(typeof leading)[number], string>> = {
  la_code: 'LA code',
  planning_area_code: 'Planning area code',
  planning_area_name: 'Planning area',
  phase: 'Phase',
  urn: 'URN',
  school_name: 'School',
  capacity: 'Capacity',
  admission_number: 'Admission number',
  period: 'Academic year',
};

/** A year group's column: reception, year_1 … year_13. */
const columnOf = (g: YearGroup): string => (g === 'R' ? 'reception' : `year_${g}`);
/** A year group as a heading: Reception, Year 1 … Year 13. */
const headingOf = (g: YearGroup): string => (g === 'R' ? 'Reception' : `Year ${g}`);
const whole = (n: number | null): number | null => (n === null ? null : roundHalfUp(n, 0));
/** Pupils in a year group, to whole pupils; null (a blank cell, never 0) where the year group is not the row's phase or the forecast has no figure for it. */
const pupilsIn = (row: ScapExportRow, g: YearGroup): number | null =>
  phaseYearGroups[row.phase].includes(g) && row.pupils[g] !== undefined ? whole(row.pupils[g]) : null;

const leadingCells = (row: ScapExportRow): (string | number | null)[] => [
  row.laCode,
  row.areaCode,
  row.areaName,
  phaseNames[row.phase],
  row.urn,
  row.schoolName,
  whole(row.capacity),
  whole(row.admissionNumber),
  academicYearLabel(row.period),
];

/**
 * The export as CSV: UTF-8 with a byte order mark (so a spreadsheet reads it as UTF-8), CRLF line ends, one header row,
 * then one row per school (or area) and period. Both phases share the file, so it has a column for every year group,
 * Reception to Year 13; a row leaves the other phase's year groups empty.
 */
export function scapCsv(e: ScapExport): string {
  const groups = [...phaseYearGroups.primary, ...phaseYearGroups.secondary];
  const header = [...leading, ...groups.map(columnOf)].join(',');
  const lines = e.rows.map((row) =>
    [...leadingCells(row), ...groups.map((g) => pupilsIn(row, g))].map((v) => (v === null ? '' : csvField(String(v)))).join(','),
  );
  return `\uFEFF${[header, ...lines].join('\r\n')}\r\n`;
}

/** A date ('YYYY-MM-DD') in full: "3 March 2016". */
const longDate = (iso: string): string =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** What the figures are, for the Notes sheet: the LA, the forecast run and its method, and how pupils are rounded. */
function notesOf(e: ScapExport): [string, string][] {
  const notes: [string, string][] = [['Local authority', `${e.la.name} (${e.la.code})`]];
  const run = e.run;
  if (run === null) return [...notes, ['Forecast', 'No forecast has been made: the sheets hold capacity only']];
  const { method } = run;
  const yields = (p: PlanningPhase) => `${method.yields[p].market} a market dwelling, ${method.yields[p].affordable} an affordable dwelling`;
  return [
    ...notes,
    ['Forecast made on', longDate(run.madeOn)],
    ['Base census', `${academicYearLabel(run.basePeriod)} (January census: the last actual pupils on roll)`],
    [
      'Method',
      'Cohort survival (SCAP guidance, 2014): Reception from births by an intake ratio, Year 7 from Year 6 by a transfer ratio, other year groups by survival ratios',
    ],
    ['Years averaged', `Ratios are the mean of the last ${method.yearsAveraged} years’ ratios`],
    ['Births after the last year held', 'Held at the last year’s figure'],
    ['Pupil yield, primary', yields('primary')],
    ['Pupil yield, secondary', yields('secondary')],
    ['Surplus band', `${method.surplusBand.min}% to ${method.surplusBand.max}% of places spare`],
    ['Capacity', 'SCAP net capacity in the base year (a split-site school’s share in each planning area)'],
    ['Pupils', 'Forecast pupils on roll by year group, rounded to whole pupils (half up) in this file only'],
  ];
}

/**
 * The export as an Excel workbook: a Notes sheet saying what the figures are, then one sheet per phase with a header
 * row and the year groups of that phase, numbers written as numbers.
 */
export async function scapXlsx(e: ScapExport): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const notes = book.addWorksheet('Notes');
  notes.columns = [
    { header: 'Note', key: 'note', width: 30 },
    { header: 'Value', key: 'value', width: 100 },
  ];
  for (const [note, value] of notesOf(e)) notes.addRow({ note, value });
  notes.getRow(1).font = { bold: true };
  for (const phase of phases) {
    const sheet = book.addWorksheet(phaseNames[phase]);
    const groups = phaseYearGroups[phase];
    sheet.columns = [
      ...leading.map((c) => ({ header: leadingHeadings[c], key: c, width: c === 'school_name' || c === 'planning_area_name' ? 36 : 14 })),
      ...groups.map((g) => ({ header: headingOf(g), key: g, width: 11 })),
    ];
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const row of e.rows.filter((r) => r.phase === phase)) sheet.addRow([...leadingCells(row), ...groups.map((g) => pupilsIn(row, g))]);
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}
