import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { kentApprentices, kentExclusions, kentSupportedEmployment } from '../src/demo/calibration.ts';
import { generateCounty } from '../src/demo/generate-county.ts';
import { generateInspections } from '../src/demo/generate-inspections.ts';
import { generatePupilFiles } from '../src/demo/generate-pupils.ts';
import { laOfficerDisclosure, publicDisclosure } from '../src/domain/indicators/disclosure.ts';
import type { PupilRecord } from '../src/domain/pupils/pupil-record.ts';
import { inspectionHistory, predecessorsOf } from '../src/domain/schools/inspection-history.ts';
import { appWithImports, type TestApp } from './support/app.ts';
import { databaseTargets } from './support/databases.ts';

// Issue 15's acceptance check for the demo county in one build: every target the casework feeds (SEN 17-19, CME 20
// and 28, inclusion 22-24, participation 25, 30 and 46), issue 16's admissions targets 26 and 27, and the LA-return and FE
// starts targets 35 and 39, has a status other than "no data" in each framework year
// 2013-2016, with its figure and a reason, as the public evaluation reads it; so do the Ofsted targets 11 and 15 (issue 18.3). The build's years are academic start
// years, as every demo step reads them: 2012-2015 are the framework's 2013-2016, and 2011 (the framework's 2012) is the
// baseline year-on-year rules compare with. One build is slow (five years of pupil files), so it runs on the first
// database only; the per-team tests run on both.

type Evaluated = { targets: { id: string; number: number | null; status: string; reason: string; value: number | null }[] };

const targetIds: readonly (readonly [number, string])[] = [
  [11, 'special-schools-good-or-outstanding'],
  [15, 'teaching-consistently-good'],
  [17, 'statutory-sen-response'],
  [18, 'sen-assessments-in-time'],
  [19, 'independent-special-placements'],
  [20, 'every-child-on-roll'],
  [22, 'children-in-care-not-excluded'],
  [23, 'permanent-exclusions'],
  [24, 'alternative-curriculum-outcomes'],
  [25, 'pru-positive-destinations'],
  [26, 'online-applications'],
  [27, 'first-preference-offers'],
  [27, 'first-or-second-preference-offers'],
  [28, 'children-missing-education-placed'],
  [30, 'neet-16-18'],
  [35, 'vocational-training-skills-shortage'],
  [39, 'ldd-assisted-employment'],
  [46, 'tracking-16-19'],
];

// Target lines whose measure ended in 2014/15 and whose 2016 is judged on a relative-only successor (the expected
// standard, Attainment 8), by their England and neighbour rules only (frameworks/kent-2013-2016.yaml).
const successorLines = ['ks1-attainment', 'ks2-attainment', 'ks4-attainment', 'ks2-fsm-gap', 'ks4-fsm-gap', 'children-in-care-attainment'];

describe('the demo county gives every casework target a status in 2013-2016', () => {
  let t: TestApp;
  let deliveryRecorded = 0;
  let partnershipsRecorded = 0;
  const evaluated = new Map<number, Map<string, Evaluated['targets'][number]>>();

  before(async () => {
    t = await appWithImports(databaseTargets()[0]!, []);
    await t.services.demo.build(2013, () => {}, { pupilYears: [2011, 2012, 2013, 2014, 2015] });
    // The demo officer's delivery records (src/demo/delivery-records.ts), as a first start adds them.
    await t.services.accounts.ensureDemoUsers();
    deliveryRecorded = await t.services.delivery.ensureDemoDelivery();
    partnershipsRecorded = await t.services.leadership.ensureDemoLeadership();
    for (const year of [2013, 2014, 2015, 2016]) {
      const response = await t.app.inject(`/api/v1/frameworks/kent-2013-2016/evaluation?year=${year}`);
      assert.equal(response.statusCode, 200, response.body);
      evaluated.set(year, new Map(response.json<Evaluated>().targets.map((x) => [x.id, x])));
      for (const [, id] of targetIds) {
        const x = evaluated.get(year)!.get(id);
        console.log(`${year} ${id}: ${x?.status} ${x?.value} ${id === 'underperforming-schools-supported' ? x?.reason : ''}`);
      }
      for (const id of successorLines) {
        const x = evaluated.get(year)!.get(id);
        if (year === 2016) console.log(`${year} ${id}: ${x?.status} ${x?.value} ${x?.reason}`);
      }
    }
  });
  after(async () => t?.close());

  for (const [number, id] of targetIds)
    it(`target ${number} (${id}) has a status, a figure and a reason in each of 2013-2016`, () => {
      for (const year of [2013, 2014, 2015, 2016]) {
        const x = evaluated.get(year)!.get(id);
        assert.ok(x !== undefined, `${id} in the framework`);
        assert.equal(x.number, number);
        assert.notEqual(x.status, 'no_data', `${year} target ${number}: ${x.reason}`);
        assert.equal(typeof x.value, 'number', `${year} target ${number}`);
        assert.ok(x.reason.length > 10, `${year} target ${number}: ${x.reason}`);
      }
    });

  it('evaluates targets 26 and 27 from the same records the round pages count: both phases’ offers added', async () => {
    // The framework's 2016 is the entry of September 2015 (2015/16). The pages' counts (services.admissions.round, the
    // DfE's definitions over the held applications and offers) of the Reception and Year 7 rounds, added, give the
    // figures the targets read: online applications, first preference, first or second preference, of all applications.
    const rounds = (await t.services.admissions.rounds()).filter((r) => r.entryYear === 2015);
    assert.deepEqual(rounds.map((r) => r.phase).sort(), ['primary', 'secondary']);
    const counts = await Promise.all(rounds.map(async (r) => (await t.services.admissions.round(r.id)).counts));
    const sum = (pick: (c: (typeof counts)[number]) => number) => counts.reduce((total, c) => total + pick(c), 0);
    const applications = sum((c) => c.applications);
    // A target is judged on its figure at the indicator's published precision (indicators/admissions-and-places.yaml:
    // online applications to whole percentages, offers to 2 decimal places), so the sums are rounded the same way.
    const expected: readonly (readonly [string, number, number])[] = [
      ['online-applications', (100 * sum((c) => c.online)) / applications, 0],
      ['first-preference-offers', (100 * sum((c) => c.firstPreference)) / applications, 2],
      ['first-or-second-preference-offers', (100 * sum((c) => c.firstPreference + c.secondPreference)) / applications, 2],
    ];
    for (const [id, value, places] of expected) {
      const x = evaluated.get(2016)!.get(id)!;
      const rounded = Math.round(value * 10 ** places) / 10 ** places;
      assert.ok(Math.abs(x.value! - rounded) < 1e-9, `${id}: ${x.value} against ${value} (${rounded})`);
    }
  });

  it('lets target 22 move: the children in care excluded fall to none by 2016, and the target is met then', () => {
    // calibration.ts: 5, 4 and 3 children in care permanently excluded in 2012/13-2014/15 and none in 2015/16; each of
    // them has been in care longer than the twelve months to 31 March the figure asks, so the figure is that count.
    const values = [2013, 2014, 2015, 2016].map((year) => evaluated.get(year)!.get('children-in-care-not-excluded')!.value);
    assert.deepEqual(
      values,
      ['201213', '201314', '201415', '201516'].map((period) => kentExclusions[period]!.inCarePermanent),
    );
    assert.equal(evaluated.get(2015)!.get('children-in-care-not-excluded')!.status, 'off_track');
    assert.equal(evaluated.get(2016)!.get('children-in-care-not-excluded')!.status, 'met');
  });

  it('keeps target 23 at the census figures calibration.ts sets, the in-care choice changing only who is excluded', () => {
    // calibration.ts kentExclusions (from the seed's 192 in 2011/12): 150, 118, 96 and 80 in 2012/13-2015/16.
    const values = [2013, 2014, 2015, 2016].map((year) => evaluated.get(year)!.get('permanent-exclusions')!.value);
    assert.deepEqual(values, [150, 118, 96, 80]);
  });

  it("judges the delivery milestones and qualitative targets from the demo officer's records, audited, once", async () => {
    // Expected statuses worked by hand from src/demo/delivery-records.ts and the rule (domain/framework/delivery.ts):
    // a delivery counts from the framework year its date falls in (1 September 2014 is in 2014/15, the framework's
    // 2015), a judgement decides its own year, the record made last wins, and with none a milestone due by 2016 is not
    // yet due before then.
    const expected: Readonly<Record<string, readonly string[]>> = {
      'integrated-ehc-plans': ['not_yet_due', 'not_yet_due', 'met', 'met'],
      'pre-apprenticeship-programme': ['not_yet_due', 'not_yet_due', 'met', 'met'],
      'district-14-19-partnerships': ['on_track', 'on_track', 'met', 'met'],
      'ldd-16-19-provision': ['on_track', 'off_track', 'on_track', 'met'],
    };
    for (const [id, statuses] of Object.entries(expected))
      assert.deepEqual(
        [2013, 2014, 2015, 2016].map((year) => evaluated.get(year)!.get(id)!.status),
        statuses,
        id,
      );
    assert.equal(deliveryRecorded, 9, 'every record of src/demo/delivery-records.ts');
    assert.equal(await t.services.delivery.ensureDemoDelivery(), 0, 'a second start adds nothing');
    let audited = 0;
    for await (const e of t.database.store.audit.inOrder()) if (e.action === 'delivery.record') audited++;
    assert.equal(audited, 9, 'each record audited');
  });

  it('reads targets 35-39 from the demo’s FE starts, supported employment return, claimant count, HR return and school survey, and 47 for each of the five districts', async () => {
    for (const year of [2013, 2014, 2015, 2016]) {
      for (const id of ['kcc-apprentices', 'schools-providing-apprenticeships', 'unemployment-18-24']) {
        const x = evaluated.get(year)!.get(id)!;
        assert.notEqual(x.status, 'no_data', `${year} ${id}: ${x.reason}`);
        assert.equal(typeof x.value, 'number', `${year} ${id}`);
      }
      // Target 36 reads the financial year ending in the framework year: calibration.ts's 2012-13 for 2013, and so on.
      assert.equal(evaluated.get(year)!.get('kcc-apprentices')!.value, kentApprentices[year - 1]!.takenOn, `${year} apprentices`);
    }
    // Targets 35 and 39 read the academic year ending in the framework year, each against its 2012 figure (2011/12):
    // the demo's FE starts file in the DfE's layout, summed over Kent's default skills shortage areas (3,100 in 2011/12,
    // src/demo/employment-files.test.ts), and its supported employment return (160 in 2011/12; calibration.ts). Both
    // pass the rise the seed asks for (10% and 15%) by 2016, so both are met then.
    assert.deepEqual(
      [2013, 2014, 2015, 2016].map((year) => evaluated.get(year)!.get('vocational-training-skills-shortage')!.value),
      [3050, 3070, 3330, 3580],
    );
    assert.deepEqual(
      [2013, 2014, 2015, 2016].map((year) => evaluated.get(year)!.get('ldd-assisted-employment')!.value),
      [2012, 2013, 2014, 2015].map((start) => Object.values(kentSupportedEmployment[start]!).reduce((a, b) => a + b, 0)),
    );
    for (const id of ['vocational-training-skills-shortage', 'ldd-assisted-employment']) assert.equal(evaluated.get(2016)!.get(id)!.status, 'met', id);
    // The seed's "nearly 10,000" in 2012 falls in the demo to 3,500 by 2016 (calibration.ts, each month rounded to 5):
    // past the 6,000 the target asks for, so it is met by 2016.
    assert.ok(Math.abs(evaluated.get(2016)!.get('unemployment-18-24')!.value! - 3500) <= 2.5);
    assert.equal(evaluated.get(2016)!.get('unemployment-18-24')!.status, 'met');
    // Target 47, district by district against England: Thanet stays above England in 2016, Swale falls below it.
    const statuses = new Map<string, string>();
    for (const [code, name] of [
      ['E07000114', 'Thanet'],
      ['E07000113', 'Swale'],
      ['E07000112', 'Shepway'],
      ['E07000109', 'Gravesham'],
      ['E07000108', 'Dover'],
    ] as const)
      for (const year of [2013, 2014, 2015, 2016]) {
        const response = await t.app.inject(`/api/v1/frameworks/kent-2013-2016/evaluation?year=${year}&place=${code}`);
        assert.equal(response.statusCode, 200, response.body);
        const x = response.json<Evaluated>().targets.find((target) => target.id === 'youth-unemployment-zones')!;
        assert.notEqual(x.status, 'no_data', `${year} ${name}: ${x.reason}`);
        assert.equal(typeof x.value, 'number', `${year} ${name}`);
        statuses.set(`${name} ${year}`, x.status);
      }
    console.log([...statuses].map(([k, v]) => `${k}: ${v}`).join('; '));
    assert.notEqual(statuses.get('Thanet 2016'), 'met');
    assert.equal(statuses.get('Swale 2016'), 'met');
    // Kent's line is read from the five districts the target names: off track in a year any of them is, met only when
    // all five are; it has no figure of its own, and its reason names each district.
    for (const year of [2013, 2014, 2015, 2016]) {
      const kent = evaluated.get(year)!.get('youth-unemployment-zones')!;
      const five = [...statuses].filter(([k]) => k.endsWith(` ${year}`)).map(([, v]) => v);
      const expected = five.includes('off_track') ? 'off_track' : five.every((s) => s === 'met') ? 'met' : 'on_track';
      assert.equal(kent.status, expected, `${year}: ${kent.reason}`);
      assert.equal(kent.value, null);
      for (const name of ['Thanet', 'Swale', 'Shepway', 'Gravesham', 'Dover']) assert.match(kent.reason, new RegExp(`${name}: `));
    }
    // A district the target does not name is not judged on it.
    const ashford = await t.app.inject('/api/v1/frameworks/kent-2013-2016/evaluation?year=2016&place=E07000105');
    const notNamed = ashford.json<Evaluated>().targets.find((target) => target.id === 'youth-unemployment-zones')!;
    assert.equal(notNamed.status, 'no_data');
    assert.match(notNamed.reason, /^Set for Thanet, Swale, Shepway, Gravesham and Dover, not for Ashford\.$/);
  });

  it('reads targets 11 and 15 from the demo’s inspections: special schools good or outstanding, and schools whose teaching is', () => {
    // Counted here from the generated inspections, as at 31 August of the framework year (the framework's 2013 is
    // 2012/13), over the open state-funded schools: target 11 the special schools by their latest graded inspection
    // (inspectionHistory, a predecessor's carried); target 15 every school by the latest inspection of it or a
    // predecessor that records the quality of teaching (under either column the demo writes). The figures are shown
    // to whole percentages.
    const county = generateCounty(2013);
    const inspections = generateInspections(county, 2013);
    const teachingOf = (urn: string, asAt: string) => {
      const chain = predecessorsOf(urn, county.successions);
      const held = inspections.filter((i) => chain.includes(i.urn) && i.startedOn <= asAt).sort((a, b) => b.startedOn.localeCompare(a.startedOn));
      const latest = held.find((i) => Object.values(i.judgements).some((g) => g !== null));
      return latest === undefined ? null : Object.values(latest.judgements)[0]!;
    };
    for (const year of [2013, 2014, 2015, 2016]) {
      const asAt = `${year}-08-31`;
      const open = county.schools.filter(
        (s) => s.attributes.stateFunded && (s.openedOn === null || s.openedOn <= asAt) && (s.closedOn === null || s.closedOn > asAt),
      );
      const special = open
        .filter((s) => s.attributes.sector === 'special')
        .map((s) => inspectionHistory(s.urn, county.successions, inspections, asAt).current?.grade ?? null)
        .filter((g) => g !== null);
      const teaching = open.map((s) => teachingOf(s.urn, asAt)).filter((g) => g !== null);
      const shares: readonly (readonly [string, number, number])[] = [
        ['special-schools-good-or-outstanding', (100 * special.filter((g) => g <= 2).length) / special.length, 100],
        ['teaching-consistently-good', (100 * teaching.filter((g) => g <= 2).length) / teaching.length, 90],
      ];
      for (const [id, share, goal] of shares) {
        const x = evaluated.get(year)!.get(id)!;
        assert.ok(Math.abs(x.value! - share) <= 0.5, `${year} ${id}: ${x.value} against ${share}`);
        // At the deadline the target is met or not on the figure as shown.
        if (year === 2016) assert.equal(x.status, x.value! >= goal ? 'met' : 'off_track', `${id}: ${x.reason}`);
      }
    }
  });

  it('reads attainment by 19 (targets 31, 33, 41, 42) from the demo’s file in the DfE’s published layout, at Kent’s published figures', () => {
    // The DfE's published Kent figures (../shared/data/public/attainment-age-19, cohorts 2013-2016, read from the file
    // with a CSV reader, not from calibration.ts): level 2 with English and maths by 19, all young people; and the level
    // 3 gap between those not eligible for FSM at 15 and those eligible. The demo's counts are rounded from rates at one
    // decimal, so its figures agree to about 0.1.
    const l2em = [61.6, 63.21, 65.78, 67.38];
    const level3Gap = [56.73 - 24.65, 57.31 - 25.13, 59.27 - 29.13, 58.06 - 25.65];
    [2013, 2014, 2015, 2016].forEach((year, i) => {
      for (const id of [
        'level2-english-maths-at-19',
        'disadvantaged-19-outcomes',
        'disadvantaged-19-gap',
        'level2-english-maths-by-17',
        'low-income-level2-and-3',
      ]) {
        const x = evaluated.get(year)!.get(id)!;
        assert.notEqual(x.status, 'no_data', `${year} ${id}: ${x.reason}`);
      }
      assert.ok(Math.abs(evaluated.get(year)!.get('level2-english-maths-at-19')!.value! - l2em[i]!) < 0.15, `${year} level 2 with English and maths`);
      assert.ok(Math.abs(evaluated.get(year)!.get('disadvantaged-19-gap')!.value! - level3Gap[i]!) < 0.15, `${year} level 3 gap`);
    });
  });

  it('reads the 2016 persistent absence lines (targets 21 and 22) on the 15% rule, counted again from the demo’s census', () => {
    // The targets were set on the DfE's 2012/13-2014/15 rule: 56 or more sessions missed over six half-terms, of
    // enrolments with possible sessions (DfE, A guide to absence statistics, March 2016, §3.2.1). The framework's 2016 is
    // 2015/16, when the DfE counted 10% instead; the demo's census of that year is generated again here and counted on
    // the 15% rule, by phase and for children in care, and compared with the figure shown (one decimal place).
    const census = [...generatePupilFiles(generateCounty(2013), 2013, [2015])].find((f) => f.collection === 'census')!.records as PupilRecord<'census'>[];
    const rate = (rows: readonly PupilRecord<'census'>[]) => {
      const counted = rows.filter((r) => r.possibleSessions > 0);
      return (100 * counted.filter((r) => r.missedSessions >= 56).length) / counted.length;
    };
    const lines: readonly (readonly [string, number])[] = [
      ['persistent-absence-primary', rate(census.filter((r) => r.phase === 'primary'))],
      ['persistent-absence-secondary', rate(census.filter((r) => r.phase === 'secondary'))],
      ['children-in-care-persistent-absence', rate(census.filter((r) => r.inCare))],
    ];
    for (const [id, expected] of lines) {
      const x = evaluated.get(2016)!.get(id)!;
      assert.notEqual(x.status, 'no_data', `${id}: ${x.reason}`);
      assert.ok(Math.abs(x.value! - expected) <= 0.05 + 1e-9, `${id}: ${x.value} against ${expected}`);
      console.log(`2016 ${id} on the 15% rule: ${x.status} ${x.value} (${expected.toFixed(3)}): ${x.reason}`);
    }
  });

  it('judges the demo’s primaries coasting in 2016 as the regulations’ thresholds give it, recounted from the three years’ floor figures', async () => {
    // domain.md §2.3, worked by hand here from each year's figures as the floor listing reads them (not through
    // domain/schools/coasting.ts): 2014 under 85% level 4+ RWM and expected progress below 94, 96 and 93 in reading,
    // writing and maths; 2015 the same against 94, 97 and 93; 2016 under 85% at the expected standard and a progress
    // score below −2.5 reading, −3.5 writing or −2.5 maths whose upper confidence limit is below zero.
    const years = await Promise.all(['201314', '201415', '201516'].map((p) => t.services.floors.floorStandards('886', 'primary', p, laOfficerDisclosure)));
    const figuresIn = years.map((y) => new Map(y.schools.map((s) => [s.urn, s.figures])));
    const levels = (medians: readonly number[]) => (f: (typeof years)[number]['schools'][number]['figures'] | undefined) =>
      f !== undefined &&
      f.attainment !== null &&
      f.attainment < 85 &&
      [f.expectedProgress?.reading, f.expectedProgress?.writing, f.expectedProgress?.maths].every((v, i) => v != null && v < medians[i]!);
    const scores = (f: (typeof years)[number]['schools'][number]['figures'] | undefined) =>
      f !== undefined &&
      f.attainment !== null &&
      f.attainment < 85 &&
      (
        [
          ['reading', -2.5],
          ['writing', -3.5],
          ['maths', -2.5],
        ] as const
      ).some(([s, limit]) => f.progress?.[s] != null && f.progress[s] < limit && f.progressUpper?.[s] != null && f.progressUpper[s] < 0);
    const expected = years[2]!.schools
      .filter((s) => levels([94, 96, 93])(figuresIn[0]!.get(s.urn)) && levels([94, 97, 93])(figuresIn[1]!.get(s.urn)) && scores(s.figures))
      .map((s) => s.urn)
      .sort();
    const listing = await t.services.floors.coasting('886', 'primary', '201516', laOfficerDisclosure);
    console.log(`2016 primary coasting on the demo: ${listing.coasting.length} of ${listing.schools.length}, ${listing.undecided.length} undecided`);
    assert.ok(listing.inForce);
    assert.deepEqual(listing.coasting.map((s) => s.urn).sort(), expected);
    assert.ok(expected.length > 0, 'some demo primaries coast');
    // Every year's figures are computed from the demo's pupil records, so each school with three years held is decided.
    const threeYears = listing.schools.filter((s) => figuresIn[0]!.has(s.urn) && figuresIn[1]!.has(s.urn));
    assert.deepEqual(
      threeYears.filter((s) => s.result.coasting === null).map((s) => `${s.urn}: ${s.result.reason}`),
      [],
    );
    // The public page judges on the figures the public may see (a suppressed figure is not published): its count is
    // the service's under public disclosure.
    const seen = await t.services.floors.coasting('886', 'primary', '201516', publicDisclosure);
    const page = await t.app.inject('/floor-standards?la=886&phase=primary&year=201516');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`${seen.schools.length} schools were judged; <strong>${seen.coasting.length} (is|are) coasting</strong>`));
    for (const school of seen.coasting) assert.ok(page.body.includes(`href="/schools/${school.urn}"`), school.urn);
    // The watch list's API gives each school's coasting decision beside its floor standard (the list is of the schools
    // open today: a 2016 school that has closed since is not on it).
    const api = await t.app.inject('/api/v1/schools/watch-list?la=886&phase=primary&page=all');
    assert.equal(api.statusCode, 200, api.body);
    const listed = api.json<{ schools: { urn: string; coasting: { label: string; coasting: boolean | null } | null }[] }>().schools;
    const onList = new Set(listed.map((s) => s.urn));
    assert.deepEqual(
      listed
        .filter((s) => s.coasting?.coasting === true)
        .map((s) => s.urn)
        .sort(),
      expected.filter((urn) => onList.has(urn)),
    );
    const open = expected.find((urn) => onList.has(urn))!;
    assert.equal(listed.find((s) => s.urn === open)!.coasting!.label, '2015/16');
    // A coasting school's own page says so, with the years below the level, and names it among its concerns.
    const profile = await t.app.inject(`/schools/${open}`);
    assert.equal(profile.statusCode, 200);
    assert.match(
      profile.body,
      /Coasting<\/a> \(the 2016-2018 definition\), 2015\/16: <strong>coasting<\/strong>: below the coasting level in 2014, 2015, 2016\./,
    );
    assert.match(profile.body, /<li>Coasting in 2015\/16: below the coasting level in 2014, 2015, 2016\.<\/li>/);
  });

  it("reads target 14 from the demo officer's partnerships: recounted by hand from the floor listings of each year", async () => {
    // The rule (frameworks/kent-2013-2016.yaml target 14, docs/adr/0025-system-leadership.md), worked here without
    // src/domain/schools/supported-schools.ts: of the schools below the floor in any of the three years before (decided
    // below, or undecided: failing the attainment condition where progress cannot be checked; their own URN or a
    // predecessor's) and judged this year, the share decided above the floor, with a higher headline than in their last
    // year below where the measure is the same, and in a federation or sponsored academy arrangement at some time from
    // 1 September to 1 June (the day the year's results are taken as sat).
    assert.ok(partnershipsRecorded > 20, `${partnershipsRecorded} partnerships recorded`);
    assert.equal(await t.services.leadership.ensureDemoLeadership(), 0, 'a second start adds nothing');
    const successions = await t.database.store.register.allSuccessions();
    const partnerships = await t.database.store.leadership.partnerships('886');
    const listings = new Map<string, Awaited<ReturnType<typeof t.services.floors.floorStandards>>>();
    for (const phase of ['primary', 'secondary'] as const)
      for (const summer of [2012, 2013, 2014, 2015, 2016])
        listings.set(
          `${phase}|${summer}`,
          await t.services.floors.floorStandards('886', phase, `${summer - 1}${String(summer % 100).padStart(2, '0')}`, laOfficerDisclosure),
        );
    const headline = (phase: string, summer: number, f: { attainment: number | null; progress8?: number | null }) =>
      phase === 'secondary' && summer >= 2016 ? (f.progress8 ?? null) : f.attainment;
    const era = (phase: string, summer: number) => (phase === 'primary' ? (summer <= 2012 ? 1 : summer <= 2015 ? 2 : 3) : summer <= 2015 ? 1 : 2);
    for (const summer of [2014, 2016]) {
      let met = 0;
      let decided = 0;
      for (const phase of ['primary', 'secondary'] as const)
        for (const s of listings.get(`${phase}|${summer}`)!.schools) {
          const chain = predecessorsOf(s.urn, successions);
          const decisionIn = (year: number) => {
            for (const urn of chain) {
              const d = listings.get(`${phase}|${year}`)?.schools.find((x) => x.urn === urn);
              if (d !== undefined) return d;
            }
            return undefined;
          };
          // Below, or failing the attainment condition where progress cannot be checked (an undecided floor).
          const belowYears = [summer - 3, summer - 2, summer - 1].filter((y) => {
            const d = decisionIn(y);
            return d !== undefined && d.result.applies && d.result.below !== false;
          });
          if (belowYears.length === 0 || !s.result.applies) continue;
          const last = decisionIn(Math.max(...belowYears))!;
          const inYear = partnerships.some(
            (p) =>
              chain.includes(p.urn) &&
              (p.kind === 'federation' || p.kind === 'sponsored-academy') &&
              p.startedOn <= `${summer}-06-01` && // by the day the year's results are taken as sat
              (p.endedOn === null || p.endedOn > `${summer - 1}-09-01`),
          );
          const now = headline(phase, summer, s.figures);
          const then = headline(phase, Math.max(...belowYears), last.figures);
          const improving = era(phase, summer) !== era(phase, Math.max(...belowYears)) || (now !== null && then !== null && now > then);
          assert.notEqual(s.result.below === null && improving && inYear, true, `${s.urn} undecided in ${summer}`);
          decided++;
          if (s.result.below === false && improving && inYear) met++;
        }
      const x = evaluated.get(summer)!.get('underperforming-schools-supported')!;
      // The target is judged on the figure at its published precision (whole percentages).
      assert.equal(x.value, Math.round((100 * met) / decided), `${summer}: ${met} of ${decided}`);
      console.log(`target 14 in ${summer}: ${met} of ${decided} schools with a history of underperformance`);
    }
  });

  it('gives every target line of the framework a status in 2013-2016 except those listed here, each for the reason given', () => {
    // Issue 18's acceptance check, as it stands: the lines still without a status on the demo, and why. A line that
    // gains a status, or one that loses it, fails this test until the list is brought up to date.
    const all = [2013, 2014, 2015, 2016];
    const outstanding: Readonly<Record<string, readonly number[]>> = {
      // The 2008 profile's 78-points measure ended in 2011/12; no figure for the framework's years exists.
      'eyfs-78-points': all,
      // The revised EYFS profile of 2012/13 starts a new series of the inequality gap: its first year has nothing to compare with.
      'eyfs-inequality-gap': [2013],
      // The 2013 and 2015 secondary floors need the national medians of expected progress, not held (no citable source).
      'secondary-schools-above-floor': [2013, 2015],
      // A measure that ended with 2014/15 for a target that sets levels only (90% making two levels of progress): no
      // rule can read the successor, and national curriculum levels no longer exist to count it from pupil records.
      'ks2-expected-progress': [2016],
      // Judged in 2016 on a relative-only successor by their England or neighbour rules, which the demo cannot feed:
      // it holds no neighbour's KS1 expected standard in reading, writing and maths (LAIT publishes KS1 by subject
      // only), so target 4's rank has nothing to rank against; and no England Attainment 8 of children in care for
      // 2015/16 (LAIT's LAC_KS4_AVG_Attain8 starts in 2017). Targets 5, 7 and both gaps of 8 are judged (above).
      'ks1-attainment': [2016],
      'children-in-care-attainment': [2016],
      // A level 2+ A*-E (to 2015) is computed from the demo's post-16 learners, but England's figure of it for A level
      // students is not held: no citable national figure was found (calibration.ts), so the England rule has nothing
      // to compare with. 2016 (points per entry against England's LAIT 30.44) is judged.
      'advanced-level-performance': [2013, 2014, 2015],
      // Secondary schools below the floor before, federated and improving, whose 2013 or 2015 floor cannot be decided
      // without the year's national medians of expected progress (as target 12's line above): the share is not given.
      'underperforming-schools-supported': [2013, 2015],
    };
    const missing: string[] = [];
    for (const year of all) for (const [id, x] of evaluated.get(year)!) if (x.status === 'no_data') missing.push(`${year} ${x.number} ${id}: ${x.reason}`);
    console.log(`target lines without a status:\n${missing.join('\n')}`);
    const expected = Object.entries(outstanding).flatMap(([id, years]) => years.map((year) => `${year} ${id}`));
    assert.deepEqual(missing.map((m) => m.replace(/ \d+ ([a-z0-9-]+):.*$/, ' $1')).sort(), expected.sort());
  });
});
