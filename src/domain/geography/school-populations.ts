import type { SchoolAttributes } from './place-attributes.ts';

/**
 * The sets of schools DfE tables report on, by name. A roll-up of school figures says which one it counts, because a
 * figure over one set is not comparable with a figure over another (independent schools have no place in a state-funded
 * LA figure). DfE's LA figures for KS2 (from 2016) and KS4 report state-funded schools, special schools included:
 * that is the default.
 */
export type SchoolPopulation = 'state-funded-mainstream' | 'state-funded' | 'all-schools';

export const schoolPopulations: readonly SchoolPopulation[] = ['state-funded', 'state-funded-mainstream', 'all-schools'];

export const defaultPopulation: SchoolPopulation = 'state-funded';

export const populationLabels: Readonly<Record<SchoolPopulation, string>> = {
  'state-funded-mainstream': 'state-funded mainstream schools',
  'state-funded': 'all state-funded schools, special schools included',
  'all-schools': 'all schools, independent schools included',
};

type PopulationAttributes = Pick<SchoolAttributes, 'stateFunded' | 'sector'>;

/**
 * Whether a school is in a population: state-funded as DfE counts it (LA maintained, academies, free schools; not
 * non-maintained special or independent schools); mainstream leaves out special schools; pupil referral units and
 * alternative provision are outside both state-funded sets, as in the performance tables' headline figures.
 */
export function isInPopulation(school: PopulationAttributes, population: SchoolPopulation): boolean {
  if (population === 'all-schools') return true;
  if (!school.stateFunded || school.sector === 'alternative-provision') return false;
  return population === 'state-funded' || school.sector !== 'special';
}
