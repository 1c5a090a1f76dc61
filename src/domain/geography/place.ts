/** Places: England, regions, LAs, districts, LA-defined groupings, trusts and schools, in one model. */

export type PlaceKind = 'country' | 'region' | 'la' | 'district' | 'grouping' | 'trust' | 'federation' | 'sponsor' | 'neighbour_group' | 'school';

export type PlaceStatus = 'open' | 'closed' | 'proposed';

/** The geographic hierarchy, top down. Groupings, trusts and neighbour groups sit beside it. */
export const hierarchy: readonly PlaceKind[] = ['country', 'region', 'la', 'district', 'school'];

export const kindLabels: Readonly<Record<PlaceKind, string>> = {
  country: 'Country',
  region: 'Region',
  la: 'Local authority',
  district: 'District',
  grouping: 'Grouping',
  trust: 'Trust',
  federation: 'Federation',
  sponsor: 'Academy sponsor',
  neighbour_group: 'Statistical neighbour group',
  school: 'School',
};

/**
 * A school's reporting sector, as LA and DfE tables split schools. Special schools and
 * pupil referral units (alternative provision) are sectors of their own whatever their age range.
 */
export type Sector = 'nursery' | 'primary' | 'secondary' | 'all-through' | 'special' | 'alternative-provision' | 'post-16' | 'other';

export const sectorLabels: Readonly<Record<Sector, string>> = {
  nursery: 'Nursery',
  primary: 'Primary',
  secondary: 'Secondary',
  'all-through': 'All-through',
  special: 'Special',
  'alternative-provision': 'Pupil referral unit / alternative provision',
  'post-16': 'Post-16',
  other: 'Other',
};

export const sectorOrder: readonly Sector[] = ['nursery', 'primary', 'secondary', 'all-through', 'special', 'alternative-provision', 'post-16', 'other'];

/** How a school is governed and funded, in the groups DfE tables use. */
export type Governance = 'la-maintained' | 'academy' | 'free-school' | 'non-maintained-special' | 'independent' | 'college' | 'other';

export const governanceLabels: Readonly<Record<Governance, string>> = {
  'la-maintained': 'LA maintained',
  academy: 'Academy',
  'free-school': 'Free school',
  'non-maintained-special': 'Non-maintained special',
  independent: 'Independent',
  college: 'College',
  other: 'Other',
};

export type SectorInput = Readonly<{
  typeName: string;
  phaseFlags: Readonly<{ primary: boolean; secondary: boolean; post16: boolean }>;
  ageLow: number | null;
  ageHigh: number | null;
  giasPhase?: string | null;
}>;

/** Reporting sector from the school's type, phase flags and age range. */
export function sectorOf(school: SectorInput): Sector {
  const type = school.typeName.toLowerCase();
  if (type.includes('special')) return 'special';
  if (type.includes('pupil referral') || type.includes('alternative provision')) return 'alternative-provision';
  if (type.includes('nursery') || school.giasPhase === 'Nursery') return 'nursery';
  const { primary, secondary, post16 } = school.phaseFlags;
  if (school.giasPhase === 'All-through' || (primary && secondary)) return 'all-through';
  if (primary) return 'primary';
  if (secondary) return 'secondary';
  if (post16 || school.giasPhase === '16 plus') return 'post-16';
  if (school.ageHigh !== null && school.ageHigh <= 5) return 'nursery';
  return 'other';
}

export function isMemberOn(link: Readonly<{ validFrom: string | null; validTo: string | null }>, date: string): boolean {
  return (link.validFrom === null || link.validFrom <= date) && (link.validTo === null || link.validTo >= date);
}

export const governanceOrder: readonly Governance[] = ['la-maintained', 'academy', 'free-school', 'non-maintained-special', 'independent', 'college', 'other'];

const stateFundedGovernance: readonly Governance[] = ['la-maintained', 'academy', 'free-school'];

export function isStateFunded(governance: Governance): boolean {
  return stateFundedGovernance.includes(governance);
}

/** Governance from a register's type group and detailed type (DfE spine MINORGROUP/NFTYPE, GIAS type group/type). */
export function governanceOf(typeGroup: string, typeName: string): Governance {
  const group = typeGroup.toLowerCase();
  const type = typeName.toLowerCase();
  if (type.includes('non-maintained special')) return 'non-maintained-special';
  if (type.includes('independent') || group.startsWith('independent')) return 'independent';
  if (/^(free school|studio school|university technical college)/.test(type)) return 'free-school';
  if (type.startsWith('academy') || group.startsWith('academ')) return 'academy';
  if (group.startsWith('free school')) return 'free-school';
  if (group === 'college' || group === 'colleges' || group.startsWith('universit')) return 'college';
  if (group === 'maintained school' || group === 'special school' || group.startsWith('local authority maintained') || group === 'special schools')
    return 'la-maintained';
  return 'other';
}
