import { z } from 'zod';
import {
  exclusionReasons,
  governorsOutcomes,
  panelOutcomes,
  reviewStage,
  type GovernorsOutcome,
  type PanelOutcome,
} from '../../../domain/casework/exclusion-rules.ts';
import { isCalendarDate } from '../../../domain/periods/dates.ts';
import type { NewExclusion } from '../../../services/casework/inclusion/exclusion-service.ts';

const text = z.string().max(200).default('');
export const exclusionFormFields = z.object({
  upn: text,
  givenName: text,
  familyName: text,
  dateOfBirth: text,
  schoolUrn: text,
  kind: text,
  reasonCode: text,
  decisionDate: text,
  startDate: text,
  sessions: text,
  fsm: text,
  sen: text,
  inCare: text,
});
export type ExclusionForm = z.output<typeof exclusionFormFields>;
type Problem = Readonly<{ field: string; message: string }>;

/** The exclusion a form gives, with the problems of its shape (the service checks the rules). */
export function exclusionOfForm(f: ExclusionForm): { exclusion: NewExclusion; errors: Problem[] } {
  const errors: Problem[] = [];
  const date = (field: string, value: string, what: string) => {
    if (!isCalendarDate(value.trim())) errors.push({ field, message: `Enter the ${what} as a real date, for example 2012-03-05` });
    return value.trim();
  };
  const upn = f.upn.trim().toUpperCase();
  if (upn === '') errors.push({ field: 'upn', message: 'Enter the pupil’s UPN' });
  if (f.givenName.trim() === '') errors.push({ field: 'givenName', message: 'Enter the pupil’s first name' });
  if (f.familyName.trim() === '') errors.push({ field: 'familyName', message: 'Enter the pupil’s last name' });
  const dateOfBirth = date('dateOfBirth', f.dateOfBirth, 'date of birth');
  if (!/^\d{6}$/.test(f.schoolUrn.trim())) errors.push({ field: 'schoolUrn', message: 'Enter the school’s six-digit URN' });
  if (f.kind !== 'permanent' && f.kind !== 'suspension') errors.push({ field: 'kind', message: 'Select permanent exclusion or suspension' });
  if (f.reasonCode === '') errors.push({ field: 'reasonCode', message: 'Select the reason the school gave' });
  const decisionDate = date('decisionDate', f.decisionDate, 'date of the decision');
  const startDate = date('startDate', f.startDate, 'first day of the exclusion');
  const sessions = f.kind === 'suspension' ? Number(f.sessions.trim()) : null;
  if (f.kind === 'suspension' && (f.sessions.trim() === '' || !Number.isInteger(sessions)))
    errors.push({ field: 'sessions', message: 'Enter the number of sessions (half days), for example 4 for two days' });
  for (const [field, what] of [
    ['fsm', 'whether the pupil is eligible for free school meals'],
    ['inCare', 'whether the pupil is in care'],
  ] as const)
    if (f[field] !== 'Y' && f[field] !== 'N') errors.push({ field, message: `Select ${what}` });
  if (!['N', 'K', 'E'].includes(f.sen)) errors.push({ field: 'sen', message: 'Select the pupil’s SEN provision' });
  return {
    exclusion: {
      upn,
      givenName: f.givenName.trim(),
      familyName: f.familyName.trim(),
      dateOfBirth,
      schoolUrn: f.schoolUrn.trim(),
      kind: f.kind === 'permanent' ? 'permanent' : 'suspension',
      reasonCode: f.reasonCode,
      decisionDate,
      startDate,
      sessions,
      fsm: f.fsm === 'Y',
      sen: (['N', 'K', 'E'].includes(f.sen) ? f.sen : 'N') as 'N' | 'K' | 'E',
      inCare: f.inCare === 'Y',
      governorsOutcome: null,
      governorsDate: null,
      panelOutcome: null,
      panelDate: null,
      reconsideredOutcome: null,
      reconsideredDate: null,
    },
    errors,
  };
}

/** The reason codes offered: those of 2020/21 on (a superset); the service checks the code against the decision's year. */
export function reasonItems(selected: string) {
  return [
    { value: '', text: 'Choose the reason', selected: selected === '' },
    ...exclusionReasons('202021').map((r) => ({ value: r.code, text: `${r.code}: ${r.label}`, selected: r.code === selected })),
  ];
}

const senWords: Readonly<Record<string, string>> = { N: 'No SEN', K: 'SEN support', E: 'Statement or EHC plan' };
const reasonWord = (code: string) => exclusionReasons('202021').find((r) => r.code === code)?.label ?? code;

/** The rows of a summary list (check answers, the exclusion's page). */
export function summaryOf(e: NewExclusion) {
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  return [
    row('UPN', e.upn ?? 'Anonymised'),
    row('Name', e.givenName === null ? 'Anonymised' : `${e.givenName} ${e.familyName}`),
    row('Date of birth', e.dateOfBirth ?? 'Anonymised'),
    row('School (URN)', e.schoolUrn),
    row('Kind', e.kind === 'permanent' ? 'Permanent exclusion' : `Suspension of ${e.sessions} sessions`),
    row('Reason', `${e.reasonCode}: ${reasonWord(e.reasonCode)}`),
    row('Decided on', e.decisionDate),
    row('First day excluded', e.startDate),
    row('Free school meals', e.fsm ? 'Yes' : 'No'),
    row('SEN provision', senWords[e.sen] ?? e.sen),
    row('In care', e.inCare ? 'Yes' : 'No'),
  ];
}

/** A pupil's exclusions as a timeline, newest first. */
export function exclusionRows(rows: readonly (NewExclusion & { id: number; schoolName: string | null })[]) {
  return rows.map((e) => ({
    id: e.id,
    on: e.decisionDate,
    school: e.schoolName ?? e.schoolUrn,
    what: e.kind === 'permanent' ? 'Permanent exclusion' : `Suspension, ${e.sessions} sessions`,
    reason: `${e.reasonCode}: ${reasonWord(e.reasonCode)}`,
    stage: reviewStage(e),
  }));
}

type Listed = NewExclusion & { id: number; schoolName: string | null; districtName: string | null };

/** Exclusions by district, then school, each school's newest first. */
export function groupedBySchool(rows: readonly Listed[]) {
  const districts = new Map<string, Map<string, Listed[]>>();
  for (const r of rows) {
    const district = r.districtName ?? 'No district';
    const schools = districts.get(district) ?? new Map<string, Listed[]>();
    const school = `${r.schoolName ?? r.schoolUrn} (${r.schoolUrn})`;
    schools.set(school, [...(schools.get(school) ?? []), r]);
    districts.set(district, schools);
  }
  return [...districts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, schools]) => ({
      name,
      schools: [...schools].sort(([a], [b]) => a.localeCompare(b)).map(([school, list]) => ({ name: school, rows: exclusionRows(list) })),
    }));
}

/** The review outcomes a form gives: a blank outcome is no outcome. */
export function reviewOfForm(
  f: Readonly<Record<'governorsOutcome' | 'governorsDate' | 'panelOutcome' | 'panelDate' | 'reconsideredOutcome' | 'reconsideredDate', string>>,
) {
  const outcome = <T extends string>(value: string, allowed: readonly T[]): T | null => ((allowed as readonly string[]).includes(value) ? (value as T) : null);
  const date = (value: string) => (value.trim() === '' ? null : value.trim());
  return {
    governorsOutcome: outcome<GovernorsOutcome>(f.governorsOutcome, governorsOutcomes),
    governorsDate: date(f.governorsDate),
    panelOutcome: outcome<PanelOutcome>(f.panelOutcome, panelOutcomes),
    panelDate: date(f.panelDate),
    reconsideredOutcome: outcome<GovernorsOutcome>(f.reconsideredOutcome, governorsOutcomes),
    reconsideredDate: date(f.reconsideredDate),
  };
}
