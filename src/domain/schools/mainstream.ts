import type { SchoolAttributes } from '../geography/place.ts';

/**
 * A state-funded mainstream school, as DfE's headline tables and floor standards count them: state-funded, and not a
 * special school or alternative provision (a pupil referral unit). A mainstream target is read against these schools
 * only: a special school's KS2 result measures a different population and would top any "furthest from the target"
 * list (issue 11 point 14).
 */
export function isStateFundedMainstream(attributes: Pick<SchoolAttributes, 'stateFunded' | 'sector'>): boolean {
  return attributes.stateFunded && attributes.sector !== 'special' && attributes.sector !== 'alternative-provision';
}
