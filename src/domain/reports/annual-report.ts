import { ks2Headline, ks4Headlines } from '../indicators/year-rules.ts';
import { periodOfYear } from '../periods/period.ts';

/**
 * The annual report follows the seed's "where we are now": early years, key stages 1, 2 and 4, gaps, Ofsted, attendance
 * and exclusions, post-16. Each section names the figures it speaks of for a year, by the measures in force that year.
 */

export type ReportFigure = Readonly<{ indicator: string; breakdown: string; subject: string; gap?: Readonly<{ group: string; other: string }> }>;

export type ReportSection = Readonly<{ title: string; figures: readonly ReportFigure[] }>;

/** `year` is the framework year: 2014 is the 2013/14 academic year. */
export function annualReportSections(year: number): ReportSection[] {
  const period = periodOfYear(year, 'academic');
  const ks2 = ks2Headline(period);
  const ks4 = ks4Headlines(period);
  const ks1 = year <= 2015 ? 'ks1-l2b-rwm' : 'ks1-expected-rwm';
  const fsmGap = { group: 'fsm', other: 'not-fsm' };
  return [
    { title: 'Early years', figures: [{ indicator: 'eyfs-gld', breakdown: 'all', subject: 'children reaching a good level of development at 5' }] },
    {
      title: 'Key stage 1',
      figures: [
        {
          indicator: ks1,
          breakdown: 'all',
          subject: year <= 2015 ? 'pupils at level 2b+ in reading, writing and maths' : 'pupils at the expected standard in reading, writing and maths',
        },
      ],
    },
    {
      title: 'Key stage 2',
      figures: [
        ...(ks2 === null ? [] : [{ indicator: ks2.code, breakdown: 'all', subject: ks2.title.replace(/^KS2 /, 'pupils at KS2 at ') }]),
        ...(year <= 2012 ? [{ indicator: 'ks2-level5-english-maths', breakdown: 'all', subject: 'pupils at level 5+ in English and maths at KS2' }] : []),
      ],
    },
    {
      title: 'Key stage 4',
      figures: ks4.map((code) => ({ indicator: code, breakdown: 'all', subject: ks4Subjects[code] ?? code })),
    },
    {
      title: 'Achievement gaps',
      figures: [
        ...(ks2 === null ? [] : [{ indicator: ks2.code, breakdown: 'all', subject: 'the gap between FSM pupils and others at KS2', gap: fsmGap }]),
        { indicator: ks4[0]!, breakdown: 'all', subject: `the gap between FSM pupils and others at KS4 in ${ks4Subjects[ks4[0]!] ?? ks4[0]}`, gap: fsmGap },
      ],
    },
    {
      title: 'Ofsted',
      figures: [
        {
          indicator: 'schools-good-or-outstanding',
          breakdown: 'phase:primary-and-secondary',
          subject: 'primary and secondary schools judged good or outstanding',
        },
      ],
    },
    {
      title: 'Attendance and exclusions',
      figures: [
        { indicator: 'persistent-absence', breakdown: 'phase:primary', subject: 'persistently absent pupils in primary schools' },
        { indicator: 'persistent-absence', breakdown: 'phase:secondary', subject: 'persistently absent pupils in secondary schools' },
        { indicator: 'permanent-exclusions', breakdown: 'all', subject: 'permanent exclusions' },
      ],
    },
    {
      title: 'Post-16',
      figures: [
        { indicator: 'neet-16-17', breakdown: 'all', subject: '16-17 year olds not in education, employment or training' },
        { indicator: 'level2-english-maths-by-19', breakdown: 'all', subject: 'young people with level 2 including English and maths by 19' },
        { indicator: 'level3-by-19', breakdown: 'all', subject: 'young people qualified to level 3 by 19' },
      ],
    },
  ];
}

const ks4Subjects: Readonly<Record<string, string>> = {
  'ks4-5ac-em': 'pupils with 5+ A*-C GCSEs including English and maths',
  'ks4-attainment8': 'the average Attainment 8 score',
  'ks4-progress8': 'the average Progress 8 score',
  'ks4-a-c-english-maths': 'pupils with A*-C in English and maths',
  'ks4-grade5-english-maths': 'pupils with grade 5+ in English and maths',
};
