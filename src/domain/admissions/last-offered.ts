/**
 * The facts an explanation and a profile share: the criterion a proposal met, its distance, and each school's last place
 * offered in its order (the worst-placed child it holds; where it holds none, its last EHC plan admission).
 */
import type { Application, CriterionKind, PreferenceOutcome } from './admissions.ts';
import { straightLineMetres } from './distance.ts';
import type { RankedRound } from './rank-applicants.ts';

export type LastOffered = PreferenceOutcome['lastOffered'];

/** The criterion a proposal met at its school; a child meeting none counts with all other children. */
export function criterionAt(ranked: RankedRound, p: number): CriterionKind {
  return ranked.schools[ranked.proposalSchool[p]!]!.criteria[ranked.proposalCriterion[p]!]?.kind ?? 'other';
}

export function metresAt(ranked: RankedRound, p: number): number | null {
  const m = ranked.proposalMetres[p]!;
  return m === Infinity ? null : m;
}

/** Home to school for a child admitted under an EHC plan (who made no proposal there), null where a point is unknown. */
export function homeToSchoolMetres(app: Application, ranked: RankedRound, s: number): number | null {
  const at = ranked.schools[s]!.location;
  return app.home === null || at === null ? null : straightLineMetres(app.home, at);
}

export function lastOfferedBySchool(applications: readonly Application[], ranked: RankedRound, held: Int32Array): LastOffered[] {
  const { schools, proposalSchool, proposalPosition, ehcStart, ehcChild } = ranked;
  const lastHeld = new Int32Array(schools.length).fill(-1);
  for (let c = 0; c < held.length; c++) {
    const p = held[c]!;
    if (p < 0) continue;
    const s = proposalSchool[p]!;
    if (lastHeld[s]! < 0 || proposalPosition[p]! > proposalPosition[lastHeld[s]!]!) lastHeld[s] = p;
  }
  return schools.map((_, s) => {
    const ehc = ehcStart[s + 1]! - ehcStart[s]!;
    const p = lastHeld[s]!;
    if (p >= 0) return { position: ehc + proposalPosition[p]! + 1, criterion: criterionAt(ranked, p), distanceMetres: metresAt(ranked, p) };
    if (ehc === 0) return null;
    return { position: ehc, criterion: 'ehc-plan', distanceMetres: homeToSchoolMetres(applications[ehcChild[ehcStart[s + 1]! - 1]!]!, ranked, s) };
  });
}
