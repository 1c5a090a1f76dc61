import { quoted, type FileIssue } from '../../domain/errors.ts';
import { england } from '../../domain/geography/reference-places.ts';
import type { DfeSymbol } from '../../domain/indicators/indicator.ts';
import type { PlaceRef, PublishedValueRecord } from '../../domain/indicators/published-values.ts';
import { readPeriod } from '../../domain/indicators/published-values.ts';
import { kentSkillsShortageAreas, skillsShortageStarts, type SsaTier1, type StartsCell } from '../../domain/indicators/skills-shortage-starts.ts';
import type { CsvTable } from '../csv-table.ts';
import { readWhole, type ChunkReader, type TableHead } from '../chunk-reader.ts';
import { hasColumns, normaliseHeader } from '../row-schema.ts';

/**
 * Further education and apprenticeship starts by the learner's home area, sector subject area (tier 1), level and age,
 * as the DfE publishes them on Explore Education Statistics (EES; before 2020 the Skills Funding Agency's FE data
 * library): tidy data, one row per place, academic year, SSA, level and age band with its count, in the EES standard
 * columns.
 *
 *   time_period        the academic year as 201213
 *   time_identifier    "Academic year"
 *   geographic_level   National, Regional or Local authority (other levels — LAD, parliamentary constituency, LEP —
 *                      are skipped and counted: the figure is held for England, regions and LAs)
 *   country_code       optional (E92000001)
 *   region_code        the region's ONS code on Regional and Local authority rows (region_name optional)
 *   old_la_code        the LA's 3-digit DfE code on Local authority rows (new_la_code, its ONS code, optional)
 *   la_name            the LA's name on Local authority rows
 *   ssa_t1_desc        the SSA tier 1, or ssa_tier_1 or sector_subject_area_t1 as other EES files name it
 *   level              apps_level (apprenticeships), level_or_type (further education and skills), qualification_level
 *                      or notional_nvq_level
 *   age                age_group, age_summary or age_band (Under 19, 19-24, 25+, Total)
 *   provision_type     optional: Apprenticeships and Education and training rows are read, any other (a Total, Community
 *                      learning) skipped, so a start is counted once
 *   starts             the count, rounded to 10 by the DfE, or one of its symbols low, c, x, z (a blank is refused)
 *
 * The layout is the EES standard of the FE files the DfE publishes by LA, SSA, level and age: the geography columns of
 * "Geography Region - Starts, Achievements, Participation, Population by Age, Level" (Apprenticeships and traineeships
 * 2022/23: time_period, time_identifier, geographic_level, country_code, country_name, region_code, region_name,
 * new_la_code, old_la_code, la_name, …, apps_level, age_group, starts) and the SSA and level filters of "Historical
 * series - Starts, Participation by Age, Level, SSA" (Apprenticeships 2023/24: apps_level, age_summary, ssa_tier_1,
 * starts); "Subjects and levels - latest headline summary" names the SSA column ssa_t1_desc. The footnotes give the
 * symbols: "Volumes are rounded to the nearest 10 and 'low' indicates a base value of fewer than 5. Where data shows 'x'
 * this indicates data is unavailable, 'z' indicates data is not applicable, and 'c' indicates data is suppressed."
 *
 * Read as vocational-starts-skills-shortage for each place and year by the rule in
 * domain/indicators/skills-shortage-starts.ts: level 2 and 3 starts by 16-24 year olds (Under 19 and 19-24) in the
 * skills shortage areas, which are the LA's choice (Kent's default, or the list given at import).
 */

const ssaColumns = ['ssa_t1_desc', 'ssa_tier_1', 'sector_subject_area_t1'];
const levelColumns = ['apps_level', 'level_or_type', 'qualification_level', 'notional_nvq_level'];
const ageColumns = ['age_group', 'age_summary', 'age_band'];
const readProvisions = ['apprenticeships', 'education and training'];
const symbols: Readonly<Record<string, DfeSymbol>> = { low: 'low', c: 'c', x: 'x', z: 'z' };

/** The header's name for the first of `names` it has (compared as EES varies case and spacing), or undefined. */
const columnOf = (header: readonly string[], names: readonly string[]) =>
  names.map((n) => header.find((h) => normaliseHeader(h) === normaliseHeader(n))).find((h) => h !== undefined);

export type FeSkillsStartsRead = {
  records: PublishedValueRecord[];
  issues: FileIssue[];
  skipped: number;
  skippedProvision: number;
  /** Figures left without a value because a cell they need is c or x, and cells written low or z, for the batch's notes. */
  withheld: string[];
  low: number;
  areas: readonly SsaTier1[];
};

type Group = { place: PlaceRef; period: string; line: number; cells: StartsCell[] };

export const feSkillsStarts = {
  id: 'fe-skills-starts',
  label: 'DfE further education and apprenticeship starts by LA, sector subject area, level and age (Explore Education Statistics)',
  encoding: 'utf-8',
  recognise: (header: readonly string[]) =>
    hasColumns(header, ['time_period', 'time_identifier', 'geographic_level', 'starts']) &&
    [ssaColumns, levelColumns, ageColumns].every((names) => columnOf(header, names) !== undefined),
  parse: (table: CsvTable, areas: readonly SsaTier1[] = kentSkillsShortageAreas): FeSkillsStartsRead => readWhole(table, (head) => startsReader(head, areas)),
  reader: startsReader,
} as const;

/**
 * The file's rows a chunk at a time, each cell kept under its place and year; the skills shortage areas' starts are
 * summed once every row is in.
 */
function startsReader(head: TableHead, areas: readonly SsaTier1[] = kentSkillsShortageAreas): ChunkReader<FeSkillsStartsRead> {
  const issues: FileIssue[] = [];
  const issue = (line: number, column: string, message: string) => issues.push({ file: head.file, line, column, message });
  const col = {
    ssa: columnOf(head.header, ssaColumns)!,
    level: columnOf(head.header, levelColumns)!,
    age: columnOf(head.header, ageColumns)!,
    provision: columnOf(head.header, ['provision_type']),
  };
  const groups = new Map<string, Group>();
  const seen = new Map<string, number>();
  let skipped = 0;
  let skippedProvision = 0;
  return {
    read(chunk) {
      for (const row of chunk.rows) {
        const v = (column: string) => (row.values[column] ?? '').trim();
        if (col.provision !== undefined && !readProvisions.includes(v(col.provision).toLowerCase())) {
          skippedProvision++;
          continue;
        }
        const level = v('geographic_level');
        if (!['National', 'Regional', 'Local authority'].includes(level)) {
          skipped++;
          continue;
        }
        const period = readPeriod(v('time_period'), 'academic');
        if (period === null) {
          issue(row.line, 'time_period', `${quoted(v('time_period'))} is not an academic year as EES writes it (201213 for 2012/13)`);
          continue;
        }
        if (v('time_identifier') !== 'Academic year') {
          issue(row.line, 'time_identifier', `${quoted(v('time_identifier'))}: this format reads full academic years ("Academic year")`);
          continue;
        }
        let place: PlaceRef;
        if (level === 'National') place = { kind: 'country', code: england.code, name: 'England', regionCode: null, regionName: null, laCode: null };
        else if (!/^E12\d{6}$/.test(v('region_code'))) {
          issue(row.line, 'region_code', `${quoted(v('region_code'))} is not a region's ONS code (E12 and 6 digits), which a ${level} row gives`);
          continue;
        } else if (level === 'Regional')
          place = { kind: 'region', code: v('region_code'), name: v('region_name') || null, regionCode: null, regionName: null, laCode: null };
        else if (!/^\d{3}$/.test(v('old_la_code'))) {
          issue(row.line, 'old_la_code', `${quoted(v('old_la_code'))} is not a 3-digit LA code, which a Local authority row gives`);
          continue;
        } else if (v('la_name') === '') {
          issue(row.line, 'la_name', 'la_name is blank: a Local authority row names its LA');
          continue;
        } else
          place = {
            kind: 'la',
            code: v('old_la_code'),
            name: v('la_name'),
            regionCode: v('region_code'),
            regionName: v('region_name') || null,
            laCode: v('old_la_code'),
          };
        const text = v('starts');
        const symbol = symbols[text] ?? null;
        if (symbol === null && !/^\d+(\.0+)?$/.test(text)) {
          issue(row.line, 'starts', `${quoted(text)} is neither a count (a whole number) nor one of the DfE's symbols (low, c, x, z)`);
          continue;
        }
        const cell: StartsCell = { ssa: v(col.ssa), level: v(col.level), age: v(col.age), starts: symbol === null ? Number(text) : null, symbol };
        const key = `${place.kind} ${place.code}|${period}|${col.provision === undefined ? '' : v(col.provision)}|${cell.ssa}|${cell.level}|${cell.age}`;
        const first = seen.get(key);
        if (first !== undefined) {
          issue(
            row.line,
            col.ssa,
            `a second row for ${place.name ?? place.code}, ${v('time_period')}, ${cell.ssa}, ${cell.level}, ${cell.age}: the first is on line ${first}`,
          );
          continue;
        }
        seen.set(key, row.line);
        const groupKey = `${place.kind} ${place.code}|${period}`;
        const group = groups.get(groupKey) ?? { place, period, line: row.line, cells: [] };
        group.cells.push(cell);
        groups.set(groupKey, group);
      }
    },
    finish() {
      const empty = { records: [], skipped, skippedProvision, withheld: [], low: 0, areas };
      if (issues.length > 0) return { ...empty, issues };
      const records: PublishedValueRecord[] = [];
      const withheld: string[] = [];
      let low = 0;
      for (const g of groups.values()) {
        const sum = skillsShortageStarts(g.cells, areas);
        low += sum.low;
        if (sum.symbol !== null) withheld.push(`${g.place.name ?? g.place.code} ${g.period} (${sum.symbol})`);
        records.push({
          line: g.line,
          place: g.place,
          period: g.period,
          dataVersion: 'final',
          indicator: 'vocational-starts-skills-shortage',
          breakdown: 'all',
          value: sum.value,
          numerator: null,
          denominator: null,
          symbol: sum.symbol,
          publishedDecimals: 0,
          columns: { value: 'starts', numerator: null, denominator: null },
        });
      }
      return { records, issues, skipped, skippedProvision, withheld, low, areas };
    },
  };
}
