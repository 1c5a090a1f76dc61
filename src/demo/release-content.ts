import type { ReleaseContent } from '../domain/releases/release.ts';
import type { TableQuery } from '../domain/tables/built-table.ts';

/**
 * The demo county's one statistical release (issue 19.7): what its LA administrator drafts and its second
 * administrator approves, so a reader of the demo finds a release on /releases as an LA's public would. Synthetic,
 * like the rest of the demo county, and said so in its summary and footnotes; the commentary describes the tables
 * without quoting figures, so it stays true whatever seed the county was built from.
 */
export const demoReleaseDrafter = 'demo-admin';
export const demoReleaseApprover = 'demo-admin-2';

export const demoReleaseContent: ReleaseContent = {
  title: 'Attainment at key stages 2 and 4, 2011/12 to 2014/15 (demo county)',
  summary:
    'The demo county’s attainment at the end of primary and secondary school against England, with the gap for disadvantaged pupils. Synthetic figures: do not quote them.',
  commentary: [
    'This release gives two measures the 2013-2016 framework sets targets on: pupils reaching level 4 or above in reading, writing and mathematics at the end of key stage 2, and pupils achieving 5 or more GCSEs at grades A* to C including English and mathematics at key stage 4.',
    'Each table gives the county’s figure for all pupils and for disadvantaged pupils, with England’s for all pupils, so the gap between disadvantaged pupils and all pupils can be read year by year beside the national figure.',
    'The key stage 4 measure changed in 2013/14, with the 2014 reforms to which qualifications count and how (a pupil’s first entry in a subject): figures from 2013/14 are not comparable with those before.',
  ].join('\n\n'),
  methodology:
    'Figures are computed by Waymark from the demo county’s pupil records under the DfE’s rule for each year, and disclosed as the public sees them: counts of 1 or 2 and percentages of fewer than 6 pupils are suppressed (c). England’s figures are the DfE’s published national figures, as the demo county’s calibration holds them.',
  footnotes: [
    'Synthetic demo data: the county’s schools, pupils and results are made up, calibrated to Kent’s published position in 2012.',
    'Disadvantaged pupils: pupils eligible for free school meals in the last six years or looked after.',
  ].join('\n'),
};

/** The release's tables, each kept as a table builder permalink when the release is drafted. */
export const demoReleaseTables: readonly TableQuery[] = [
  {
    indicators: ['ks2-level4-rwm'],
    places: ['la:886', 'country:E92000001'],
    from: '201112',
    to: '201415',
    groups: ['all', 'disadvantaged'],
  },
  {
    indicators: ['ks4-5ac-em'],
    places: ['la:886', 'country:E92000001'],
    from: '201112',
    to: '201415',
    groups: ['all', 'disadvantaged'],
  },
];
