/**
 * Pupils on alternative curriculum programmes (a pupil referral unit or provision the LA commissions) in Years 10 and
 * 11, and whether they left KS4 with a recognised qualification: the figure for Kent's target 24.
 */

export type ApOutcome = 'level-2' | 'level-1' | 'entry-level' | 'none';
export const apOutcomes: readonly ApOutcome[] = ['level-2', 'level-1', 'entry-level', 'none'];
export const apOutcomeWords: Readonly<Record<ApOutcome, string>> = {
  'level-2': 'Level 2 qualification (e.g. GCSE A*-C)',
  'level-1': 'Level 1 qualification (e.g. GCSE D-G, functional skills level 1)',
  'entry-level': 'Entry level qualification only',
  none: 'No recognised qualification',
};

export type ApPlacementFacts = Readonly<{
  pupil: string;
  yearGroup: 10 | 11;
  start: string;
  end: string | null;
  /** The pupil's best qualification by the end of KS4, recorded once KS4 results are in; null before then. */
  outcome: ApOutcome | null;
}>;

export type ApAchievement = Readonly<{ pupils: number; achieved: number; awaiting: number }>;

/**
 * Of the pupils with a Year 11 placement in the year (each counted once, however many placements), those whose outcome
 * is a level 1 or level 2 qualification (indicator alternative-curriculum-achievement). Pupils with no outcome recorded
 * yet are counted apart (`awaiting`) and left out of both sides, so a figure is never made of unknown results.
 */
export function apAchievement(placements: readonly ApPlacementFacts[]): ApAchievement {
  const best = new Map<string, ApOutcome | null>();
  for (const p of placements) {
    if (p.yearGroup !== 11) continue;
    const known = best.get(p.pupil);
    if (known === undefined || known === null || (p.outcome !== null && apOutcomes.indexOf(p.outcome) < apOutcomes.indexOf(known)))
      best.set(p.pupil, p.outcome);
  }
  let pupils = 0;
  let achieved = 0;
  let awaiting = 0;
  for (const outcome of best.values()) {
    if (outcome === null) awaiting++;
    else {
      pupils++;
      if (outcome === 'level-1' || outcome === 'level-2') achieved++;
    }
  }
  return { pupils, achieved, awaiting };
}
