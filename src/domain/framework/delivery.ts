import { isCalendarDate } from '../periods/dates.ts';
import { frameworkYearOf } from '../periods/period.ts';
import type { Status } from './evaluate.ts';
import type { Target } from './framework.ts';

/**
 * Delivery records (issue 18.6): how a delivery milestone or a qualitative target is judged when no figure measures it.
 * The officer who delivers it records it as delivered, on a date, with the evidence; or, for a year before it is
 * delivered (or for a qualitative target such as "effective 14-19 partnership working in every district", every year),
 * records a judgement of that year (met, on track, off track) with why. Records are never changed or deleted: a record
 * made in error is withdrawn with a reason, and stays on the page struck through.
 */

/** The statuses an officer may judge a year at (not "no data": a judgement is the data; not "not yet due": that is the default). */
export const judgedStatuses = ['met', 'on_track', 'off_track'] as const satisfies readonly Status[];
export type JudgedStatus = (typeof judgedStatuses)[number];

export type DeliveryRecord = Readonly<{
  /** Delivered on a date (counts from the framework year the date falls in), or a judgement of one framework year. */
  kind: 'delivered' | 'judgement';
  /** The day it was delivered, or the day the judgement was made (YYYY-MM-DD). */
  on: string;
  /** The framework year a judgement is of (null for a delivery). */
  year: number | null;
  status: JudgedStatus | null;
  /** The evidence of delivery, or why the year is judged as it is. */
  evidence: string;
  /** Where the evidence is (a report, minutes, a published plan), if it is online. */
  link: string | null;
  /** Who recorded it (a user's display name, or "the framework file"), and when (null: the framework file). */
  recordedBy: string;
  recordedAt: string | null;
  withdrawn: Readonly<{ by: string; at: string; reason: string }> | null;
}>;

/** A new record as an officer enters it, before it is checked. */
export type DeliveryInput = Readonly<{
  kind: string;
  on: string;
  year: number | null;
  status: string | null;
  evidence: string;
  link: string | null;
}>;

export type DeliveryProblem = Readonly<{ field: 'kind' | 'on' | 'year' | 'status' | 'evidence' | 'link' | 'target' | 'reason'; message: string }>;

/** The targets recorded by delivery records: those with a delivery milestone rule (no figure measures them). */
export function isRecordedByDelivery(target: Pick<Target, 'rules'>): boolean {
  return target.rules.some((r) => r.kind === 'milestone_done');
}

/** The framework file's own `done:` entry, read as a delivery record made by the file. */
export function recordFromFramework(target: Pick<Target, 'done'>): DeliveryRecord | null {
  if (target.done === null) return null;
  return {
    kind: 'delivered',
    on: target.done.on,
    year: null,
    status: null,
    evidence: target.done.evidence,
    link: null,
    recordedBy: 'the framework file',
    recordedAt: null,
    withdrawn: null,
  };
}

/**
 * Check a record before it is written: a delivery or a judgement of a target recorded by delivery, on a real day no
 * later than today, a judgement of one of the framework's years no later than the current one, evidence in words (at
 * most 2,000 characters) and a link, if any, to a web address. Every problem is named by its field.
 */
export function deliveryProblems(
  input: DeliveryInput,
  target: Pick<Target, 'rules'>,
  years: Readonly<{ from: number; to: number }>,
  today: string,
): DeliveryProblem[] {
  const problems: DeliveryProblem[] = [];
  if (!isRecordedByDelivery(target))
    problems.push({ field: 'target', message: 'This target is measured by its figures: only a delivery milestone or a qualitative target is recorded' });
  if (input.kind !== 'delivered' && input.kind !== 'judgement')
    problems.push({ field: 'kind', message: 'Choose whether it was delivered or you are judging a year' });
  if (!isCalendarDate(input.on)) problems.push({ field: 'on', message: 'Enter the date as a real day, for example 1 9 2014' });
  else if (input.on > today) problems.push({ field: 'on', message: 'The date must be today or in the past' });
  if (input.kind === 'judgement') {
    if (input.year === null || !Number.isInteger(input.year) || input.year < years.from || input.year > years.to)
      problems.push({ field: 'year', message: `Choose the year judged, from ${years.from} to ${years.to}` });
    else if (isCalendarDate(input.on) && input.year > frameworkYearOf(input.on))
      problems.push({ field: 'year', message: `A judgement made on ${input.on} can judge ${frameworkYearOf(input.on)} or an earlier year, not ${input.year}` });
    if (input.status === null || !(judgedStatuses as readonly string[]).includes(input.status))
      problems.push({ field: 'status', message: 'Choose met, on track or off track' });
  }
  const evidence = input.evidence.trim();
  if (evidence === '')
    problems.push({ field: 'evidence', message: input.kind === 'judgement' ? 'Say why the year is judged so' : 'Say what was delivered and the evidence' });
  else if (evidence.length > 2000) problems.push({ field: 'evidence', message: 'The evidence must be 2,000 characters or fewer' });
  if (input.link !== null && input.link.trim() !== '' && !isWebAddress(input.link.trim()))
    problems.push({ field: 'link', message: 'Enter the link as a web address starting https:// or http://' });
  return problems;
}

/** A withdrawal says why, in at most 500 characters (the record stays, struck through, with the reason beside it). */
export function withdrawalProblems(reason: string): DeliveryProblem[] {
  const why = reason.trim();
  if (why === '') return [{ field: 'reason', message: 'Say why the record is withdrawn' }];
  if (why.length > 500) return [{ field: 'reason', message: 'The reason must be 500 characters or fewer' }];
  return [];
}

function isWebAddress(text: string): boolean {
  if (text.length > 2000) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * The record that decides a year: of the records not withdrawn, a delivery made in or before the year (a milestone
 * delivered stays delivered) and a judgement of that very year; the one recorded last wins, so a later judgement that a
 * delivered partnership has since lapsed is heard. The framework file's entry counts as recorded before any officer's.
 */
export function decidingRecord(records: readonly DeliveryRecord[], year: number): DeliveryRecord | null {
  let chosen: DeliveryRecord | null = null;
  for (const r of records) {
    if (r.withdrawn !== null) continue;
    const applies = r.kind === 'delivered' ? frameworkYearOf(r.on) <= year : r.year === year;
    if (!applies) continue;
    if (chosen === null || (chosen.recordedAt ?? '') <= (r.recordedAt ?? '')) chosen = r;
  }
  return chosen;
}

/** A milestone's status and reason for a year from its records; with none deciding, not yet due before `due`, off track after. */
export function deliveryStatus(records: readonly DeliveryRecord[], due: number, year: number): Readonly<{ status: Status; reason: string }> {
  const r = decidingRecord(records, year);
  if (r === null)
    return year < due
      ? { status: 'not_yet_due', reason: `due by ${due}, not yet recorded as done` }
      : { status: 'off_track', reason: `due by ${due} and not recorded as done` };
  // Who recorded it is on the target page for staff; the reason, shown to the public too, names no one.
  // The reason is a clause the evaluation ends with its own full stop: evidence written as a sentence loses its own.
  const evidence = r.evidence.trim().replace(/\.+$/, '');
  if (r.kind === 'delivered') return { status: 'met', reason: `done on ${r.on}: ${evidence}` };
  const words = r.status === 'met' ? 'met' : r.status === 'on_track' ? 'on track' : 'off track';
  return { status: r.status!, reason: `judged ${words} for ${year} on ${r.on}: ${evidence}` };
}
