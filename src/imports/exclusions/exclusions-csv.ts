import type { FileIssue } from '../../domain/errors.ts';
import { governorsOutcomes, panelOutcomes, type ExclusionRecord } from '../../domain/casework/exclusion-rules.ts';
import { isCalendarDate } from '../../domain/periods/dates.ts';
import { csvField } from '../../domain/csv-field.ts';
import { asWrittenByWaymark, type CsvTable } from '../csv-table.ts';

/**
 * An LA's exclusions list as CSV: one row per exclusion, in the columns Waymark exports, so that an export re-imported
 * writes nothing new. Dates are YYYY-MM-DD; FSM and IN_CARE are Y or N; SEN is the census provision code (N, K, E).
 */
export const exclusionColumns = [
  'UPN',
  'GIVEN_NAME',
  'FAMILY_NAME',
  'DOB',
  'URN',
  'CATEGORY',
  'REASON',
  'DECISION_DATE',
  'START_DATE',
  'SESSIONS',
  'FSM',
  'SEN',
  'IN_CARE',
  'GOVERNORS_OUTCOME',
  'GOVERNORS_DATE',
  'PANEL_OUTCOME',
  'PANEL_DATE',
  'RECONSIDERED_OUTCOME',
  'RECONSIDERED_DATE',
] as const;

/** An exclusion as the file gives it (the service checks the rules, the school and the reader's scope). */
export type ExclusionLine = Readonly<{
  line: number;
  exclusion: Readonly<{ upn: string | null; givenName: string | null; familyName: string | null; dateOfBirth: string | null }> & ExclusionRecord;
}>;

const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : v.trim());

/** Read every line, collecting each problem with its line and column; lines are returned only when there is none. */
export function readExclusionsCsv(file: CsvTable): { ok: true; lines: ExclusionLine[] } | { ok: false; issues: FileIssue[] } {
  const table = asWrittenByWaymark(file);
  const issues: FileIssue[] = [];
  const missing = exclusionColumns.filter((c) => !table.header.includes(c));
  if (missing.length > 0)
    return { ok: false, issues: [{ file: table.file, line: 1, column: missing[0]!, message: `the header has no ${missing.join(', ')} column` }] };
  const lines: ExclusionLine[] = [];
  for (const row of table.rows) {
    const v = row.values;
    const problem = (column: string, message: string) => issues.push({ file: table.file, line: row.line, column, message });
    const date = (column: string, required: boolean) => {
      const value = blank(v[column]);
      if (value === null) {
        if (required) problem(column, 'enter a date as YYYY-MM-DD');
        return null;
      }
      if (!isCalendarDate(value)) problem(column, `not a date (YYYY-MM-DD): ${value.slice(0, 20)}`);
      return value;
    };
    const yesNo = (column: string) => {
      const value = blank(v[column]);
      if (value !== 'Y' && value !== 'N') problem(column, 'must be Y or N');
      return value === 'Y';
    };
    const oneOf = <T extends string>(column: string, allowed: readonly T[]): T | null => {
      const value = blank(v[column]);
      if (value !== null && !(allowed as readonly string[]).includes(value)) problem(column, `must be one of ${allowed.join(', ')} or blank`);
      return value as T | null;
    };
    const category = blank(v.CATEGORY);
    if (category !== 'PERM' && category !== 'FIXD') problem('CATEGORY', 'must be PERM (permanent) or FIXD (suspension), as the census writes them');
    const sessionsText = blank(v.SESSIONS);
    const sessions = sessionsText === null ? null : Number(sessionsText);
    if (sessionsText !== null && !Number.isInteger(sessions)) problem('SESSIONS', 'must be a whole number of sessions (half days)');
    const sen = blank(v.SEN);
    if (sen !== 'N' && sen !== 'K' && sen !== 'E') problem('SEN', 'must be N, K or E (census SEN provision)');
    const urn = blank(v.URN);
    if (urn === null || !/^\d{6}$/.test(urn)) problem('URN', 'must be the school’s six-digit URN');
    lines.push({
      line: row.line,
      exclusion: {
        upn: blank(v.UPN),
        givenName: blank(v.GIVEN_NAME),
        familyName: blank(v.FAMILY_NAME),
        dateOfBirth: date('DOB', true),
        schoolUrn: urn ?? '',
        kind: category === 'PERM' ? 'permanent' : 'suspension',
        reasonCode: blank(v.REASON) ?? '',
        decisionDate: date('DECISION_DATE', true) ?? '',
        startDate: date('START_DATE', true) ?? '',
        sessions,
        fsm: yesNo('FSM'),
        sen: (sen ?? 'N') as 'N' | 'K' | 'E',
        inCare: yesNo('IN_CARE'),
        governorsOutcome: oneOf('GOVERNORS_OUTCOME', governorsOutcomes),
        governorsDate: date('GOVERNORS_DATE', false),
        panelOutcome: oneOf('PANEL_OUTCOME', panelOutcomes),
        panelDate: date('PANEL_DATE', false),
        reconsideredOutcome: oneOf('RECONSIDERED_OUTCOME', governorsOutcomes),
        reconsideredDate: date('RECONSIDERED_DATE', false),
      },
    });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, lines };
}

const cell = (value: string | number | boolean | null) => csvField(value === null ? '' : typeof value === 'boolean' ? (value ? 'Y' : 'N') : String(value));

/** The exclusions as CSV in the columns above (what `readExclusionsCsv` reads back). */
export function exclusionsCsv(rows: readonly ExclusionLine['exclusion'][]): string {
  const lines = rows.map((e) =>
    [
      e.upn,
      e.givenName,
      e.familyName,
      e.dateOfBirth,
      e.schoolUrn,
      e.kind === 'permanent' ? 'PERM' : 'FIXD',
      e.reasonCode,
      e.decisionDate,
      e.startDate,
      e.sessions,
      e.fsm,
      e.sen,
      e.inCare,
      e.governorsOutcome,
      e.governorsDate,
      e.panelOutcome,
      e.panelDate,
      e.reconsideredOutcome,
      e.reconsideredDate,
    ]
      .map(cell)
      .join(','),
  );
  return [exclusionColumns.join(','), ...lines].join('\r\n') + '\r\n';
}
