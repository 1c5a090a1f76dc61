import { academicYearOf } from '../periods/period.ts';
import { isCalendarDate } from '../periods/dates.ts';

/**
 * Permanent exclusions and suspensions (fixed-period exclusions) as the LA records them from schools' notifications
 * (domain.md §5): the school census reason codes of the year, the 45-school-day limit on suspensions, the governors'
 * review and the independent review panel, and the LA's counting rule for its local target.
 */

export type ExclusionKind = 'permanent' | 'suspension';
export const exclusionKinds: readonly ExclusionKind[] = ['permanent', 'suspension'];

/** The governors' review of a permanent exclusion (and their reconsideration after a panel): uphold or reinstate. */
export type GovernorsOutcome = 'upheld' | 'reinstated';
/**
 * The independent review panel: uphold, recommend that the governors reconsider, or quash the decision and direct them
 * to reconsider (School Discipline (Pupil Exclusions and Reviews) (England) Regulations 2012, reg 7 and Schedule 1
 * para 2(6)). A panel cannot reinstate a pupil itself.
 */
export type PanelOutcome = 'upheld' | 'recommend-reconsider' | 'quash-reconsider';
export const governorsOutcomes: readonly GovernorsOutcome[] = ['upheld', 'reinstated'];
export const panelOutcomes: readonly PanelOutcome[] = ['upheld', 'recommend-reconsider', 'quash-reconsider'];

export type ExclusionReason = Readonly<{ code: string; label: string }>;

/** The school census exclusion reason codes used from 2011/12 to 2019/20 (School census guide, exclusions module). */
const reasonsTo2020: readonly ExclusionReason[] = [
  { code: 'PP', label: 'Physical assault against a pupil' },
  { code: 'PA', label: 'Physical assault against an adult' },
  { code: 'VP', label: 'Verbal abuse or threatening behaviour against a pupil' },
  { code: 'VA', label: 'Verbal abuse or threatening behaviour against an adult' },
  { code: 'BU', label: 'Bullying' },
  { code: 'RA', label: 'Racist abuse' },
  { code: 'SM', label: 'Sexual misconduct' },
  { code: 'DA', label: 'Drug and alcohol related' },
  { code: 'DM', label: 'Damage' },
  { code: 'TH', label: 'Theft' },
  { code: 'PD', label: 'Persistent disruptive behaviour' },
  { code: 'OT', label: 'Other' },
];

/** From 2020/21 the census added weapons, abuse of sexual orientation and gender identity or of disability, online misuse and public-health measures. */
const reasonsFrom2020: readonly ExclusionReason[] = [
  ...reasonsTo2020.slice(0, 4),
  { code: 'MT', label: 'Use or threat of use of an offensive weapon or prohibited item' },
  ...reasonsTo2020.slice(4, 6),
  { code: 'LG', label: 'Abuse against sexual orientation and gender identity' },
  { code: 'DS', label: 'Abuse relating to disability' },
  ...reasonsTo2020.slice(6, 11),
  { code: 'OW', label: 'Inappropriate use of social media or online technology' },
  { code: 'PH', label: 'Wilful and repeated transgression of protective measures in place to protect public health' },
  { code: 'OT', label: 'Other' },
];

/** The reason codes a school could give for an exclusion in the academic year `period` ('201112'). */
export function exclusionReasons(period: string): readonly ExclusionReason[] {
  return period >= '202021' ? reasonsFrom2020 : reasonsTo2020;
}

/** A pupil may be suspended for at most 45 school days in a school year: 90 sessions (morning and afternoon). */
export const suspensionSessionLimit = 90;

/**
 * Whether a permanent exclusion counts towards the LA's figure: it does unless the pupil was reinstated (by the
 * governors at their review, or when they reconsidered after an independent review panel). One awaiting review counts:
 * the pupil is off roll until reinstated (domain.md §5: "counts when upheld, or not overturned").
 */
export function permanentExclusionCounts(e: Pick<ExclusionFacts, 'kind' | 'governorsOutcome' | 'panelOutcome' | 'reconsideredOutcome'>): boolean {
  if (e.kind !== 'permanent') return false;
  if (e.reconsideredOutcome !== null) return e.reconsideredOutcome === 'upheld';
  return e.governorsOutcome !== 'reinstated';
}

/** The stage an exclusion's reviews have reached, in words for its page. */
export function reviewStage(e: Pick<ExclusionFacts, 'kind' | 'governorsOutcome' | 'panelOutcome' | 'reconsideredOutcome'>): string {
  if (e.kind === 'suspension') return 'Suspension';
  if (e.reconsideredOutcome === 'reinstated') return 'Reinstated after the governors reconsidered';
  if (e.reconsideredOutcome === 'upheld') return 'Upheld after the governors reconsidered';
  if (e.panelOutcome === 'upheld') return 'Upheld by the independent review panel';
  if (e.panelOutcome !== null) return 'Panel asked the governors to reconsider';
  if (e.governorsOutcome === 'reinstated') return 'Reinstated by the governors';
  if (e.governorsOutcome === 'upheld') return 'Upheld by the governors';
  return 'Awaiting the governors’ review';
}

/** What an exclusion record holds (dates as 'YYYY-MM-DD'). */
export type ExclusionFacts = Readonly<{
  kind: ExclusionKind;
  reasonCode: string;
  decisionDate: string;
  startDate: string;
  /** Sessions (half days) of a suspension; null for a permanent exclusion. */
  sessions: number | null;
  governorsOutcome: GovernorsOutcome | null;
  panelOutcome: PanelOutcome | null;
  reconsideredOutcome: GovernorsOutcome | null;
}>;

/** The dates of an exclusion's reviews, beside their outcomes in `ExclusionFacts`. */
export type ExclusionReviewDates = Readonly<{ governorsDate: string | null; panelDate: string | null; reconsideredDate: string | null }>;

/** One exclusion as a notification, a file line or the demo gives it, the pupil's identity aside. */
export type ExclusionRecord = ExclusionFacts & ExclusionReviewDates & Readonly<{ schoolUrn: string; fsm: boolean; sen: 'N' | 'K' | 'E'; inCare: boolean }>;

export type FieldError = Readonly<{ field: string; message: string }>;

/**
 * Check an exclusion as entered or imported: the year's reason codes, a decision on or before the first day excluded,
 * a suspension's sessions within the year's limit together with the pupil's other suspensions that year
 * (`otherSessionsInYear`), and reviews in their statutory order (a panel only after governors upheld; reconsideration
 * only after a panel asked for it).
 */
export function checkExclusion(e: ExclusionFacts, otherSessionsInYear: number): FieldError[] {
  const errors: FieldError[] = [];
  if (!exclusionKinds.includes(e.kind)) errors.push({ field: 'kind', message: 'Select permanent exclusion or suspension' });
  const decisionOk = isCalendarDate(e.decisionDate);
  if (!decisionOk) errors.push({ field: 'decisionDate', message: 'Decision date must be a real date' });
  if (!isCalendarDate(e.startDate)) errors.push({ field: 'startDate', message: 'Start date must be a real date' });
  else if (decisionOk && e.startDate < e.decisionDate)
    errors.push({ field: 'startDate', message: 'Start date must be the same as or after the decision date' });
  if (decisionOk && !exclusionReasons(academicYearOf(e.decisionDate)).some((r) => r.code === e.reasonCode))
    errors.push({
      field: 'reasonCode',
      message: `Reason must be one of the school census codes of ${academicYearOf(e.decisionDate).replace(/^(\d{4})/, '$1/')}`,
    });
  if (e.kind === 'suspension') {
    if (e.sessions === null || !Number.isInteger(e.sessions) || e.sessions < 1)
      errors.push({ field: 'sessions', message: 'Enter the sessions (half days) suspended, a whole number of 1 or more' });
    else if (e.sessions + otherSessionsInYear > suspensionSessionLimit)
      errors.push({
        field: 'sessions',
        message: `A pupil can be suspended for at most 45 school days (${suspensionSessionLimit} sessions) in a school year: ${otherSessionsInYear} already recorded this year`,
      });
    if (e.governorsOutcome !== null || e.panelOutcome !== null || e.reconsideredOutcome !== null)
      errors.push({ field: 'governorsOutcome', message: 'Only a permanent exclusion has a review outcome recorded here' });
  } else {
    if (e.sessions !== null) errors.push({ field: 'sessions', message: 'A permanent exclusion has no number of sessions' });
    if (e.panelOutcome !== null && e.governorsOutcome !== 'upheld')
      errors.push({ field: 'panelOutcome', message: 'A panel reviews only an exclusion the governors upheld' });
    if (e.reconsideredOutcome !== null && (e.panelOutcome === null || e.panelOutcome === 'upheld'))
      errors.push({ field: 'reconsideredOutcome', message: 'The governors reconsider only when the panel asked them to' });
  }
  return errors;
}
