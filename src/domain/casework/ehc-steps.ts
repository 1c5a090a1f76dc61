import type { ExceptionReason, RequestSteps } from './ehc-clock.ts';
import type { EstablishmentType } from './ehc-figures.ts';

/** Why a plan ceased (SEN2 ceased plans: moved to another LA, needs met, left education or training, reached 25, other). */
export const ceaseReasons = {
  'moved-la': 'Moved to another local authority',
  'needs-met': 'Needs met without a plan',
  'left-education': 'Left education or training (16 or over)',
  'age-25': 'Reached the end of the academic year of their 25th birthday',
  other: 'Other reason',
} as const;
export type CeaseReason = keyof typeof ceaseReasons;
export const isCeaseReason = (value: string): value is CeaseReason => Object.hasOwn(ceaseReasons, value);

/** Who asked for the assessment (SEND Regulations 2014 reg 3: the parent, the young person, or a school or setting). */
export const requesters = {
  parent: 'Parent',
  'young-person': 'Young person (16 or over)',
  school: 'School, college or early years setting',
  other: 'Someone else (for example a health or social care professional bringing the child to the LA’s attention)',
} as const;
export type Requester = keyof typeof requesters;
export const isRequester = (value: string): value is Requester => Object.hasOwn(requesters, value);

/** One thing a caseworker records on a case. */
export type SenStep =
  | Readonly<{ kind: 'decision'; assess: boolean; on: string }>
  | Readonly<{ kind: 'draft'; on: string }>
  | Readonly<{ kind: 'outcome'; plan: boolean; on: string }>
  | Readonly<{ kind: 'withdrawal'; on: string }>
  | Readonly<{ kind: 'exception'; reason: ExceptionReason; on: string }>
  | Readonly<{ kind: 'review'; on: string }>
  | Readonly<{ kind: 'cease'; reason: CeaseReason; on: string }>
  | Readonly<{ kind: 'placement'; establishmentType: EstablishmentType; schoolUrn: string | null; on: string }>;

export type CaseState = RequestSteps & Readonly<{ ceasedOn: string | null }>;

/**
 * Whether a step may be recorded on a case as it stands on `today`: the problem in words, or null. The order is the
 * regulations': a decision whether to assess, then (if assessing) a draft and the final plan or a decision not to
 * issue one; a withdrawal only while no outcome is reached; reviews, placements and the plan's end only once a plan is
 * issued. No step is dated in the future or before the step it follows.
 */
export function stepProblem(state: CaseState, step: SenStep, today: string): string | null {
  if (step.on > today) return 'The date cannot be in the future';
  if (step.on < state.receivedOn) return `The date cannot be before the request was received (${state.receivedOn})`;
  const open = state.withdrawnOn === null && state.outcome === null && (state.decision === null || state.decision.assess);
  const plan = state.withdrawnOn === null && state.outcome?.plan === true ? state.outcome : null;
  switch (step.kind) {
    case 'decision':
      if (state.withdrawnOn !== null) return 'The request was withdrawn';
      return state.decision === null ? null : 'The decision whether to assess is already recorded';
    case 'draft':
    case 'outcome':
      if (!open || state.decision === null) return 'Record a decision to assess first (the request must be open and being assessed)';
      if (step.on < state.decision.on) return `The date cannot be before the decision to assess (${state.decision.on})`;
      if (step.kind === 'draft') return state.draftOn === null ? null : 'A draft plan is already recorded';
      return step.plan && state.draftOn !== null && step.on < state.draftOn ? `The final plan cannot be dated before the draft (${state.draftOn})` : null;
    case 'withdrawal':
    case 'exception':
      return open ? null : 'The request is no longer open: its clock has ended';
    case 'review':
    case 'cease':
    case 'placement':
      if (plan === null) return 'No plan has been issued on this request';
      if (state.ceasedOn !== null) return `The plan ceased on ${state.ceasedOn}`;
      return step.on < plan.on ? `The date cannot be before the plan was issued (${plan.on})` : null;
  }
}
