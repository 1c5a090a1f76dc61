import type { AdmissionAuthority, AdmissionPhase, OfferCounts, OfferKind, PreferenceOutcome, TieBreak } from '../../../domain/admissions/admissions.ts';
import { criterionLabel } from '../../../domain/admissions/arrangement-rules.ts';
import { londonTime } from '../../../domain/periods/london-time.ts';
import type { SchoolOutcome } from '../../../services/admissions/application-service.ts';
import { fixed } from '../../presentation/format.ts';

/**
 * How the admissions pages write what the service returns: numbers as people write them (18,012; 83.6%; 2.41 km),
 * dates in full (3 March 2014), the year of entry as "2014/15 entry", and every code in words.
 */

/** A date ('YYYY-MM-DD') in full: "3 March 2014". */
export function longDate(iso: string): string {
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** A count with thousands separated: 18012 → "18,012". */
export const whole = (n: number): string => n.toLocaleString('en-GB');

/** The point of entry a phase's round fills. */
export const phaseLabel = (phase: AdmissionPhase): string => (phase === 'primary' ? 'Reception' : 'Year 7');

/** September of `entryYear` as the academic year it starts: 2014 → "2014/15 entry". */
export const entryLabel = (entryYear: number): string => `${entryYear}/${String((entryYear + 1) % 100).padStart(2, '0')} entry`;

/** A round as a heading names it: "Year 7, 2014/15 entry". */
export const roundTitle = (round: Readonly<{ phase: AdmissionPhase; entryYear: number }>): string =>
  `${phaseLabel(round.phase)}, ${entryLabel(round.entryYear)}`;

/** Metres as kilometres to 2 decimal places, or "not known". */
export const km = (metres: number | null): string => (metres === null ? 'not known' : `${fixed(metres / 1000, 2)} km`);

/** A rate rounded once, here, to 1 decimal place: 139 of 166 → "83.7%"; "–" with no applications. */
export const percent = (numerator: number, denominator: number): string => (denominator === 0 ? '–' : `${fixed((numerator / denominator) * 100, 1)}%`);

/** Who ran an allocation or recorded arrangements: a user by name (`names` by audit actor id, 'user:17'), or the command line. */
export function actorWords(actor: string | null, names: ReadonlyMap<string, string>): string {
  if (actor === null) return 'not known';
  const name = names.get(actor);
  if (name !== undefined) return name;
  if (actor.startsWith('user:')) return 'a user no longer held';
  if (actor.startsWith('cli:')) return 'the command line';
  return 'the system';
}

/** When a round was allocated, as the clocks in England showed it, and by whom. */
export const allocatedWords = (at: Date | null, by: string | null, names: ReadonlyMap<string, string>): string =>
  at === null ? 'Not yet allocated' : `${londonTime(at)}, by ${actorWords(by, names)}`;

/** The DfE's offer statistics as table rows: what is counted, numerator, denominator, rate (domain.md §13). */
export function countRows(counts: OfferCounts): { text: string; format?: 'numeric' }[][] {
  const n = counts.applications;
  const rows: [string, number][] = [
    ['Applications made online', counts.online],
    ['Offered their 1st preference', counts.firstPreference],
    ['Offered their 2nd preference', counts.secondPreference],
    ['Offered their 3rd preference', counts.thirdPreference],
    ['Offered one of their preferences', counts.preferred],
    ['Offered a school they did not name (allocated by the LA)', counts.nonPreferred],
    ['Not offered a place', counts.noOffer],
    ['Offered a school in the home LA', counts.inHomeLa],
    ['Offered a school in another LA', counts.inAnotherLa],
  ];
  return rows.map(([text, count]) => [
    { text },
    { text: whole(count), format: 'numeric' },
    { text: whole(n), format: 'numeric' },
    { text: percent(count, n), format: 'numeric' },
  ]);
}

const ordinals = ['1st', '2nd', '3rd'];
/** A preference number in words: 1 → "1st preference". */
export const preferenceWords = (rank: number): string => `${ordinals[rank - 1] ?? `${rank}th`} preference`;

/** What an offer is, in words. */
export function offerWords(kind: OfferKind | null, preferenceRank: number | null): string {
  if (kind === null) return 'Not yet allocated';
  if (kind === 'preference') return preferenceRank === null ? 'One of their preferences' : `Their ${preferenceWords(preferenceRank)}`;
  if (kind === 'ehc-plan') return 'The school their EHC plan names';
  if (kind === 'allocated') return 'Allocated by the LA (a school they did not name)';
  return 'No place offered';
}

/** The offer kinds an officer may filter the applications by, in words. */
export const offerFilterItems = [
  { value: '', text: 'Any' },
  { value: 'preference', text: 'Offered a preference' },
  { value: 'allocated', text: 'Allocated by the LA' },
  { value: 'none', text: 'No place offered' },
  { value: 'not-allocated', text: 'Not yet allocated' },
] as const;

const outcomeTexts: Readonly<Record<PreferenceOutcome['outcome'], string>> = {
  offered: 'Offered',
  'higher-preference-offered': 'Not needed: a higher preference was offered',
  oversubscribed: 'Not offered: ranked below the last child offered a place',
  'not-eligible': 'Not offered: a grammar school and the child was not assessed suitable',
  'no-arrangements': 'Not offered: no arrangements are held for the school in this round',
};
export const outcomeWords = (outcome: PreferenceOutcome['outcome']): string => outcomeTexts[outcome];

const schoolOutcomeTexts: Readonly<Record<SchoolOutcome['outcome'], string>> = {
  offered: 'Offered a place here',
  'not-offered': 'Not offered a place here',
  'not-eligible': 'Not eligible (not assessed suitable for grammar education)',
  'not-allocated': 'Not yet allocated',
};
export const schoolOutcomeWords = (outcome: SchoolOutcome['outcome']): string => schoolOutcomeTexts[outcome];

/** A criterion in words, or "not ranked". */
export const criterionWords = (criterion: PreferenceOutcome['criterion']): string => (criterion === null ? 'Not ranked' : criterionLabel(criterion));

/** A position in a school's order: 3 → "3rd"; "–" where not ranked. */
export function positionWords(position: number | null): string {
  if (position === null) return '–';
  const tens = position % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][position % 10] ?? 'th');
  return `${whole(position)}${suffix}`;
}

const authorityTexts: Readonly<Record<AdmissionAuthority, string>> = {
  la: 'The local authority',
  'governing-body': 'The governing body',
  'academy-trust': 'The academy trust',
};
export const authorityWords = (authority: AdmissionAuthority): string => authorityTexts[authority];

export const tieBreakWords = (tieBreak: TieBreak): string =>
  tieBreak.kind === 'distance'
    ? `Distance from home, nearest first; equal distances by random allocation (seed ${tieBreak.seed})`
    : `Random allocation (seed ${tieBreak.seed})`;

/** The round's offers by the child's home district: the rates Kent's districts are compared on. */
export function districtRows(byDistrict: readonly Readonly<{ name: string; counts: OfferCounts }>[]): { text: string; format?: 'numeric' }[][] {
  return byDistrict.map(({ name, counts: c }) => [
    { text: name },
    { text: whole(c.applications), format: 'numeric' },
    { text: percent(c.firstPreference, c.applications), format: 'numeric' },
    { text: percent(c.firstPreference + c.secondPreference, c.applications), format: 'numeric' },
    { text: percent(c.preferred, c.applications), format: 'numeric' },
    { text: percent(c.nonPreferred, c.applications), format: 'numeric' },
  ]);
}

/** A difference in percentage points, rounded once, with one minus sign and no sign on a difference that rounds to nothing. */
const pointsDifference = (difference: number): string => {
  const shown = fixed(Math.abs(difference), 1);
  return `${Number(shown) === 0 ? '' : difference > 0 ? '+' : '−'}${shown} points`;
};

const publishedNames: Readonly<Record<string, string>> = {
  'applications-online': 'Applications made online',
  'first-preference-offers': 'Offered their 1st preference',
  'second-preference-offers': 'Offered their 2nd preference',
};

/** A count and its rate as "13,900 of 16,000 (86.9%)"; a published figure without counts as its rate, or its DfE symbol. */
const countOf = (numerator: number | null, denominator: number | null, value: number | null, symbol: string | null): string =>
  symbol !== null
    ? symbol
    : numerator !== null && denominator !== null
      ? `${whole(numerator)} of ${whole(denominator)} (${percent(numerator, denominator)})`
      : value === null
        ? '–'
        : `${fixed(value, 1)}%`;

/**
 * The round's own counts beside the DfE's published figures for the same LA, year and phase: the difference in
 * percentage points from unrounded rates, rounded once; none where the DfE shows a symbol.
 */
export function publishedRows(
  rows: readonly Readonly<{
    indicatorCode: string;
    own: Readonly<{ numerator: number; denominator: number }>;
    published: Readonly<{ value: number | null; numerator: number | null; denominator: number | null; symbol: string | null }>;
  }>[],
): { text: string; format?: 'numeric' }[][] {
  return rows.map(({ indicatorCode, own, published: p }) => {
    const ownRate = own.denominator === 0 ? null : (100 * own.numerator) / own.denominator;
    const difference = ownRate === null || p.symbol !== null || p.value === null ? null : ownRate - p.value;
    return [
      { text: publishedNames[indicatorCode] ?? indicatorCode },
      { text: countOf(own.numerator, own.denominator, ownRate, null), format: 'numeric' },
      { text: countOf(p.numerator, p.denominator, p.value, p.symbol), format: 'numeric' },
      { text: difference === null ? '–' : pointsDifference(difference), format: 'numeric' },
    ];
  });
}
