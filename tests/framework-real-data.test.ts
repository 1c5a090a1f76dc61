import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { appWithImports, oneObservation, readShared, type TestApp } from './support/app.ts';
import { databaseTargets } from './support/databases.ts';
import { sharedFile } from './support/shared-data.ts';
import type { ImportFile } from '../src/domain/import-file.ts';
import type { SchoolRecord } from '../src/domain/geography/register.ts';
import { keptOf } from './support/records.ts';

// Kent 2013-2016 evaluated on every shipped real file that measures one of its targets in a framework year (2013 =
// academic year 2012/13 … 2016 = 2015/16; calendar 2016 for a calendar-year indicator). The coverage table below lists
// target → file → years; each expected figure is recounted here from the file's raw rows (csv-parse, not Waymark's
// readers) or read from a named row, and each status is worked by hand beside it.
const paths = {
  laCodes: 'lait/la_code_list.csv',
  exclusions: 'exclusions-la/clean_la_data.csv',
  at19: 'attainment-age-19/l2_l3_attainment_by_19_la_2005-2025.csv',
  admissions: 'admissions-offers/appsandoffers_2014-15_to_2021-22_by_la.csv',
  laitDictionary: 'lait/lait_data_dictionary.csv',
  lait: 'lait/bds_long_kent_sn_england.csv',
  ks4in2014: 'ks4-2014-eduvis/ks4_2013-14_school_and_la.csv',
  spine: 'perf-tables-2016-2019/england_spine_2017-18.csv',
  codeNames: 'kent-postcode-district/codepoint_open_2014-08_kent_code_names.csv',
  postcodes: 'kent-postcode-district/codepoint_open_2014-08_kent_postcodes.csv',
  ks2in2016: 'perf-tables-2016-2019/ks2_school_2016.csv',
  ks4in2016: 'perf-tables-2016-2019/ks4_school_2016.csv',
  links: 'gias-links-and-trusts/links_edubasealldata20250422.csv',
  ratings: 'perf-tables-2016-2019/ofsted_ratings_history_to_2018.csv',
  inspections: 'ofsted-inspections-2013-14/ofsted_inspections_2013-09_to_2014-08.csv',
  inspectionsAutumn: 'ofsted-inspections-2013-14/ofsted_inspections_2014-10_to_2014-12.csv',
} as const;
/**
 * The England-wide school registers narrowed, after reading, to Kent's schools and every URN linked to one through the
 * succession links held (the 2017/18 spine's LA 886 rows and their chains; their scraped and official inspections):
 * the same Kent figures for a fraction of the import time (England's school-based figures are not asserted here).
 */
async function kentSchoolsOnly(read: readonly ImportFile[]): Promise<ImportFile[]> {
  const links = read.flatMap((f) => (f.format === 'gias-links' ? f.records : []));
  const spine: SchoolRecord[] = [];
  for (const f of read) if (f.format === 'performance-tables-spine') for await (const chunk of f.records([])) spine.push(...chunk);
  const kent = new Set(spine.filter((r) => r.attributes.laCode === '886').map((r) => r.urn));
  for (let size = 0; size !== kent.size;) {
    size = kent.size;
    for (const l of links) if (kent.has(l.predecessorUrn) || kent.has(l.successorUrn)) kent.add(l.predecessorUrn).add(l.successorUrn);
  }
  return read.map((f) => {
    switch (f.format) {
      case 'performance-tables-spine': {
        const las = new Map<string, { line: number; name: string | null }>();
        for (const r of spine) if (kent.has(r.urn) && !las.has(r.attributes.laCode)) las.set(r.attributes.laCode, { line: r.line, name: r.laName });
        return { ...f, summary: { las, districts: new Map() }, records: keptOf(f.records, (r) => kent.has(r.urn)) };
      }
      case 'gias-links':
        return { ...f, records: f.records.filter((r) => kent.has(r.successorUrn)) };
      case 'ofsted-ratings-history':
      case 'ofsted-inspection-outcomes':
        return { ...f, records: keptOf(f.records, (r) => kent.has(r.urn)) };
      default:
        return f;
    }
  });
}
const files = await kentSchoolsOnly(await readShared(Object.values(paths)));

type Raw = Record<string, string>;
const parsed = new Map<string, Raw[]>();
const raw = (p: string, encoding: BufferEncoding = 'utf8'): Raw[] => {
  if (!parsed.has(p)) parsed.set(p, parse<Raw>(readFileSync(sharedFile(p), encoding), { columns: true, bom: true }));
  return parsed.get(p)!;
};
const round = (x: number, dp: number) => Math.round(x * 10 ** dp) / 10 ** dp;
const sum = (rows: Raw[], column: string) => rows.reduce((a, r) => a + Number(r[column]), 0);
const years = [2013, 2014, 2015, 2016] as const;
type Year = (typeof years)[number];
const academic = (year: Year) => `${year - 1}${String(year).slice(2)}`; // 2013 → 201213

// exclusions-la/clean_la_data.csv: Kent, school_type Total, perm_excl (123, 87, 95, 58).
const exclusions = (year: Year) =>
  Number(raw(paths.exclusions).find((r) => r.la_name === 'Kent' && r.school_type === 'Total' && r.year === academic(year))!.perm_excl);

// attainment-age-19: the row of Kent (la_code_3 886) or England (la_name ALL, region ALL), gender and sen ALL, by fsm.
const at19Rows = raw(paths.at19);
const at19 = (year: Year, fsm: 'ALL' | 'Eligible for FSM' | 'Not eligible for FSM', column: string, england = false) =>
  Number(
    at19Rows.find(
      (r) =>
        r.cohort_19_in === String(year) &&
        r.gender === 'ALL' &&
        r.sen === 'ALL' &&
        r.fsm === fsm &&
        (england ? r.la_name === 'ALL' && r.region === 'ALL' : r.la_code_3 === '886'),
    )![column],
  );

// admissions-offers: Kent (old_la_code 886) Primary + Secondary rows of the entry year (time_period 201415 = framework 2015).
const admissions = (year: Year) => {
  const rows = raw(paths.admissions).filter((r) => r.old_la_code === '886' && r.time_period === academic(year));
  assert.deepEqual(rows.map((r) => r.school_phase).sort(), ['Primary', 'Secondary']);
  const applications = sum(rows, 'applications_received');
  return {
    online: (100 * sum(rows, 'online_applications')) / applications,
    first: (100 * sum(rows, 'first_preference_offers')) / applications,
    either: (100 * (sum(rows, 'first_preference_offers') + sum(rows, 'second_preference_offers'))) / applications,
  };
};

// lait/bds_long_kent_sn_england.csv: the Values cell of a Short Desc for Kent (LA Number 886) in a Years label.
const laitRows = raw(paths.lait);
const lait = (shortDesc: string, label: string) =>
  Number(laitRows.find((r) => r['Short Desc'] === shortDesc && r['LA Number'] === '886' && r.Years === label)!.Values);

/**
 * Kent's secondary schools above the 2014 floor, from ks4_2013-14_school_and_la.csv (Windows-1252 text read as
 * latin1): school rows (RECTYPE SCH, LEA 886) the 2017/18 spine places in Kent (88 of the 102; the other 14 are URNs
 * closed before 2017/18, which Waymark's register does not hold) with a published PTAC5EM_PTQ (84: four new schools
 * have none); below = under 40% 5+ A*-C with English and maths and under both 2014 medians of expected progress
 * (English 74%, maths 66%, recounted in tests/floor-standards.test.ts). 17 below, 67 of 84 above = 79.8%.
 */
function secondaryFloor2014(): { above: number; schools: number } {
  const spine = new Set(
    raw(paths.spine)
      .filter((r) => r.LA === '886')
      .map((r) => r.URN),
  );
  const num = (cell: string | undefined) => (cell === undefined || cell.trim() === '' ? null : Number(cell));
  const judged = raw(paths.ks4in2014, 'latin1').filter(
    (r) => r.RECTYPE === 'SCH' && r.LEA!.startsWith('886') && spine.has(r.URN!.replace(/\.0$/, '')) && num(r.PTAC5EM_PTQ) !== null,
  );
  const below = judged.filter((r) => num(r.PTAC5EM_PTQ)! < 40 && (num(r.PT24ENGPRG_PTQ) ?? 100) < 74 && (num(r.PT24MATHPRG_PTQ) ?? 100) < 66);
  return { above: judged.length - below.length, schools: judged.length };
}

/**
 * Kent's schools by their Ofsted grade as at 31 August, recounted from the raw rows: open state-funded schools of the
 * 2017/18 spine (LA 886; MINORGROUP Maintained School, Academy or Special School, less non-maintained special and
 * other independent schools; OPENDATE blank or on/before the day, CLOSEDATE blank or after it), each judged by the
 * latest graded inspection on or before the day of its own URN or any URN before it in the GIAS links
 * (Predecessor/Successor, with merged, amalgamated or Split School; "Result of Amalgamation" on the new school's row
 * only, not where both schools' rows carry it: that names no direction); inspections from the scraped history
 * (Outstanding 1, Good 2, Satisfactory or Requires Improvement 3, Inadequate 4) and Ofsted's 2013/14 files (Overall
 * effectiveness 1-4), the official row kept where both list a URN on one day. Special = NFTYPE naming "special";
 * primary and secondary = the rest. Under 80% of schools with a grade held gives no figure ("x").
 */
function indexInspections() {
  const links = raw(paths.links);
  const amalgamations = new Set(links.filter((l) => l.LinkType!.trim() === 'Result of Amalgamation').map((l) => `${l.URN}>${l.LinkURN}`));
  const before = new Map<string, string[]>();
  const link = (predecessor: string, successor: string) => before.set(successor, [...(before.get(successor) ?? []), predecessor]);
  for (const l of links) {
    const type = l.LinkType!.trim();
    if (type === 'Result of Amalgamation') {
      if (!amalgamations.has(`${l.LinkURN}>${l.URN}`)) link(l.LinkURN!, l.URN!);
      continue;
    }
    const m = /^(Predecessor|Successor)(?: - (merged|amalgamated|Split School))?$/.exec(type);
    if (m?.[1] === 'Predecessor') link(l.LinkURN!, l.URN!);
    else if (m?.[1] === 'Successor') link(l.URN!, l.LinkURN!);
  }
  const chain = (urn: string) => {
    const c = [urn];
    for (let i = 0; i < c.length; i++) for (const p of before.get(c[i]!) ?? []) if (!c.includes(p)) c.push(p);
    return c;
  };
  const grades = new Map<string, number | null>(); // "urn yyyymmdd" → grade
  const words: Record<string, number> = { Outstanding: 1, Good: 2, Satisfactory: 3, 'Requires Improvement': 3, Inadequate: 4 };
  for (const r of raw(paths.ratings))
    if (!grades.has(`${r.URN} ${r['Inspection Date']}`)) grades.set(`${r.URN} ${r['Inspection Date']}`, words[r.Rating!.trim()] ?? null);
  for (const r of [...raw(paths.inspections), ...raw(paths.inspectionsAutumn)]) {
    const [d, m, y] = r['Inspection start date']!.split('/');
    grades.set(`${r.URN} ${y}${m}${d}`, /^[1-4]$/.test(r['Overall effectiveness']!.trim()) ? Number(r['Overall effectiveness']) : null);
  }
  const byUrn = new Map<string, [string, number][]>();
  for (const [key, grade] of grades) {
    const [urn, date] = key.split(' ') as [string, string];
    if (grade !== null) byUrn.set(urn, [...(byUrn.get(urn) ?? []), [date, grade]]);
  }
  return { chain, byUrn };
}

let inspections: ReturnType<typeof indexInspections> | undefined;
function ofstedAsAt(year: Year, only: 'all' | 'special' | 'primary-and-secondary') {
  const day = `${year}0831`;
  const { chain, byUrn } = (inspections ??= indexInspections());
  const open = raw(paths.spine).filter(
    (s) =>
      s.LA === '886' &&
      ['Maintained School', 'Academy', 'Special School'].includes(s.MINORGROUP!) &&
      s.NFTYPE !== 'Non-maintained special school' &&
      !s.NFTYPE!.startsWith('Other independent') &&
      (s.OPENDATE === '' || s.OPENDATE! <= day) &&
      (s.CLOSEDATE === '' || s.CLOSEDATE! > day) &&
      (only === 'all' || /special/i.test(s.NFTYPE!) === (only === 'special')),
  );
  const latest = open
    .map((s) =>
      chain(s.URN!)
        .flatMap((u) => byUrn.get(u) ?? [])
        .filter(([date]) => date <= day)
        .reduce<[string, number] | null>((a, i) => (a === null || i[0] > a[0] ? i : a), null),
    )
    .filter((j) => j !== null);
  return {
    schools: open.length,
    judged: latest.length,
    good: latest.filter(([, g]) => g <= 2).length,
    inadequate: latest.filter(([, g]) => g === 4).length,
  };
}

type Target = { id: string; status: string; reason: string; value: number | null; trajectory: number | null };

type Status = 'met' | 'on_track' | 'off_track' | 'no_data';
type Expected = Readonly<{ status: Status; value: number | null }>;
type Covered = Readonly<{ number: number; id: string; file: string; years: Partial<Record<Year, Expected>> }>;
const at = (status: Status, value: number): Expected => ({ status, value });

/**
 * Coverage: each target a shipped file measures, the file, and the status and figure of each framework year it
 * measures. Figures are recounted above from the raw rows, at the catalogue's decimals (0 for online applications and
 * school shares; 1 for the rates at 19, GLD and EHC plans; 2 for offers). Statuses worked by hand in the comments.
 */
const coverage = (): Covered[] => {
  const kentL2 = (y: Year) => round(at19(y, 'ALL', 'l2_with_em_by19_rate'), 1);
  const fsmL3 = (y: Year) => round(at19(y, 'Eligible for FSM', 'l3_by19_rate'), 1);
  const gapL3 = (y: Year) => round(at19(y, 'Not eligible for FSM', 'l3_by19_rate') - at19(y, 'Eligible for FSM', 'l3_by19_rate'), 1);
  const notAt16 = (y: Year) => round(at19(y, 'ALL', 'l2_em_by19_belowat16_rate'), 1);
  const fsmL2 = (y: Year) => round(at19(y, 'Eligible for FSM', 'l2_with_em_by19_rate'), 1);
  const offers = { 2015: admissions(2015), 2016: admissions(2016) };
  const floor = secondaryFloor2014();
  const share = (y: Year, only: 'special' | 'primary-and-secondary') => {
    const o = ofstedAsAt(y, only);
    return Math.round((100 * o.good) / o.judged);
  };
  return [
    // lait/bds_long_kent_sn_england.csv FSP_NEW_GOODDEV, Years 2016 (= 2015/16; LAIT holds no year before 2016): 74.8,
    // against 72 + 8 = 80 by 2016.
    { number: 1, id: 'eyfs-good-level-of-development', file: paths.lait, years: { 2016: at('off_track', lait('FSP_NEW_GOODDEV', '2016')) } },
    // 2016 on the DfE's successors, judged by the rules that compare with England the same year (the levels on the old
    // measures are not comparable; the framework's 2012 neighbour group is made by the demo build only, so no rank is
    // judged on real files). lait/bds_long_kent_sn_england.csv, Years 2016:
    // - KS2RWM_Expected_STD: Kent 59 against England's 54, above it: met.
    { number: 5, id: 'ks2-attainment', file: paths.lait, years: { 2016: at('met', lait('KS2RWM_Expected_STD', '2016')) } },
    // - APSE_Alevel (the A level average point score per entry, the DfE's headline from 2015/16): Kent 30.79 against
    //   England's 30.44, above it: met.
    { number: 44, id: 'advanced-level-performance', file: paths.lait, years: { 2016: at('met', lait('APSE_Alevel', '2016')) } },
    // ks4_2013-14_school_and_la.csv, the LA row (RECTYPE LA, LEA 886.0): PTAC5EM_PTQ 58.1, below the line to 70 by
    // 2016 (61 + 9 × 2/4 = 65.5 in 2014).
    {
      number: 7,
      id: 'ks4-attainment',
      file: paths.ks4in2014,
      years: { 2014: at('off_track', Number(raw(paths.ks4in2014, 'latin1').find((r) => r.RECTYPE === 'LA' && r.LEA!.startsWith('886'))!.PTAC5EM_PTQ)) },
    },
    // Spine + GIAS links + scraped history + Ofsted 2013/14 files (ofstedAsAt): 14 inadequate of 487 judged on 31 August
    // 2015, 10 of 490 in 2016; none by 2015 is the target, so off track both years (2016 improved on 2015).
    {
      number: 9,
      id: 'schools-in-category-of-concern',
      file: `${paths.ratings} (with ${paths.spine}, ${paths.links}, ofsted-inspections-2013-14/)`,
      years: { 2015: at('off_track', ofstedAsAt(2015, 'all').inadequate), 2016: at('off_track', ofstedAsAt(2016, 'all').inadequate) },
    },
    // The same recount, primary and secondary: 375 of 466 (80%) in 2015, on the line from 62 (2012) to 85 (79.25 in
    // 2015); 407 of 469 (87%) in 2016, meeting 85.
    {
      number: 10,
      id: 'schools-good-or-outstanding',
      file: `${paths.ratings} (as target 9)`,
      years: { 2015: at('on_track', share(2015, 'primary-and-secondary')), 2016: at('met', share(2016, 'primary-and-secondary')) },
    },
    // Special schools: 17 of 21 (81%) in 2013 and 2014, 18 of 21 (86%) in 2015, 20 of 21 (95%) in 2016; every one by 2016
    // from 80% in 2012 puts the line at 85, 90, 95: off track each year, and short of all in 2016.
    {
      number: 11,
      id: 'special-schools-good-or-outstanding',
      file: `${paths.ratings} (as target 9)`,
      years: Object.fromEntries(years.map((y) => [y, at('off_track', share(y, 'special'))])),
    },
    // secondaryFloor2014: 67 of 84 above the 2014 floor (80%), against at least 95% by 2016.
    {
      number: 12,
      id: 'secondary-schools-above-floor',
      file: paths.ks4in2014,
      years: { 2014: at('off_track', Math.round((100 * floor.above) / floor.schools)) },
    },
    // ks2_school_2016.csv: 6 Kent schools below the 2016 floor, the count tests/floor-standards.test.ts recounts from the
    // raw rows (its "counts (2016: 6, 2017: 15, 2018: 18 …)"); none is the target. The 2016 floor is the expected
    // standard's (65%, or progress), not the 60% level 4 floor the target names: Waymark judges each year by its rule.
    { number: 13, id: 'primary-schools-below-floor', file: paths.ks2in2016, years: { 2016: at('off_track', 6) } },
    // SEN_EHC_Excpt_20wks, Years 2016 (calendar 2016, the framework's 2016 for a calendar-year indicator): 85.8, not 95.
    { number: 18, id: 'sen-assessments-in-time', file: paths.lait, years: { 2016: at('off_track', lait('SEN_EHC_Excpt_20wks', '2016')) } },
    // clean_la_data.csv, Kent Total perm_excl: 123, 87, 95, 58 against the line from 192 (2012) to 39 (2016): 153.75,
    // 115.5, 77.25 — on track, on track, off track; 58 misses fewer than 40.
    {
      number: 23,
      id: 'permanent-exclusions',
      file: paths.exclusions,
      years: {
        2013: at('on_track', exclusions(2013)),
        2014: at('on_track', exclusions(2014)),
        2015: at('off_track', exclusions(2015)),
        2016: at('off_track', exclusions(2016)),
      },
    },
    // appsandoffers…csv, Kent Primary + Secondary: entry 2014/15 (framework 2015) 30,497 of 32,759 online = 93%; 2015/16
    // 95.42% → 95, meeting 95. The file starts at 2014/15 entry.
    {
      number: 26,
      id: 'online-applications',
      file: paths.admissions,
      years: { 2015: at('off_track', round(offers[2015].online, 0)), 2016: at('met', round(offers[2016].online, 0)) },
    },
    // First preference offers 84.28% and 83.28%, not above 90%.
    {
      number: 27,
      id: 'first-preference-offers',
      file: paths.admissions,
      years: { 2015: at('off_track', round(offers[2015].first, 2)), 2016: at('off_track', round(offers[2016].first, 2)) },
    },
    // First or second 92.66% and 91.94%, not 95%.
    {
      number: 27,
      id: 'first-or-second-preference-offers',
      file: paths.admissions,
      years: { 2015: at('off_track', round(offers[2015].either, 2)), 2016: at('off_track', round(offers[2016].either, 2)) },
    },
    // l2_l3_attainment_by_19…csv l2_with_em_by19_rate, Kent against England (la_name ALL): 61.6/64.1, 63.2/65.9,
    // 65.8/68.0, 67.4/68.8 — below England every year.
    { number: 31, id: 'level2-english-maths-at-19', file: paths.at19, years: Object.fromEntries(years.map((y) => [y, at('off_track', kentL2(y))])) },
    // l3_by19_rate, Eligible for FSM: Kent 24.6, 25.1, 29.1, 25.6 against England's 35.3, 35.7, 36.4, 36.3.
    { number: 33, id: 'disadvantaged-19-outcomes', file: paths.at19, years: Object.fromEntries(years.map((y) => [y, at('off_track', fsmL3(y))])) },
    // Not eligible − Eligible l3_by19_rate, rounded once: 32.1, 32.2, 30.1, 32.4 against the line from 33 to 29.7 (32.175,
    // 31.35, 30.525): on track, off track, on track; 32.4 misses 29.7.
    {
      number: 33,
      id: 'disadvantaged-19-gap',
      file: paths.at19,
      years: { 2013: at('on_track', gapL3(2013)), 2014: at('off_track', gapL3(2014)), 2015: at('on_track', gapL3(2015)), 2016: at('off_track', gapL3(2016)) },
    },
    // l2_em_by19_belowat16_rate: 12.0, 11.4, 14.4, 17.8, far from 50 by 2016.
    { number: 41, id: 'level2-english-maths-by-17', file: paths.at19, years: Object.fromEntries(years.map((y) => [y, at('off_track', notAt16(y))])) },
    // l2_with_em_by19_rate, Eligible for FSM: 2012 27.32 (the baseline held) + 20% = 32.79 by 2016; 29.2 and 31.5 are at
    // or above the line (28.7, 30.1), 35.8 and 37.0 meet it.
    {
      number: 42,
      id: 'low-income-level2-and-3',
      file: paths.at19,
      years: { 2013: at('on_track', fsmL2(2013)), 2014: at('on_track', fsmL2(2014)), 2015: at('met', fsmL2(2015)), 2016: at('met', fsmL2(2016)) },
    },
  ];
};

/**
 * Targets a shipped file touches but cannot measure in a framework year, each with the reason the evaluation gives.
 */
const notMeasured: readonly Readonly<{ number: number; id: string; years: readonly Year[]; file: string; why: string; reason: RegExp }>[] = [
  // The EYFSP SDG file holds the all-ELGs measure (eyfs-all-elgs-expected), not GLD; LAIT holds GLD from 2016 only.
  {
    number: 1,
    id: 'eyfs-good-level-of-development',
    years: [2013, 2014, 2015],
    file: 'eyfsp-la-sdg/ (all ELGs, not GLD)',
    why: 'no GLD figure before 2016',
    reason: /^No figure for 201[345]\./,
  },
  // The KS4 2013/14 LA row splits 5+ A*-C EM by disadvantage (PTAC5EMFSM_PTQ 30.6 = FSM in 6 years or looked after),
  // not by FSM, the group the target reads; no FSM split is shipped for 2014.
  { number: 8, id: 'ks4-fsm-gap', years: [2014], file: paths.ks4in2014, why: 'disadvantaged, not FSM', reason: /none for 2013\/14 are imported/ },
  // Under 80% of open schools have a grade held on 31 August 2013 (399 of 574) and 2014 (457 of 574, 79.6%).
  {
    number: 9,
    id: 'schools-in-category-of-concern',
    years: [2013, 2014],
    file: paths.ratings,
    why: '"x": under 80% of schools graded',
    reason: /^No figure for 201[34]\./,
  },
  {
    number: 10,
    id: 'schools-good-or-outstanding',
    years: [2013, 2014],
    file: paths.ratings,
    why: '"x": under 80% of schools graded',
    reason: /^No figure for 201[34]\./,
  },
  // ks4_school_2016.csv holds Progress 8 without its confidence interval: a school below −0.5 cannot be judged (6 such).
  {
    number: 12,
    id: 'secondary-schools-above-floor',
    years: [2016],
    file: paths.ks4in2016,
    why: '"x": Progress 8 interval not in the file',
    reason: /^No figure for 2016\./,
  },
  // Teaching is judged only by the 2013/14 and autumn 2014 inspections: 156 of 552 schools have a judgement held in 2014.
  {
    number: 15,
    id: 'teaching-consistently-good',
    years: [2014, 2015, 2016],
    file: paths.inspections,
    why: '"x": under 80% of schools with a teaching judgement',
    reason: /held as "x" \(not available\): where under 80% of the place's schools have one held/,
  },
  // LAIT's 2016 Attainment 8 (AVG_Attain8_Score, Kent 50.4) is read by target 7's neighbour rank alone, and the
  // framework's 2012 neighbour group is made only by the demo build: no rank, so no status.
  { number: 7, id: 'ks4-attainment', years: [2016], file: paths.lait, why: 'rank only, no 2012 neighbour group', reason: /no neighbour ranking for 2016/ },
  // LAIT's 2016 persistent absence (TotPerAbNew 11.34) is on the 10% threshold; the target sets levels on the 15% one,
  // which from 2015/16 only the LA's own pupil records can count (persistent-absence-15-percent), and none are shipped.
  {
    number: 21,
    id: 'persistent-absence-primary',
    years: [2016],
    file: paths.lait,
    why: 'the 15% rule is counted from pupil records only after 2014/15',
    reason: /on the 15% rule \(56 sessions\) is computed from pupil records, and none for 2015\/16 are imported/,
  },
];

for (const target of databaseTargets()) {
  describe(`Kent 2013-2016 on the real published figures (${target.name})`, () => {
    let t: TestApp;
    const evaluations = new Map<number, Target[]>(); // one evaluation per year: the store does not change after before()
    const evaluate = async (year: number, id: string): Promise<Target> => {
      if (!evaluations.has(year)) {
        const response = await t.app.inject(`/api/v1/frameworks/kent-2013-2016/evaluation?year=${year}`);
        assert.equal(response.statusCode, 200, response.body);
        evaluations.set(year, response.json<{ targets: Target[] }>().targets);
      }
      return evaluations.get(year)!.find((x) => x.id === id)!;
    };
    before(async () => {
      t = await appWithImports(target, files);
    });
    after(() => t.close());

    it('permanent exclusions (target 23): 123 in 2012/13 is on track, 95 in 2014/15 off track, 58 in 2015/16 misses fewer than 40', async () => {
      // Baseline 192 (seed, 2012) to 39 (2016): the line is at 153.75 in 2013, 115.5 in 2014, 77.25 in 2015.
      // clean_la_data.csv, Kent, Total: 123 (201213), 87 (201314), 95 (201415), 58 (201516).
      const y2013 = await evaluate(2013, 'permanent-exclusions');
      assert.deepEqual([y2013.status, y2013.value, y2013.trajectory], ['on_track', 123, 153.75]);
      assert.deepEqual([(await evaluate(2014, 'permanent-exclusions')).status, (await evaluate(2014, 'permanent-exclusions')).value], ['on_track', 87]);
      const y2015 = await evaluate(2015, 'permanent-exclusions');
      assert.deepEqual([y2015.status, y2015.value], ['off_track', 95]);
      const y2016 = await evaluate(2016, 'permanent-exclusions');
      assert.deepEqual([y2016.status, y2016.value], ['off_track', 58]);
      assert.match(y2016.reason, /58 against the 2016 target of at most 39: 19 short/);
    });

    it('never sets Kent’s count of permanent exclusions against England’s count (issue 11 point 14)', async () => {
      // clean_la_data.csv 201516 Total: Kent 58 of 224,420 pupils, England 6,685 of 7,916,225. Before, the reason ended
      // "England 6685", a count forty times Kent's pupils; a count is set against England only as a rate of its whole,
      // and the permanent-exclusions rows carry none (the rate is its own indicator, permanent-exclusion-rate).
      const y2016 = await evaluate(2016, 'permanent-exclusions');
      assert.doesNotMatch(y2016.reason, /England 6685/);
      assert.doesNotMatch(y2016.reason, /England \d+(\.|;|$)/);
    });

    it('admissions (targets 26 and 27) read all applicants: the two phases’ counts added, never “no data” (issue 11)', async () => {
      // appsandoffers_2014-15_to_2021-22_by_la.csv, Kent (old_la_code 886), Primary + Secondary rows, worked by hand:
      // entry 2015/16: 33,308 applications, 31,784 online (95.42%), 27,738 first preference offers (83.28%), 27,738 + 2,884
      // second = 30,622 first or second (91.94%). Entry 2014/15: 30,497 of 32,759 online (93.10%), 84.28% first, 92.66% either.
      const online = await evaluate(2016, 'online-applications');
      const first = await evaluate(2016, 'first-preference-offers');
      const either = await evaluate(2016, 'first-or-second-preference-offers');
      for (const t of [online, first, either]) assert.notEqual(t.status, 'no_data', t.reason);
      // The framework's 2016 is the 2015/16 entry; values are shown at the catalogue's decimals (0 for online, 2 for offers).
      assert.deepEqual(
        [online, first, either].map((t) => t.value),
        [95, 83.28, 91.94],
      );
      // 95.42% online meets "95% by 2016"; 83.28% first preferences is not "above 90%", 91.94% first or second not 95%.
      assert.deepEqual(
        [online, first, either].map((t) => t.status),
        ['met', 'off_track', 'off_track'],
      );
    });

    it('level 2 with English and maths at 19 (target 31) is below England every year: 61.6% against 64.1% in 2013', async () => {
      const y2013 = await evaluate(2013, 'level2-english-maths-at-19');
      assert.equal(y2013.status, 'off_track');
      assert.match(y2013.reason, /61\.6%, worse than England \(64\.1%\)/);
    });

    it('the level 3 gap at 19 (target 33): 32.1 points in 2013 is on the line to 29.7, 32.4 in 2016 misses it', async () => {
      // Gap = not FSM − FSM of the unrounded rates the file gives (l3_by19_rate, Kent, all genders and SEN), rounded once
      // (issue 11.9): 2013 56.73424587 − 24.64646465 = 32.088 → 32.1; 2016 58.06081856 − 25.64855605 = 32.412 → 32.4
      // (the rounded rates, 58.1 − 25.6, would give 32.5).
      // Target: 33 (seed baseline) less 10% = 29.7 by 2016; the line is at 33 − 3.3 × 1/4 = 32.175 in 2013.
      const y2013 = await evaluate(2013, 'disadvantaged-19-gap');
      assert.deepEqual([y2013.status, y2013.value], ['on_track', 32.1]);
      const y2016 = await evaluate(2016, 'disadvantaged-19-gap');
      assert.deepEqual([y2016.status, y2016.value], ['off_track', 32.4]);
      assert.match(y2016.reason, /32\.4 points against the 2016 target of 29\.7 points \(10% on the 2012 baseline of 33\.0 points\): 2\.7 points short/);
    });

    it('evaluates every target a shipped file measures, in every year it measures it (issue 18): the coverage table', async () => {
      const rows = coverage();
      // The recounts behind the hand-worked comments.
      assert.deepEqual(ofstedAsAt(2015, 'all'), { schools: 574, judged: 487, good: 393, inadequate: 14 });
      assert.deepEqual(ofstedAsAt(2016, 'primary-and-secondary'), { schools: 552, judged: 469, good: 407, inadequate: 10 });
      assert.deepEqual(secondaryFloor2014(), { above: 67, schools: 84 });
      for (const row of rows)
        for (const [year, expected] of Object.entries(row.years)) {
          const got = await evaluate(Number(year), row.id);
          const where = `target ${row.number} ${row.id} ${year} (${row.file}): ${got.reason}`;
          assert.notEqual(got.status, 'no_data', where);
          assert.deepEqual({ status: got.status, value: got.value }, expected, where);
        }
      // Every framework target with an indicator a shipped file feeds is in one of the two tables.
      assert.deepEqual(
        [...new Set([...rows, ...notMeasured].map((r) => r.number))].sort((a, b) => a - b),
        [1, 5, 7, 8, 9, 10, 11, 12, 13, 15, 18, 21, 23, 26, 27, 31, 33, 41, 42, 44],
      );
    });

    it('says why a shipped file touching a target gives no figure in a framework year', async () => {
      for (const row of notMeasured)
        for (const year of row.years) {
          const got = await evaluate(year, row.id);
          assert.equal(got.status, 'no_data', `target ${row.number} ${row.id} ${year}: ${row.why}`);
          assert.match(got.reason, row.reason, `target ${row.number} ${row.id} ${year}: ${row.why}`);
        }
    });

    it('holds the KS4 2013/14 split as disadvantaged against other pupils, not FSM (target 8 has no 2014 figure)', async () => {
      // ks4_2013-14_school_and_la.csv, Kent LA row: PTAC5EMFSM_PTQ 30.6 and PTAC5EMNFSM_PTQ 65.3 (disadvantaged pupils
      // and the rest, per ks4_2013-14_meta.csv), stored under those breakdowns; none under fsm.
      const q = (breakdown: string) => `indicator=ks4-5ac-em&place=886&period=201314&breakdown=${breakdown}&basis=published`;
      assert.equal((await oneObservation<{ value: number }>(t.app, q('disadvantaged'))).value, 30.6);
      assert.equal((await oneObservation<{ value: number }>(t.app, q('not-disadvantaged'))).value, 65.3);
      const fsm = await t.app.inject(`/api/v1/observations?${q('fsm')}`);
      assert.deepEqual(fsm.json<{ observations: unknown[] }>().observations, []);
    });

    it('holds "x" for the 2016 secondary floor: 6 schools below −0.5 whose interval ks4_school_2016.csv lacks', async () => {
      const got = await oneObservation<{ symbol: string; detail: { undecided: number; below: number } }>(
        t.app,
        'indicator=secondary-schools-above-floor&place=886&period=201516',
      );
      assert.deepEqual([got.symbol, got.detail.undecided, got.detail.below], ['x', 6, 0]);
    });

    it('targets no file covers show no data', async () => {
      for (const id of ['ks2-attainment', 'schools-in-category-of-concern', 'online-applications'])
        assert.equal((await evaluate(2014, id)).status, 'no_data', id);
    });
  });
}
