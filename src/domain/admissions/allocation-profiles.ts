/**
 * Each school's allocation profile after offer day (the form LAs publish with their admissions booklets, e.g. Kent's
 * "Secondary allocation profiles"): places, applicants and first-preference applicants, offers by criterion with the
 * furthest distance offered, the last child offered, vacancies, and its waiting list in the school's order (every child
 * it ranked and did not offer a place).
 */
import type { AllocationProfile, Application, CriterionKind } from './admissions.ts';
import { criterionAt, homeToSchoolMetres, metresAt, type LastOffered } from './last-offered.ts';
import type { RankedRound } from './rank-applicants.ts';

type Kind = CriterionKind | 'ehc-plan';

/** `allocated`: per school, the places the LA allocated to children who did not name it. */
export function profileSchools(
  applications: readonly Application[],
  ranked: RankedRound,
  held: Int32Array,
  allocated: Int32Array,
  lastOffered: readonly LastOffered[],
): AllocationProfile[] {
  const { schools, orderStart, orderProposal, proposalChild, ehcStart, ehcChild } = ranked;
  // Applicants: children who named the school at any preference (once each), and at first preference.
  const applicants = new Int32Array(schools.length);
  const firstPreference = new Int32Array(schools.length);
  const { slotStart, slotSchool } = ranked;
  for (let c = 0; c < applications.length; c++)
    for (let k = slotStart[c]!; k < slotStart[c + 1]!; k++) {
      const s = slotSchool[k]!;
      let first = slotStart[c]!;
      while (slotSchool[first] !== s) first++;
      if (s < 0 || first < k) continue;
      applicants[s]!++;
      if (ranked.preferences[c]![k - slotStart[c]!]!.rank === 1) firstPreference[s]!++;
    }

  const heldCount = new Int32Array(schools.length);
  for (let c = 0; c < held.length; c++) if (held[c]! >= 0) heldCount[ranked.proposalSchool[held[c]!]!]!++;

  return schools.map((a, s): AllocationProfile => {
    const waitingList = new Array<string>(orderStart[s + 1]! - orderStart[s]! - heldCount[s]!);
    let waiting = 0;
    const byKind = new Map<Kind, { offered: number; furthestMetres: number | null }>();
    const add = (kind: Kind, metres: number | null) => {
      const row = byKind.get(kind) ?? { offered: 0, furthestMetres: null };
      row.offered++;
      if (metres !== null && (row.furthestMetres === null || metres > row.furthestMetres)) row.furthestMetres = metres;
      byKind.set(kind, row);
    };
    for (let k = ehcStart[s]!; k < ehcStart[s + 1]!; k++) add('ehc-plan', homeToSchoolMetres(applications[ehcChild[k]!]!, ranked, s));
    for (let k = orderStart[s]!; k < orderStart[s + 1]!; k++) {
      const p = orderProposal[k]!;
      const c = proposalChild[p]!;
      if (held[c] === p) add(criterionAt(ranked, p), metresAt(ranked, p));
      else waitingList[waiting++] = applications[c]!.id;
    }
    // EHC plans, then every listed criterion (with none offered too), then children who met none, counted as all others.
    const kinds = new Set<Kind>(byKind.has('ehc-plan') ? ['ehc-plan'] : []);
    for (const x of a.criteria) kinds.add(x.kind);
    if (byKind.has('other')) kinds.add('other');
    const byCriterion = [...kinds].map((criterion) => ({
      criterion,
      offered: byKind.get(criterion)?.offered ?? 0,
      furthestMetres: byKind.get(criterion)?.furthestMetres ?? null,
    }));
    const ehc = ehcStart[s + 1]! - ehcStart[s]!;
    const offered = ehc + heldCount[s]! + allocated[s]!;
    const last = lastOffered[s]!;
    return {
      urn: a.urn,
      admissionNumber: a.admissionNumber,
      ehcPlanAdmissions: ehc,
      applicants: applicants[s]!,
      firstPreferenceApplicants: firstPreference[s]!,
      offered,
      byCriterion,
      lastOffered: last === null ? null : { criterion: last.criterion, distanceMetres: last.distanceMetres },
      vacancies: Math.max(0, a.admissionNumber - offered),
      waitingList,
    };
  });
}
