import type { SchoolAttributes } from '../geography/place-attributes.ts';
import type { Phase } from './floor-standards.ts';

/**
 * The phase a school is counted in, from its reporting sector (domain.md §2, §10.2): primary; secondary, with
 * all-through schools (DfE's KS4 tables and floor standards read them as secondaries); special; pupil referral unit
 * (alternative provision). Nursery, post-16 and other schools have no phase of these. The one rule behind every
 * phase filter: the watch list's (`mainstreamPhaseOf`), the floor standards' and the framework's
 * (`isStateFundedMainstream`) and the Ofsted outcomes' phase breakdowns (`phaseBreakdownsOf`).
 */
export type SchoolPhase = Phase | 'special' | 'pupil-referral-unit';

type Sectored = Pick<SchoolAttributes, 'sector'>;
type Funded = Pick<SchoolAttributes, 'stateFunded' | 'sector'>;

export function schoolPhaseOf(attributes: Sectored): SchoolPhase | null {
  switch (attributes.sector) {
    case 'primary':
      return 'primary';
    case 'secondary':
    case 'all-through':
      return 'secondary';
    case 'special':
      return 'special';
    case 'alternative-provision':
      return 'pupil-referral-unit';
    default:
      return null;
  }
}

/**
 * A state-funded mainstream school, as DfE's headline tables and floor standards count them: state-funded, and not a
 * special school or alternative provision (a pupil referral unit). A mainstream target is read against these schools
 * only: a special school's KS2 result measures a different population and would top any "furthest from the target"
 * list (issue 11 point 14).
 */
export function isStateFundedMainstream(attributes: Funded): boolean {
  const phase = schoolPhaseOf(attributes);
  return attributes.stateFunded && phase !== 'special' && phase !== 'pupil-referral-unit';
}

/** The phase of a state-funded primary or secondary school (the schools the watch list assesses), else null. */
export function mainstreamPhaseOf(attributes: Funded): Phase | null {
  const phase = schoolPhaseOf(attributes);
  return attributes.stateFunded && (phase === 'primary' || phase === 'secondary') ? phase : null;
}

/** The phase breakdowns Ofsted outcomes are given for (Kent's targets 10 and 11 read primary-and-secondary and special). */
export function phaseBreakdownsOf(attributes: Sectored): string[] {
  const phase = schoolPhaseOf(attributes);
  if (phase === 'primary' || phase === 'secondary') return [`phase:${phase}`, 'phase:primary-and-secondary'];
  return phase === null ? [] : [`phase:${phase}`];
}

/** The phases a list of schools is filtered by, in the order it offers them. */
export const schoolPhases = ['primary', 'secondary', 'special', 'pupil-referral-unit'] as const satisfies readonly SchoolPhase[];

/** Each phase's name on a page: all-through schools are counted as secondaries (`schoolPhaseOf`), and said to be. */
export const schoolPhaseLabels: Readonly<Record<SchoolPhase, string>> = {
  primary: 'Primary',
  secondary: 'Secondary and all-through',
  special: 'Special',
  'pupil-referral-unit': 'Pupil referral unit',
};
