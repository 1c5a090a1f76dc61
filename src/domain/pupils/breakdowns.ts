import type { EthnicGroup, SenProvision } from './pupil-record.ts';
import { ethnicGroups } from './pupil-record.ts';

/**
 * The pupil groups every computed figure is broken down by, labelled as the rest of Waymark labels them ('fsm',
 * 'not-fsm', 'sen-support', 'gender:female', 'ethnicity:asian', 'phase:primary' …). Schools get the groups the
 * performance tables publish for schools; districts, groupings, the LA, the region and England get all of them.
 */

export type BreakdownDimension = 'fsm' | 'disadvantaged' | 'sen' | 'in-care' | 'gender' | 'ethnicity' | 'eal' | 'phase';

export const breakdownLabels: Readonly<Record<BreakdownDimension, readonly string[]>> = {
  fsm: ['fsm', 'not-fsm'],
  disadvantaged: ['disadvantaged', 'not-disadvantaged'],
  sen: ['sen-support', 'ehc-plan', 'no-sen'],
  'in-care': ['in-care', 'not-in-care'],
  gender: ['gender:female', 'gender:male'],
  ethnicity: ethnicGroups.map((g) => `ethnicity:${g}`),
  eal: ['eal', 'not-eal'],
  phase: ['phase:primary', 'phase:secondary', 'phase:special'],
};

/** Breakdowns held for single schools (as the performance tables publish them); the rest are asked for live. */
export const schoolBreakdowns: ReadonlySet<string> = new Set([
  'all',
  ...breakdownLabels.fsm,
  ...breakdownLabels.disadvantaged,
  ...breakdownLabels.sen,
  ...breakdownLabels.gender,
]);

/**
 * The pupil groups a framework's all-pupils targets can be read for (the groups DfE's LA tables publish), and what
 * the pages call each; `all` is all pupils.
 */
export const frameworkGroups = [
  'fsm',
  'not-fsm',
  'disadvantaged',
  'not-disadvantaged',
  'sen-support',
  'ehc-plan',
  'no-sen',
  'in-care',
  'gender:female',
  'gender:male',
] as const;

export const frameworkGroupTitles: Readonly<Record<'all' | (typeof frameworkGroups)[number], string>> = {
  all: 'All pupils',
  fsm: 'Eligible for free school meals',
  'not-fsm': 'Not eligible for free school meals',
  disadvantaged: 'Disadvantaged',
  'not-disadvantaged': 'Not disadvantaged',
  'sen-support': 'SEN support',
  'ehc-plan': 'Statement or EHC plan',
  'no-sen': 'No SEN',
  'in-care': 'Children in care',
  'gender:female': 'Girls',
  'gender:male': 'Boys',
};

export const senLabel: Readonly<Record<SenProvision, string>> = { N: 'no-sen', K: 'sen-support', E: 'ehc-plan' };

/**
 * An ad-hoc pupil group: any combination of characteristics (e.g. girls eligible for FSM with SEN support). Each
 * condition is optional; none means all pupils.
 */
export type PupilFilter = Readonly<{
  fsm?: boolean;
  disadvantaged?: boolean;
  sen?: SenProvision;
  inCare?: boolean;
  gender?: 'F' | 'M';
  ethnicity?: EthnicGroup;
  eal?: boolean;
}>;

/**
 * A readable, stable code for an ad-hoc group, its conditions joined by '+' in one fixed order (FSM, disadvantage, SEN,
 * in care, gender, ethnicity, EAL): 'fsm+sen-support+gender:female' ('all' when no condition).
 */
export function filterLabel(filter: PupilFilter): string {
  const parts: string[] = [];
  if (filter.fsm !== undefined) parts.push(filter.fsm ? 'fsm' : 'not-fsm');
  if (filter.disadvantaged !== undefined) parts.push(filter.disadvantaged ? 'disadvantaged' : 'not-disadvantaged');
  if (filter.sen !== undefined) parts.push(senLabel[filter.sen]);
  if (filter.inCare !== undefined) parts.push(filter.inCare ? 'in-care' : 'not-in-care');
  if (filter.gender !== undefined) parts.push(filter.gender === 'F' ? 'gender:female' : 'gender:male');
  if (filter.ethnicity !== undefined) parts.push(`ethnicity:${filter.ethnicity}`);
  if (filter.eal !== undefined) parts.push(filter.eal ? 'eal' : 'not-eal');
  return parts.length === 0 ? 'all' : parts.join('+');
}

const ethnicTitles: Readonly<Record<EthnicGroup, string>> = {
  white: 'White',
  mixed: 'Mixed',
  asian: 'Asian or Asian British',
  black: 'Black or Black British',
  chinese: 'Chinese',
  other: 'Any other ethnic group',
  unclassified: 'Ethnicity unclassified',
};

const groupTitles: Readonly<Record<string, string>> = {
  ...frameworkGroupTitles,
  'not-in-care': 'Not in care',
  eal: 'English as an additional language',
  'not-eal': 'First language English',
  'phase:primary': 'Primary schools',
  'phase:secondary': 'Secondary schools',
  'phase:special': 'Special schools',
  ...Object.fromEntries(ethnicGroups.map((g) => [`ethnicity:${g}`, ethnicTitles[g]])),
};

/**
 * A breakdown code in the words a page shows (issue 19.6: names, never codes): 'ethnicity:asian' → "Asian or Asian
 * British", an ad-hoc group's conditions joined ('fsm+gender:female' → "Eligible for free school meals, girls"). A code
 * Waymark does not know (a published file's own) is written out from its parts rather than shown raw. `inSentence`:
 * within a sentence or after a place ("Kent, disadvantaged"), starting small but for names.
 */
export function breakdownTitle(code: string, inSentence = false): string {
  return code
    .split('+')
    .map((part, i) => {
      const words = groupTitles[part] ?? part.replace(/^[a-z-]+:/, '').replace(/[-_]+/g, ' ');
      if (i === 0 && !inSentence) return words.charAt(0).toUpperCase() + words.slice(1);
      // After the first condition, ordinary words start small; names (English, Asian, SEN) keep their capitals.
      return properStart.test(words) ? words : words.charAt(0).toLowerCase() + words.slice(1);
    })
    .join(', ');
}

const properStart = /^(English|First language English|Asian|Black|White|Mixed|Chinese|SEN|Statement or EHC)/;
