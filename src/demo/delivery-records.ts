import type { DeliveryInput } from '../domain/framework/delivery.ts';

/**
 * The demo county's delivery records (issue 18.6): what its LA officer records for the 2013-2016 framework's delivery
 * milestones and qualitative targets (16, 34, 40 and 45; 14 is read from the system leaders' partnerships, src/demo/system-leadership.ts), so that the demo shows each kind of record and status
 * a real LA would. Synthetic, like the rest of the demo county, and said so in every entry; the dates follow the
 * national timetable where there is one (EHC plans replaced statements from 1 September 2014, Children and Families
 * Act 2014, Part 3). Each target's records are in the order they are made: the one recorded last decides a year.
 */
export const demoDeliveryFramework = 'kent-2013-2016';

/** The demo user who records them (an LA officer; demo-users.ts). */
export const demoDeliveryRecorder = 'demo-officer';

export type DemoDeliveryRecord = Readonly<{ target: string; input: DeliveryInput }>;

const judged = (target: string, year: number, on: string, status: 'met' | 'on_track' | 'off_track', evidence: string): DemoDeliveryRecord => ({
  target,
  input: { kind: 'judgement', on, year, status, evidence: `Demo county (synthetic): ${evidence}`, link: null },
});

const delivered = (target: string, on: string, evidence: string): DemoDeliveryRecord => ({
  target,
  input: { kind: 'delivered', on, year: null, status: null, evidence: `Demo county (synthetic): ${evidence}`, link: null },
});

export const demoDeliveryRecords: readonly DemoDeliveryRecord[] = [
  // 16: delivered when the SEN reforms began.
  delivered(
    'integrated-ehc-plans',
    '2014-09-01',
    'education, health and care plans issued in place of statements from 1 September 2014, with health and social care advice in every plan.',
  ),
  // 34: the programme launched for the 2014/15 cohort.
  delivered(
    'pre-apprenticeship-programme',
    '2014-09-08',
    'pre-apprenticeship and level 1 programme for 17 year olds running in every district from September 2014.',
  ),
  // 40: judged while partnerships were being formed, delivered when the last district's partnership met.
  judged(
    'district-14-19-partnerships',
    2013,
    '2013-07-12',
    'on_track',
    '14-19 partnerships meeting in nine of the twelve districts, with colleges and work based learning providers.',
  ),
  judged('district-14-19-partnerships', 2014, '2014-07-11', 'on_track', 'partnerships meeting in eleven of the twelve districts; employers joined in six.'),
  delivered('district-14-19-partnerships', '2015-03-20', 'the twelfth district partnership held its first meeting; every district has one.'),
  // 45: judged each year from the special schools' post-16 offer.
  judged('ldd-16-19-provision', 2013, '2013-07-26', 'on_track', 'post-16 provision reviewed in every special school; gaps named in two districts.'),
  judged(
    'ldd-16-19-provision',
    2014,
    '2014-07-25',
    'off_track',
    'one district still without a post-16 place for young people with profound and multiple learning difficulties.',
  ),
  judged('ldd-16-19-provision', 2015, '2015-07-24', 'on_track', 'the new post-16 unit opened; supported internships offered in four special schools.'),
  judged('ldd-16-19-provision', 2016, '2016-07-22', 'met', 'every special school offers appropriate provision to 19, checked at each school’s annual review.'),
];
