import { statusLabels, symbolTitles } from '../../presentation/labels.ts';

/**
 * The words a reader meets on Waymark's pages, explained once (issue 19.6), for the public glossary at /glossary. Each
 * term has an id for its anchor (`/glossary#quartile-band`). The DfE's symbols are read from `symbolTitles` and the
 * targets' statuses from `statusLabels` (labels.ts), the words every figure's `<abbr>` and status tag use, so the
 * glossary cannot say something else. The developers' glossary, of the words in the code, is docs/glossary.md.
 */
/** A term, what it means, and (for a symbol) more about it after the words the pages' titles use. */
export type GlossaryTerm = Readonly<{ id: string; term: string; meaning: string; more?: string }>;
export type GlossarySection = Readonly<{ id: string; heading: string; terms: readonly GlossaryTerm[] }>;

/** The anchor of a DfE symbol's entry: `symbol-c`, `symbol-low`. */
export const symbolAnchor = (symbol: string): string => `symbol-${symbol}`;

const symbolMore: Readonly<Record<string, string>> = {
  c: 'Either the publisher or Waymark hid it, so that no pupil can be identified; see suppression.',
  x: 'No figure is held for this place, year and pupil group.',
  z: 'The measure does not apply here.',
  low: 'Shown instead of 0 so that a small positive figure is not read as none.',
};

const statusMeanings: Readonly<Record<string, string>> = {
  met: 'Every condition of the target holds in the year (a target met before its deadline counts as met).',
  on_track: 'Not met yet, but the figure is at or better than the straight line from the baseline to the target.',
  off_track: 'A condition fails: the figure is behind that line, short of the target at its deadline, or worse than the comparator.',
  not_yet_due: 'The target is for a later year, and no figure yet says whether it is on track.',
  no_data: 'No figure is held for the year, so the target cannot be judged.',
};

export const glossary: readonly GlossarySection[] = [
  {
    id: 'symbols',
    heading: 'Symbols shown instead of a figure',
    terms: Object.entries(symbolTitles).map(([symbol, meaning]) => ({
      id: symbolAnchor(symbol),
      term: symbol,
      meaning,
      more: symbolMore[symbol] ?? '',
    })),
  },
  {
    id: 'numbers',
    heading: 'Numbers and units',
    terms: [
      { id: 'percent', term: '%', meaning: 'A percentage: how many in every 100, usually of the pupils a measure counts.' },
      {
        id: 'percentage-points',
        term: 'Percentage points',
        meaning: 'The difference between two percentages: from 60% to 65% is a rise of 5 percentage points (which is not a rise of 5%).',
      },
      {
        id: 'points',
        term: 'Points',
        meaning: 'The difference between two scores or rates, in the measure’s own unit: a Progress 8 score going from 0.10 to 0.25 has risen by 0.15 points.',
      },
      {
        id: 'minus-sign',
        term: 'Negative figures',
        meaning: 'Written with a minus sign (−0.25). Downloads write them as spreadsheets and programs read them (-0.25).',
      },
      {
        id: 'rounding',
        term: 'Rounding',
        meaning:
          'Figures are shown to the decimal places the DfE publishes them with, rounded once, half away from zero, as the DfE rounds (2.675 is shown as 2.68). Rounded figures may not add up exactly to a rounded total.',
      },
      {
        id: 'suppression',
        term: 'Suppression',
        meaning:
          'Hiding a figure so that no pupil can be identified: a count of 1 or 2, or a percentage of 5 or fewer pupils (or with 1 or 2 pupils counted), is shown as c, and so is any other figure from which a hidden one could be worked out by subtraction.',
      },
    ],
  },
  {
    id: 'comparisons',
    heading: 'Comparisons',
    terms: [
      {
        id: 'statistical-neighbours',
        term: 'Statistical neighbours',
        meaning:
          'The local authorities the DfE judges most like a given one by its pupils and area (10 for each LA). Their average is the plain mean of those with a figure, as the DfE’s LA Interactive Tool works it.',
      },
      {
        id: 'rank',
        term: 'Rank',
        meaning: 'A local authority’s place among those with a figure, 1 being the best: the highest where higher is better, the lowest where lower is better.',
      },
      {
        id: 'quartile-band',
        term: 'Quartile band',
        meaning: 'Which quarter of all local authorities a figure falls in: A is the best quarter, B the next, then C, and D the quarter furthest behind.',
      },
    ],
  },
  {
    id: 'measures',
    heading: 'Measures',
    terms: [
      {
        id: 'floor-standard',
        term: 'Floor standard',
        meaning:
          'The minimum the DfE expected of a school’s results in a year. A school falling short of every condition that year set was below the floor; the conditions changed over the years (for secondary schools, a Progress 8 score from 2016).',
      },
      {
        id: 'coasting',
        term: 'Coasting school',
        meaning:
          'A school below the coasting level in each of the three most recent years, as the Coasting Schools Regulations 2017 defined it for the 2016, 2017 and 2018 results: a higher bar than the floor (85% at the expected standard for primary schools, Progress 8 below −0.25 for secondary), and from 2016 failed on a progress score only where its confidence interval is below zero.',
      },
      {
        id: 'system-leader',
        term: 'System leader',
        meaning:
          'A head teacher or school the DfE or the local authority recognised to support other schools: a national or local leader of education (the head of an outstanding or good school), a teaching school, or an outstanding school with capacity. A partnership is a school supported by one of them: as a sponsored academy, in a federation, or for a time.',
      },
      {
        id: 'expected-progress',
        term: 'Expected progress',
        meaning:
          'Before 2016, the progress the DfE expected of a pupil between key stages: two national curriculum levels from key stage 1 to key stage 2, three from key stage 2 to GCSE.',
      },
      {
        id: 'attainment-8',
        term: 'Attainment 8',
        meaning:
          'A pupil’s results across eight GCSE-level qualifications, with English and mathematics counted twice, as points; a school’s or area’s figure is the average of its pupils’.',
      },
      {
        id: 'progress-8',
        term: 'Progress 8',
        meaning:
          'How far pupils’ Attainment 8 is above or below that of pupils nationally who had the same key stage 2 results. 0 is the national average; +0.5 means half a grade better in each qualification, −0.5 half a grade worse.',
      },
      {
        id: 'persistent-absence',
        term: 'Persistent absence',
        meaning: 'A pupil missing 10% or more of the sessions they could attend (15% before 2015/16, when the DfE changed the threshold).',
      },
    ],
  },
  {
    id: 'pupil-groups',
    heading: 'Pupil groups',
    terms: [
      {
        id: 'disadvantaged',
        term: 'Disadvantaged',
        meaning:
          'Pupils eligible for free school meals at any time in the last six years, and children looked after by an LA or adopted from care: those the pupil premium is paid for.',
      },
      {
        id: 'fsm',
        term: 'Free school meals (FSM)',
        meaning: 'Pupils eligible for free school meals, as their school recorded them in the school census.',
      },
      {
        id: 'sen-support',
        term: 'SEN support',
        meaning: 'Pupils with special educational needs whose support is arranged by their school, without an education, health and care plan.',
      },
      {
        id: 'ehc-plan',
        term: 'EHC plan',
        meaning:
          'An education, health and care plan: the LA’s legal statement of a child’s special educational needs and the support to meet them. It replaced the statement of SEN from September 2014.',
      },
      {
        id: 'neet',
        term: 'NEET',
        meaning:
          'Young people not in education, employment or training, as the LA tracks 16 and 17 year olds; “not known” are those whose activity it does not know.',
      },
      {
        id: 'children-missing-education',
        term: 'Children missing education',
        meaning: 'Children of compulsory school age who are not on a school roll and are not receiving a suitable education otherwise than at school.',
      },
    ],
  },
  {
    id: 'time-and-data',
    heading: 'Years and data',
    terms: [
      {
        id: 'academic-year',
        term: 'Academic year',
        meaning:
          'The school year, 1 September to 31 August, written 2014/15. A financial year (1 April to 31 March) is written the same way, a calendar year as 2016. A framework’s year 2016 is the academic year 2015/16.',
      },
      {
        id: 'data-version',
        term: 'Provisional, revised and final data',
        meaning:
          'The DfE publishes many figures first as provisional, then revised once schools have checked them, then final. Where more than one is held, pages show the latest stage.',
      },
    ],
  },
  {
    id: 'targets',
    heading: 'Targets',
    terms: Object.entries(statusLabels).map(([status, label]) => ({
      id: status.replace(/_/g, '-'),
      term: label.text,
      meaning: statusMeanings[status] ?? '',
    })),
  },
];
