/**
 * Every label a page shows for a code, in one place (issue 13.5): target statuses with their tag colours, units,
 * polarity, and the DfE's symbols. Labels that are the domain's own words (place kinds, trends, pupil groups) stay in
 * the domain and are given to the templates from here too.
 */
import { kindLabels } from '../../domain/geography/place.ts';
import { frameworkGroupTitles } from '../../domain/pupils/breakdowns.ts';
import { trendLabels } from '../../domain/schools/trends.ts';

export { frameworkGroupTitles as groupLabels, kindLabels, trendLabels };

/** A target's status as a GOV.UK tag: its words and its colour. */
export const statusLabels: Readonly<Record<string, Readonly<{ text: string; tag: string }>>> = {
  met: { text: 'Met', tag: 'govuk-tag--green' },
  on_track: { text: 'On track', tag: 'govuk-tag--turquoise' },
  off_track: { text: 'Off track', tag: 'govuk-tag--red' },
  not_yet_due: { text: 'Not yet due', tag: 'govuk-tag--grey' },
  no_data: { text: 'No data', tag: 'govuk-tag--grey' },
};

/** A rule's result: a target's status, or not comparable with a relative-only successor's year (evaluate.ts). */
export const ruleStatusLabels: Readonly<Record<string, Readonly<{ text: string; tag: string }>>> = {
  ...statusLabels,
  not_comparable: { text: 'Not comparable', tag: 'govuk-tag--grey' },
};

/** Each kind of target rule in words (framework.ts), for the target page's list of rules. */
export const ruleKindLabels: Readonly<Record<string, string>> = {
  at_least: 'At least a level',
  at_most: 'At most a level',
  milestones: 'Milestones',
  change_from_baseline: 'Change from the baseline',
  vs_comparator: 'Against a comparator',
  rank_among_neighbours: 'Rank among neighbours',
  year_on_year: 'Improving year on year',
  zero: 'None',
  every: 'All',
  band: 'Within a band',
  milestone_done: 'Delivered',
};

export const unitLabels: Readonly<Record<string, string>> = {
  percent: '%',
  count: 'number',
  rate: 'rate',
  average_score: 'average score',
  points: 'points',
  band: 'band (1-5)',
};

export const polarityLabels: Readonly<Record<string, string>> = {
  higher_is_better: 'Higher is better',
  lower_is_better: 'Lower is better',
  none: 'No direction is better',
};

/** What each DfE symbol means (GSS standard, domain.md §9.1), for the `<abbr>` a page shows instead of a figure. */
export const symbolTitles: Readonly<Record<string, string>> = {
  c: 'suppressed: too few pupils to show',
  x: 'not available',
  z: 'not applicable',
  low: 'more than 0 but rounds to 0',
};
