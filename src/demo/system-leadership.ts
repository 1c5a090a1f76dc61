import type { GridPoint } from '../domain/admissions/admissions.ts';
import {
  matchLeaders,
  partnershipsInForce,
  supportAreas,
  type LeaderInput,
  type LeaderKind,
  type Partnership,
  type PartnershipKind,
  type SupportArea,
  type SystemLeader,
} from '../domain/schools/system-leaders.ts';
import { hashOf, seededRandom } from './generate-county.ts';

/**
 * The demo county's system leaders and their partnerships (issue 18.7), recorded by its LA officer through the
 * system leadership service as any officer's are. Synthetic, and said so in every entry: Kent's own NLE, LLE and
 * teaching school lists are not published as data for 2012-2016. The shape follows how the programmes worked: a
 * national or local leader of education heads a school judged outstanding (NLE) or good (LLE); teaching schools were
 * outstanding schools designated from 2011; schools below the floor were brokered into a federation, a sponsored
 * academy or a leader's support in the autumn after their results, matched as the service matches them (by need,
 * phase and distance, within each leader's capacity: `matchLeaders`).
 */

export type DemoLeadershipSchool = Readonly<{
  urn: string;
  name: string;
  phase: 'primary' | 'secondary';
  location: GridPoint | null;
  /** The school's Ofsted grade on a day (its own or carried from a predecessor), null if none. */
  gradeOn: (day: string) => number | null;
  /** The summers it was below the floor standard, or failed its attainment condition where progress cannot be checked. */
  belowIn: ReadonlySet<number>;
}>;

export type DemoPartnership = Readonly<{ leader: number; urn: string; kind: PartnershipKind; startedOn: string; endedOn: string | null; need: string }>;

/** Shares of outstanding (and good) schools designated, by kind; capacities by kind. */
const designation = { nle: 0.3, teachingSchool: 0.2, outstandingSchool: 0.2, lle: 0.08 } as const;
const capacityOf: Readonly<Record<LeaderKind, number>> = { nle: 2, lle: 1, 'teaching-school': 3, 'outstanding-school': 1 };
/** The share of schools below the floor brokered into a partnership in the autumn after their results. */
export const brokeredShare = 0.8;

const day = (year: number, random: () => number, from: number, months: number): string => {
  const month = from + Math.floor(random() * months);
  const y = year + Math.floor((month - 1) / 12);
  const m = ((month - 1) % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
};

export function generateSystemLeadership(
  schools: readonly DemoLeadershipSchool[],
  seed: number,
  summers: readonly number[],
  today: string,
): { leaders: LeaderInput[]; partnerships: DemoPartnership[] } {
  const leaders: LeaderInput[] = [];
  for (const s of [...schools].sort((a, b) => a.urn.localeCompare(b.urn))) {
    const random = seededRandom(hashOf(`${seed}|system-leader|${s.urn}`));
    const grade = s.gradeOn('2012-09-01');
    const r = random();
    let kind: LeaderKind | null = null;
    if (grade === 1) {
      if (r < designation.nle) kind = 'nle';
      else if (r < designation.nle + designation.teachingSchool) kind = 'teaching-school';
      else if (r < designation.nle + designation.teachingSchool + designation.outstandingSchool) kind = 'outstanding-school';
    } else if (grade === 2 && r < designation.lle) kind = 'lle';
    if (kind === null) continue;
    const subjects = (['english', 'maths'] as const).filter(() => random() < 0.5);
    const specialisms: SupportArea[] =
      kind === 'teaching-school'
        ? ['teaching', ...subjects]
        : kind === 'outstanding-school'
          ? ['outcomes', 'teaching']
          : ['leadership', 'outcomes', ...subjects];
    leaders.push({
      kind,
      urn: s.urn,
      name: kind === 'teaching-school' ? `${s.name} Teaching School Alliance` : kind === 'outstanding-school' ? s.name : `Headteacher of ${s.name}`,
      phases: [s.phase],
      specialisms: supportAreas.filter((a) => specialisms.includes(a)),
      capacity: capacityOf[kind],
      designatedOn: kind === 'teaching-school' ? day(2011, random, 9, 12) : kind === 'outstanding-school' ? '2012-09-01' : day(2010, random, 9, 22),
    });
  }

  const held: SystemLeader[] = leaders.map((l, index) => ({ ...l, id: index, endedOn: null }) as SystemLeader);
  const location = new Map(schools.map((s) => [s.urn, s.location]));
  const partnerships: (DemoPartnership & Partnership)[] = [];
  for (const summer of summers) {
    // Each school's draws first, then brokered in the order the partnerships begin, so places are taken in time order.
    const brokered = schools
      .filter((x) => x.belowIn.has(summer))
      .map((s) => {
        const random = seededRandom(hashOf(`${seed}|partnership|${s.urn}|${summer}`));
        return { s, random, startedOn: day(summer, random, 9, 4) };
      })
      .sort((a, b) => a.startedOn.localeCompare(b.startedOn) || a.s.urn.localeCompare(b.s.urn));
    for (const { s, random, startedOn } of brokered) {
      if (random() >= brokeredShare || startedOn > today) continue;
      if (partnerships.some((p) => p.urn === s.urn && (p.endedOn === null || p.endedOn > startedOn))) continue;
      const grade = s.gradeOn(startedOn);
      const areas: SupportArea[] = ['outcomes', 'leadership', ...(grade !== null && grade >= 3 ? (['teaching'] as const) : [])];
      const candidates = held.map((leader) => ({
        leader,
        location: location.get(leader.urn) ?? null,
        inForce: partnershipsInForce(leader.id, partnerships, startedOn),
      }));
      const match = matchLeaders({ urn: s.urn, phase: s.phase, areas, location: s.location }, candidates, startedOn, 1)[0];
      if (match === undefined) continue;
      const k = random();
      const kind: PartnershipKind = k < 0.5 ? 'federation' : k < 0.75 ? 'sponsored-academy' : 'support';
      const years = kind === 'support' ? 1 + Math.floor(random() * 2) : random() < 0.2 ? 2 + Math.floor(random() * 2) : null;
      const end = years === null ? null : `${Number(startedOn.slice(0, 4)) + years}${startedOn.slice(4)}`;
      partnerships.push({
        id: partnerships.length,
        leaderId: match.leader.id,
        leader: match.leader.id,
        urn: s.urn,
        kind,
        startedOn,
        endedOn: end !== null && end <= today ? end : null,
        need: `Demo county (synthetic): below the floor standard (or its attainment condition) in ${summer}; matched on ${match.reasons.join(', ')}.`,
      });
    }
  }
  return { leaders, partnerships: partnerships.map(({ leader, urn, kind, startedOn, endedOn, need }) => ({ leader, urn, kind, startedOn, endedOn, need })) };
}
