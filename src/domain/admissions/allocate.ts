/**
 * One round of a coordinated scheme, offer day (School Admissions Code 2014 para 1.6, 1.7, 1.9(b) and the LA's
 * coordinated scheme; domain.md §13): EHC plan admissions first, then each school's order of its applicants, then deferred
 * acceptance over those orders (each child offered the highest preference at which they rank within the places), then
 * the LA's allocation of the nearest school with a place left to every child none of whose preferences could be
 * offered; with an explanation of every preference and each school's allocation profile.
 */
import type { Offer, RoundInput, RoundResult } from './admissions.ts';
import { deferredAcceptance } from './deferred-acceptance.ts';
import { profileSchools } from './allocation-profiles.ts';
import { explainRound } from './explain-round.ts';
import { lastOfferedBySchool } from './last-offered.ts';
import { allocateNearest } from './nearest-school.ts';
import { rankApplicants } from './rank-applicants.ts';

export function allocateRound(round: RoundInput): RoundResult {
  const ranked = rankApplicants(round);
  const held = deferredAcceptance(ranked);
  const apps = round.applications;
  const offers: (Offer | null)[] = new Array<Offer | null>(apps.length).fill(null);
  const left = Int32Array.from(ranked.places);
  const unplaced: number[] = [];
  for (let c = 0; c < apps.length; c++) {
    const app = apps[c]!;
    const p = held[c]!;
    if (app.ehcPlanSchool !== null) {
      const named = app.preferences.filter((x) => x.urn === app.ehcPlanSchool).map((x) => x.rank);
      const preferenceRank = named.length === 0 ? null : Math.min(...named);
      offers[c] = { applicationId: app.id, kind: 'ehc-plan', urn: app.ehcPlanSchool, preferenceRank, distanceMetres: null };
    } else if (p >= 0) {
      const s = ranked.proposalSchool[p]!;
      left[s]!--;
      const preference = ranked.preferences[c]![ranked.proposalSlot[p]! - ranked.slotStart[c]!]!;
      offers[c] = { applicationId: app.id, kind: 'preference', urn: preference.urn, preferenceRank: preference.rank, distanceMetres: null };
    } else unplaced.push(c);
  }
  const allocated = new Int32Array(ranked.schools.length);
  for (const { child, school, metres } of allocateNearest(round, ranked.schools, left, unplaced)) {
    const id = apps[child]!.id;
    if (school < 0) offers[child] = { applicationId: id, kind: 'none', urn: null, preferenceRank: null, distanceMetres: null };
    else {
      allocated[school]!++;
      offers[child] = { applicationId: id, kind: 'allocated', urn: ranked.schools[school]!.urn, preferenceRank: null, distanceMetres: metres };
    }
  }
  const final = offers as Offer[];
  const lastOffered = lastOfferedBySchool(apps, ranked, held);
  return {
    offers: final,
    explanations: explainRound(round, ranked, held, final, lastOffered),
    profiles: profileSchools(apps, ranked, held, allocated, lastOffered),
  };
}
