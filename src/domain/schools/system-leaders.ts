import { straightLineMetres } from '../admissions/distance.ts';
import type { GridPoint } from '../admissions/admissions.ts';
import { isCalendarDate } from '../periods/dates.ts';

/**
 * System leadership (issue 18.7; docs/adr/0025-system-leadership.md): the LA's system leaders — national and local
 * leaders of education, teaching schools, outstanding schools with capacity — each leading from a school, with the
 * phases and areas they support and how many schools they can support at once; and the support partnerships they
 * lead, each dated. A school needing support is matched to leaders by need, phase and distance, with the reasons.
 */

export const leaderKinds = ['nle', 'lle', 'teaching-school', 'outstanding-school'] as const;
export type LeaderKind = (typeof leaderKinds)[number];
export const leaderKindLabels: Readonly<Record<LeaderKind, string>> = {
  nle: 'National leader of education',
  lle: 'Local leader of education',
  'teaching-school': 'Teaching school',
  'outstanding-school': 'Outstanding school with capacity',
};

/** The phases a leader supports: special schools are supported too, though only mainstream schools are matched from the watch list. */
export const leaderPhases = ['primary', 'secondary', 'special'] as const;
export type LeaderPhase = (typeof leaderPhases)[number];

/** What a school needs support with, and what a leader offers (specialisms), in the same words. */
export const supportAreas = ['leadership', 'teaching', 'outcomes', 'english', 'maths'] as const;
export type SupportArea = (typeof supportAreas)[number];
export const supportAreaLabels: Readonly<Record<SupportArea, string>> = {
  leadership: 'leadership',
  teaching: 'quality of teaching',
  outcomes: 'outcomes',
  english: 'English',
  maths: 'maths',
};

/**
 * The kinds of partnership: a sponsored academy (the leader's school or trust sponsors it), a federation under one
 * governing body or executive head, or time-limited support by a system leader. Target 14 reads the first two (the
 * seed's "as part of a sponsored academy arrangement or federation with good leadership capacity").
 */
export const partnershipKinds = ['sponsored-academy', 'federation', 'support'] as const;
export type PartnershipKind = (typeof partnershipKinds)[number];
export const partnershipKindLabels: Readonly<Record<PartnershipKind, string>> = {
  'sponsored-academy': 'Sponsored academy',
  federation: 'Federation',
  support: 'Support by a system leader',
};

export type SystemLeader = Readonly<{
  id: number;
  kind: LeaderKind;
  /** The school the leader leads from (for an NLE or LLE, the school they head). */
  urn: string;
  name: string;
  phases: readonly LeaderPhase[];
  specialisms: readonly SupportArea[];
  /** How many schools the leader can support at once. */
  capacity: number;
  designatedOn: string;
  endedOn: string | null;
}>;

export type Partnership = Readonly<{
  id: number;
  leaderId: number;
  /** The school supported. */
  urn: string;
  kind: PartnershipKind;
  startedOn: string;
  /** The day it ended (the partnership held until the day before); null while it continues. */
  endedOn: string | null;
  /** Why the school was supported, in the officer's words. */
  need: string;
}>;

/** In force on a day: begun on or before it and not yet ended (an end date is the first day without it). */
export const inForceOn = (span: Readonly<{ from: string; to: string | null }>, day: string): boolean => span.from <= day && (span.to === null || span.to > day);

/** In force on any day from `from` to `to` inclusive. */
export const inForceDuring = (span: Readonly<{ from: string; to: string | null }>, from: string, to: string): boolean =>
  span.from <= to && (span.to === null || span.to > from);

/** Two spans share a day (each ends the day before its `to`). */
export const overlaps = (a: Readonly<{ from: string; to: string | null }>, b: Readonly<{ from: string; to: string | null }>): boolean =>
  (b.to === null || a.from < b.to) && (a.to === null || b.from < a.to);

export const leaderSpan = (l: Pick<SystemLeader, 'designatedOn' | 'endedOn'>) => ({ from: l.designatedOn, to: l.endedOn });
export const partnershipSpan = (p: Pick<Partnership, 'startedOn' | 'endedOn'>) => ({ from: p.startedOn, to: p.endedOn });

/** How many of a leader's partnerships are in force on a day. */
export function partnershipsInForce(leaderId: number, partnerships: readonly Partnership[], day: string): number {
  return partnerships.filter((p) => p.leaderId === leaderId && inForceOn(partnershipSpan(p), day)).length;
}

/**
 * The most of a leader's partnerships in force on any day from `from` until `to` (the first day without; null: open):
 * the count can only rise on a day one of them begins, so those days and `from` are the days to look at.
 */
export function mostInForceDuring(leaderId: number, partnerships: readonly Partnership[], from: string, to: string | null): number {
  const days = [
    from,
    ...partnerships.filter((p) => p.leaderId === leaderId && p.startedOn > from && (to === null || p.startedOn < to)).map((p) => p.startedOn),
  ];
  return Math.max(...days.map((day) => partnershipsInForce(leaderId, partnerships, day)));
}

export type LeadershipProblem = Readonly<{ field: string; message: string }>;

export type LeaderInput = Readonly<{
  kind: string;
  urn: string;
  name: string;
  phases: readonly string[];
  specialisms: readonly string[];
  capacity: number;
  designatedOn: string;
}>;

/** The most schools one leader may be recorded as supporting at once (the DfE deployed an NLE to one or two at a time). */
export const maxCapacity = 6;

/** Check a leader before it is recorded: a known kind, a name, at least one phase and one specialism, a capacity of 1-6, a real day no later than today. */
export function leaderProblems(input: LeaderInput, today: string): LeadershipProblem[] {
  const problems: LeadershipProblem[] = [];
  if (!(leaderKinds as readonly string[]).includes(input.kind)) problems.push({ field: 'kind', message: 'Choose the kind of system leader' });
  if (!/^\d{6}$/.test(input.urn.trim())) problems.push({ field: 'urn', message: 'Enter the URN of the school the leader leads from (six digits)' });
  const name = input.name.trim();
  if (name === '') problems.push({ field: 'name', message: 'Enter the leader’s name (or the school’s, for a teaching school)' });
  else if (name.length > 200) problems.push({ field: 'name', message: 'The name must be 200 characters or fewer' });
  if (input.phases.length === 0 || input.phases.some((p) => !(leaderPhases as readonly string[]).includes(p)))
    problems.push({ field: 'phases', message: 'Choose the phases the leader supports' });
  if (input.specialisms.length === 0 || input.specialisms.some((s) => !(supportAreas as readonly string[]).includes(s)))
    problems.push({ field: 'specialisms', message: 'Choose what the leader supports schools with' });
  if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > maxCapacity)
    problems.push({ field: 'capacity', message: `Enter how many schools the leader can support at once, from 1 to ${maxCapacity}` });
  if (!isCalendarDate(input.designatedOn)) problems.push({ field: 'designatedOn', message: 'Enter the date of designation as a real day' });
  else if (input.designatedOn > today) problems.push({ field: 'designatedOn', message: 'The date of designation must be today or in the past' });
  return problems;
}

export type PartnershipInput = Readonly<{ leaderId: number; urn: string; kind: string; startedOn: string; endedOn: string | null; need: string }>;

/**
 * Check a partnership before it is recorded, against its leader and the leader's other partnerships: a known kind, a
 * real start no later than today and an end after it, a leader designated on the start day, not the leader's own
 * school, with a place free on every day of it (a partnership recorded later may begin before one already held), and
 * the need in words. A school is the same school under any URN of its line (`lineOf`, geography/succession.ts's
 * conversionLines: an academy conversion changes the URN, not the school).
 */
export function partnershipProblems(
  input: PartnershipInput,
  leader: SystemLeader | undefined,
  others: readonly Partnership[],
  today: string,
  lineOf: (urn: string) => readonly string[] = (urn) => [urn],
): LeadershipProblem[] {
  const problems: LeadershipProblem[] = [];
  if (!(partnershipKinds as readonly string[]).includes(input.kind)) problems.push({ field: 'kind', message: 'Choose the kind of partnership' });
  if (!/^\d{6}$/.test(input.urn.trim())) problems.push({ field: 'urn', message: 'Enter the URN of the school supported (six digits)' });
  const started = isCalendarDate(input.startedOn);
  if (!started) problems.push({ field: 'startedOn', message: 'Enter the day the partnership began as a real day' });
  else if (input.startedOn > today) problems.push({ field: 'startedOn', message: 'The day it began must be today or in the past' });
  if (input.endedOn !== null) {
    if (!isCalendarDate(input.endedOn)) problems.push({ field: 'endedOn', message: 'Enter the day the partnership ended as a real day' });
    else if (started && input.endedOn <= input.startedOn) problems.push({ field: 'endedOn', message: 'The day it ended must be after the day it began' });
    else if (input.endedOn > today) problems.push({ field: 'endedOn', message: 'The day it ended must be today or in the past' });
  }
  const need = input.need.trim();
  if (need === '') problems.push({ field: 'need', message: 'Say why the school is supported' });
  else if (need.length > 2000) problems.push({ field: 'need', message: 'The reason must be 2,000 characters or fewer' });
  if (leader === undefined) problems.push({ field: 'leaderId', message: 'Choose a system leader held' });
  else {
    const school = lineOf(input.urn.trim());
    if (school.includes(leader.urn)) problems.push({ field: 'urn', message: 'A leader’s own school is not a school it supports' });
    if (started && !inForceOn(leaderSpan(leader), input.startedOn))
      problems.push({ field: 'startedOn', message: `${leader.name} was not a designated system leader on ${input.startedOn}` });
    else if (started && mostInForceDuring(leader.id, others, input.startedOn, input.endedOn) >= leader.capacity)
      problems.push({
        field: 'leaderId',
        message:
          partnershipsInForce(leader.id, others, input.startedOn) >= leader.capacity
            ? `${leader.name} already supports ${leader.capacity} school${leader.capacity === 1 ? '' : 's'} on ${input.startedOn}`
            : `${leader.name} would support more than ${leader.capacity} school${leader.capacity === 1 ? '' : 's'} at once: a partnership recorded to begin later takes the last place`,
      });
    if (others.some((p) => p.leaderId === leader.id && school.includes(p.urn) && overlaps(partnershipSpan(p), { from: input.startedOn, to: input.endedOn })))
      problems.push({ field: 'urn', message: `${leader.name} already has a partnership with this school over those dates` });
  }
  return problems;
}

/** A school needing support as matching reads it: its phase, what it needs and where it is. */
export type NeedToMatch = Readonly<{ urn: string; phase: LeaderPhase; areas: readonly SupportArea[]; location: GridPoint | null }>;

export type MatchCandidate = Readonly<{ leader: SystemLeader; location: GridPoint | null; inForce: number }>;

export type LeaderMatch = Readonly<{
  leader: SystemLeader;
  covers: readonly SupportArea[];
  /** Straight-line distance between the two schools, in kilometres (unrounded); null where either has no grid reference. */
  distanceKm: number | null;
  free: number;
  reasons: readonly string[];
}>;

/**
 * The leaders best placed to support a school on a day: designated that day, supporting its phase, with a place free,
 * not leading from the school itself, and offering at least one of the areas it needs. Ordered by the number of needs
 * covered, then distance (unknown last), then places free, then the order recorded; the first `count`.
 */
export function matchLeaders(need: NeedToMatch, candidates: readonly MatchCandidate[], day: string, count = 3): LeaderMatch[] {
  const matches: LeaderMatch[] = [];
  for (const { leader, location, inForce } of candidates) {
    if (!inForceOn(leaderSpan(leader), day) || leader.urn === need.urn || !leader.phases.includes(need.phase)) continue;
    const free = leader.capacity - inForce;
    const covers = need.areas.filter((a) => leader.specialisms.includes(a));
    if (free <= 0 || covers.length === 0) continue;
    const distanceKm = location === null || need.location === null ? null : straightLineMetres(location, need.location) / 1000;
    matches.push({
      leader,
      covers,
      distanceKm,
      free,
      reasons: [
        `supports ${leader.phases.join(' and ')} schools`,
        `offers ${covers.map((a) => supportAreaLabels[a]).join(', ')}${covers.length < need.areas.length ? ` (${need.areas.length - covers.length} of the needs not)` : ''}`,
        distanceKm === null ? 'distance not known (no grid reference held for a postcode)' : `${distanceKm.toFixed(1)} km away`,
        `${free} of ${leader.capacity} place${leader.capacity === 1 ? '' : 's'} free`,
      ],
    });
  }
  return matches
    .sort(
      (a, b) => b.covers.length - a.covers.length || (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) || b.free - a.free || a.leader.id - b.leader.id,
    )
    .slice(0, count);
}
