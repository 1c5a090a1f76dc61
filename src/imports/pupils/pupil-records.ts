import { z } from 'zod';
import type { FileIssue } from '../../domain/errors.ts';
import { ethnicGroups, pupilColumns, type AnyPupilRecord, type Collection, type EthnicGroup, type PupilColumn } from '../../domain/pupils/pupil-record.ts';
import type { CsvTable } from '../csv-table.ts';
import { normaliseHeader, screenRows, urn } from '../row-schema.ts';

/**
 * A pupil-records CSV (an NPD extract or an LA's own export, one row per pupil) for one collection and year. The
 * header must hold the collection's columns (docs/pupil-records.md); other columns are ignored and never stored.
 * Codes follow the NPD: SEN provision N, K, E (and the pre-2014/15 A, P as K; S as E); ethnicity as the major group or
 * the DfE's four-letter code (WBRI → white); flags as 1/0, Y/N or true/false. Every cell is checked; one bad cell
 * fails the file, so nothing is written from it. Post-16 learners carry qualification levels 0 (below level 1) to 4, and
 * their A level entries and passes as counts (0 for none). An error names the line and column but never quotes a cell: every
 * cell of a pupil file is personal data.
 */

export type PupilReadResult = { ok: true; records: AnyPupilRecord[]; notes: string[] } | { ok: false; issues: FileIssue[] };

const flag = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    const value = raw.toLowerCase();
    if (['1', 'y', 'yes', 'true', 't'].includes(value)) return true;
    if (['0', 'n', 'no', 'false', 'f'].includes(value)) return false;
    ctx.addIssue({ code: 'custom', message: 'not a yes/no flag (1/0, Y/N or true/false)' });
    return z.NEVER;
  });
const optionalFlag = z.string().transform((raw, ctx): boolean | null => {
  if (raw.trim() === '') return null;
  const parsed = flag.safeParse(raw);
  if (parsed.success) return parsed.data;
  ctx.addIssue({ code: 'custom', message: 'not a yes/no flag (1/0, Y/N or true/false) or blank' });
  return z.NEVER;
});

const senProvision = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    const value = raw.toUpperCase();
    const mapped = { N: 'N', K: 'K', E: 'E', A: 'K', P: 'K', S: 'E' }[value];
    if (mapped === undefined) {
      ctx.addIssue({ code: 'custom', message: 'not an SEN provision code (expected N, K or E; A, P or S before 2014/15)' });
      return z.NEVER;
    }
    return mapped as 'N' | 'K' | 'E';
  });

const majorOf: Readonly<Record<string, EthnicGroup>> = { W: 'white', M: 'mixed', A: 'asian', B: 'black', C: 'chinese', O: 'other' };
const ethnicity = z
  .string()
  .trim()
  .transform((raw, ctx): EthnicGroup => {
    const value = raw.toLowerCase();
    if ((ethnicGroups as readonly string[]).includes(value)) return value as EthnicGroup;
    if (/^[a-z]{4}$/.test(value)) return ['refu', 'nobt'].includes(value) ? 'unclassified' : (majorOf[value[0]!.toUpperCase()] ?? 'unclassified');
    ctx.addIssue({ code: 'custom', message: 'not an ethnicity (a major group such as white or asian, or a DfE code such as WBRI)' });
    return z.NEVER;
  });

function number(kind: 'INTEGER' | 'DOUBLE', min: number, max: number) {
  return z.string().transform((raw, ctx): number | null => {
    const value = raw.trim();
    if (value === '') return null;
    const n = Number(value);
    if (!(kind === 'INTEGER' ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/).test(value) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: `not a ${kind === 'INTEGER' ? 'whole number' : 'number'} from ${min} to ${max}` });
      return z.NEVER;
    }
    return n;
  });
}

function optionalCode(values: readonly string[], what: string) {
  return z.string().transform((raw, ctx): string | null => {
    const value = raw.trim().toUpperCase();
    if (value === '') return null;
    if (!values.includes(value)) {
      ctx.addIssue({ code: 'custom', message: `not a ${what} (expected one of: ${values.join(', ')})` });
      return z.NEVER;
    }
    return value;
  });
}

const ks1Results = ['W', '1', '2C', '2B', '2A', '3', '4', 'A', 'D', 'BLW', 'PKF', 'WTS', 'EXS', 'GDS'];
const ks2Levels = ['B', 'N', '2', '3', '4', '5', '6', 'A', 'D', 'M', 'T'];
const ks2Writing = [...ks2Levels, 'PKF', 'WTS', 'EXS', 'GDS', 'HNM', 'BLW'];
const priorLevels = ['W', '1', '2', '2C', '2B', '2A', '3', '4', 'A', 'D'];

/** The check for each column: characteristics, then each collection's results. */
const columnSchemas: Readonly<Record<string, z.ZodType>> = {
  pupil_id: z.string().trim().min(1, 'pupil_id is blank'),
  urn,
  gender: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .refine((s) => s === 'F' || s === 'M', 'not a gender code (expected F or M)'),
  fsm: flag,
  disadvantaged: flag,
  sen: senProvision,
  in_care: flag,
  ethnicity,
  eal: flag,
  eyfs_points: number('INTEGER', 13, 117),
  eyfs_psed_cll_6: optionalFlag,
  eyfs_gld_goals: number('INTEGER', 0, 12),
  ks1_reading: optionalCode(ks1Results, 'KS1 reading result'),
  ks1_writing: optionalCode(ks1Results, 'KS1 writing result'),
  ks1_maths: optionalCode(ks1Results, 'KS1 maths result'),
  ks2_english: optionalCode(ks2Levels, 'KS2 English level'),
  ks2_reading: optionalCode(ks2Levels, 'KS2 reading level'),
  ks2_writing: optionalCode(ks2Writing, 'KS2 writing result'),
  ks2_maths: optionalCode(ks2Levels, 'KS2 maths level'),
  ks2_reading_scaled: number('INTEGER', 80, 120),
  ks2_maths_scaled: number('INTEGER', 80, 120),
  ks1_english_level: optionalCode(priorLevels, 'KS1 English level'),
  ks1_maths_level: optionalCode(priorLevels, 'KS1 maths level'),
  ks1_reading_level: optionalCode(priorLevels, 'KS1 reading level'),
  ks1_writing_level: optionalCode(priorLevels, 'KS1 writing level'),
  // A pupil's progress score is their KS2 score (80-120, or a nominal score from about 70 for pupils working below the
  // test's standard) less their prior attainment group's mean (about 80-118); uncapped before 2018, so ±60 bounds it.
  ks2_reading_progress: number('DOUBLE', -60, 60),
  ks2_writing_progress: number('DOUBLE', -60, 60),
  ks2_maths_progress: number('DOUBLE', -60, 60),
  ks4_level2_em: flag,
  ks4_em_ac: flag,
  ks4_em_grade5: optionalFlag,
  ks4_ep_english: optionalFlag,
  ks4_ep_maths: optionalFlag,
  ks4_ebacc_entered: flag,
  ks4_ebacc_achieved: flag,
  ks4_att8: number('DOUBLE', 0, 90),
  ks4_p8: number('DOUBLE', -10, 10),
  level_at_16: number('INTEGER', 0, 4),
  level_at_19: number('INTEGER', 0, 4),
  in_learning: flag,
  alevel_entries: number('INTEGER', 0, 10).refine((n) => n !== null, 'the number of A level entries is blank (0 for none)'),
  alevel_passes: number('INTEGER', 0, 10).refine((n) => n !== null, 'the number of A level passes is blank (0 for none)'),
  // The most points ten A levels can score on either scale (domain/pupils/post16.ts: A* 300 to 2014/15, 60 after).
  alevel_points: number('DOUBLE', 0, 3000),
  phase: z
    .string()
    .trim()
    .transform((s) => s.toLowerCase())
    .refine((s) => ['primary', 'secondary', 'special'].includes(s), 'not a phase (expected one of: primary, secondary, special)'),
  possible_sessions: number('INTEGER', 0, 500),
  missed_sessions: number('INTEGER', 0, 500),
  permanent_exclusion: flag,
  fixed_period_exclusions: number('INTEGER', 0, 200),
};

export function readPupilRecords(table: CsvTable, collection: Collection): PupilReadResult {
  const columns = pupilColumns(collection);
  const byHeader = new Map(table.header.map((h) => [normaliseHeader(h), h]));
  const missing = columns.filter((c) => c.optional !== true && !byHeader.has(normaliseHeader(c.name)));
  if (missing.length > 0)
    return {
      ok: false,
      issues: [
        {
          file: table.file,
          line: 1,
          column: missing[0]!.name,
          message: `the header lacks ${collection} pupil-record column${missing.length > 1 ? 's' : ''} ${missing.map((c) => c.name).join(', ')}`,
        },
      ],
    };
  const present = columns.filter((c) => byHeader.has(normaliseHeader(c.name)));
  const shape = Object.fromEntries(present.map((c) => [byHeader.get(normaliseHeader(c.name))!, columnSchemas[c.name]!]));
  const { records, issues } = screenRows(table, z.object(shape));
  const parsed = records.map((r) => ({ line: r.line, record: toRecord(columns, byHeader, r as Record<string, unknown>) }));
  // The pupil's id is not echoed: every cell of a pupil file is personal data.
  const firstLine = new Map<string, number>();
  for (const { line, record } of parsed) {
    const seen = firstLine.get(record.pupilId);
    if (seen === undefined) firstLine.set(record.pupilId, line);
    else issues.push({ file: table.file, line, column: 'pupil_id', message: `the same pupil_id as line ${seen}: one row per pupil` });
  }
  if (collection === 'census')
    for (const { line, record } of parsed)
      if ((record.missedSessions ?? 0) > (record.possibleSessions ?? 0))
        issues.push({
          file: table.file,
          line,
          column: 'missed_sessions',
          message: 'more sessions missed than possible_sessions',
        });
  if (collection === 'post16')
    for (const { line, record } of parsed) {
      if ((record.aLevelPasses ?? 0) > (record.aLevelEntries ?? 0))
        issues.push({ file: table.file, line, column: 'alevel_passes', message: 'more A level passes than alevel_entries' });
      if ((record.aLevelEntries ?? 0) === 0 && (record.aLevelPoints ?? 0) > 0)
        issues.push({ file: table.file, line, column: 'alevel_points', message: 'A level points with no alevel_entries' });
    }
  if (issues.length > 0) return { ok: false, issues };
  const ignored = table.header.filter((h) => !columns.some((c) => normaliseHeader(c.name) === normaliseHeader(h)));
  return {
    ok: true,
    records: parsed.map((p) => p.record),
    notes: ignored.length > 0 ? [`${ignored.length} other columns ignored and not stored: ${ignored.join(', ')}`] : [],
  };
}

function toRecord(columns: readonly PupilColumn[], byHeader: ReadonlyMap<string, string>, row: Record<string, unknown>): AnyPupilRecord {
  // An optional column the file does not have is null for every pupil.
  return Object.fromEntries(
    columns.map((c) => {
      const header = byHeader.get(normaliseHeader(c.name));
      return [c.field, header === undefined ? null : row[header]];
    }),
  ) as AnyPupilRecord;
}
