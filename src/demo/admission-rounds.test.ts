import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApplicationRecord } from '../domain/admissions/admissions.ts';
import { academicYearCode } from '../domain/periods/period.ts';
import { generateAdmissionRounds, type DemoAdmissionRound } from './admission-rounds.ts';
import { generateCounty, type DemoSchool } from './generate-county.ts';

const county = generateCounty(2013);
const rounds = generateAdmissionRounds(county, 2013);
const roundOf = (phase: string, entryYear: number): DemoAdmissionRound => rounds.find((r) => r.phase === phase && r.entryYear === entryYear)!;
const schoolsByUrn = new Map(county.schools.map((s) => [s.urn, s]));
const share = (apps: readonly ApplicationRecord[], test: (a: ApplicationRecord) => boolean) => apps.filter(test).length / apps.length;

/** The mainstream schools of a phase open on 1 September of the year of entry, read straight from the county. */
const openAtEntry = (phase: string, entryYear: number): DemoSchool[] =>
  county.schools.filter(
    (s) =>
      s.attributes.sector === phase &&
      (s.openedOn === null || s.openedOn <= `${entryYear}-09-01`) &&
      (s.closedOn === null || s.closedOn >= `${entryYear}-09-01`),
  );

describe('the demo county’s admission rounds', () => {
  it('runs a Reception and a Year 7 round for every September of entry 2010-2016, with Kent’s numbers of preferences', () => {
    assert.deepEqual(
      rounds.map((r) => `${r.phase} ${r.entryYear} ${r.preferencesAllowed} ${r.laCode}`),
      [2010, 2011, 2012, 2013, 2014, 2015, 2016].flatMap((y) => [`primary ${y} 3 886`, `secondary ${y} 4 886`]),
    );
  });

  it('is the same for the same seed, and a year generated alone is the year generated with the others', () => {
    const alone = generateAdmissionRounds(county, 2013, [2015]);
    assert.deepEqual(alone, [roundOf('primary', 2015), roundOf('secondary', 2015)]);
    assert.notDeepEqual(generateAdmissionRounds(county, 7, [2015])[0]!.applications.slice(0, 50), roundOf('primary', 2015).applications.slice(0, 50));
  });

  it('has one application per child of the entry year group on the county’s rolls (Reception or Year 7), with the LA’s references', () => {
    for (const r of rounds) {
      const yearGroup = r.phase === 'primary' ? 'R' : '7';
      const roll = county.rolls
        .filter((x) => x.period === academicYearCode(r.entryYear) && x.yearGroup === yearGroup && schoolsByUrn.get(x.urn)!.attributes.sector === r.phase)
        .reduce((a, x) => a + x.pupils, 0);
      assert.equal(r.applications.length, roll, `${r.phase} ${r.entryYear}`);
      const pattern = new RegExp(`^${r.phase === 'primary' ? 'R' : 'S'}${r.entryYear}-\\d{6}$`);
      assert.ok(
        r.applications.every((a) => pattern.test(a.id)),
        `${r.phase} ${r.entryYear} ids`,
      );
      assert.equal(new Set(r.applications.map((a) => a.id)).size, r.applications.length);
    }
  });

  it('closes and offers on the scheme’s dates, moving a weekend offer day to the Monday (domain.md §13)', () => {
    // 1 March 2014 was a Saturday and 1 March 2015 a Sunday: national offer day was Monday 3 March 2014 and Monday 2 March 2015.
    assert.deepEqual(pick(roundOf('secondary', 2014)), { closingDate: '2013-10-31', offerDay: '2014-03-03' });
    assert.deepEqual(pick(roundOf('secondary', 2015)), { closingDate: '2014-10-31', offerDay: '2015-03-02' });
    assert.deepEqual(pick(roundOf('secondary', 2016)), { closingDate: '2015-10-31', offerDay: '2016-03-01' });
    // 16 April 2014 was a Wednesday; 16 April 2016 a Saturday, so primary offer day was Monday 18 April 2016.
    assert.deepEqual(pick(roundOf('primary', 2014)), { closingDate: '2014-01-15', offerDay: '2014-04-16' });
    assert.deepEqual(pick(roundOf('primary', 2016)), { closingDate: '2016-01-15', offerDay: '2016-04-18' });
  });

  it('receives applications by the closing date, a few late ones after it and before offer day', () => {
    for (const r of rounds) {
      assert.ok(
        r.applications.every((a) => (a.late ? a.receivedOn > r.closingDate && a.receivedOn < r.offerDay : a.receivedOn <= r.closingDate)),
        `${r.phase} ${r.entryYear}`,
      );
      const late = share(r.applications, (a) => a.late);
      assert.ok(late > 0.01 && late < 0.05, `${r.phase} ${r.entryYear} late ${late}`);
    }
  });

  it('gives every child a date of birth in the academic year that enters Reception (born Sept Y-5 to Aug Y-4) or Year 7 (Sept Y-12 to Aug Y-11)', () => {
    for (const r of rounds) {
      const from = `${r.entryYear - (r.phase === 'primary' ? 5 : 12)}-09-01`;
      const to = `${r.entryYear - (r.phase === 'primary' ? 4 : 11)}-08-31`;
      const births = r.applications.map((a) => a.child.dateOfBirth).sort();
      assert.ok(births[0]! >= from && births.at(-1)! <= to, `${r.phase} ${r.entryYear}: ${births[0]} to ${births.at(-1)}`);
      // Uniform over the year: both ends are reached within a few days.
      assert.ok(births[0]! <= addDays(from, 3) && births.at(-1)! >= addDays(to, -3), `${r.phase} ${r.entryYear} spread`);
    }
  });

  it('keeps children synthetic: no postcode, a point at home, the home district', () => {
    const districts = new Set(county.schools.map((s) => s.districtCode));
    for (const a of roundOf('primary', 2014).applications) {
      assert.equal(a.homePostcode, null);
      assert.ok(a.home !== null && a.homeDistrictCode !== null && districts.has(a.homeDistrictCode));
    }
  });

  it('applies online in Kent’s published shares, rising from about 80% in 2010 (DfE online_apps_percent, 2014-2016)', () => {
    // Kent's published online share: primary 94.7%, 96.2%, 96.6%; secondary 91.3%, 94.6%, 91.8% for 2014-2016 entry.
    const published: Record<string, number> = { 'primary 2014': 94.7, 'primary 2015': 96.2, 'primary 2016': 96.6 };
    Object.assign(published, { 'secondary 2014': 91.3, 'secondary 2015': 94.6, 'secondary 2016': 91.8, 'primary 2010': 80, 'secondary 2010': 80 });
    for (const [key, percent] of Object.entries(published)) {
      const [phase, year] = key.split(' ');
      const online = 100 * share(roundOf(phase!, Number(year)).applications, (a) => a.online);
      assert.ok(Math.abs(online - percent) < 1.5, `${key}: ${online.toFixed(1)}% online, Kent ${percent}%`);
    }
  });

  it('publishes arrangements for every mainstream school of the phase open at entry, and no special school or PRU', () => {
    for (const r of rounds) {
      assert.deepEqual(
        r.arrangements.map((a) => a.urn).sort(),
        openAtEntry(r.phase, r.entryYear)
          .map((s) => s.urn)
          .sort(),
        `${r.phase} ${r.entryYear}`,
      );
    }
    assert.equal(roundOf('secondary', 2016).arrangements.filter((a) => a.selective).length, 32);
    assert.equal(roundOf('primary', 2016).arrangements.filter((a) => a.selective).length, 0);
  });

  it('publishes valid arrangements: looked-after children first (Code 1.7), all other children last, no criterion twice', () => {
    for (const a of rounds.flatMap((r) => r.arrangements)) {
      const kinds = a.criteria.map((c) => c.kind);
      assert.equal(kinds[0], 'looked-after', a.urn);
      assert.equal(kinds.at(-1), 'other', a.urn);
      assert.equal(new Set(kinds).size, kinds.length, a.urn);
      assert.ok(a.admissionNumber >= 10 && a.admissionNumber % 5 === 0, `${a.urn} admits ${a.admissionNumber}`);
      assert.ok(a.location !== null && a.distanceMethod === 'straight-line');
    }
  });

  it('names the admission authority by governance: the LA for community and VC schools, trusts for academies, governors for VA and foundation', () => {
    for (const a of rounds.flatMap((r) => r.arrangements)) {
      const { governance, typeName } = schoolsByUrn.get(a.urn)!.attributes;
      const expected =
        governance === 'academy' || governance === 'free-school'
          ? 'academy-trust'
          : typeName === 'Voluntary aided school' || typeName === 'Foundation school'
            ? 'governing-body'
            : 'la';
      assert.equal(a.admissionAuthority, expected, `${a.urn} ${typeName}`);
    }
  });

  it('gives church schools a faith criterion, some secondaries feeder primaries of the round, and a few schools a random tie-break', () => {
    const all = rounds.flatMap((r) => r.arrangements);
    for (const a of all) {
      const church = schoolsByUrn.get(a.urn)!.attributes.religiousCharacter !== 'Does not apply';
      assert.equal(
        a.criteria.some((c) => c.kind === 'faith'),
        church,
        a.urn,
      );
    }
    const secondary = roundOf('secondary', 2014);
    const feeders = secondary.arrangements.flatMap((a) => a.criteria.flatMap((c) => (c.kind === 'feeder' ? c.schools : [])));
    assert.ok(feeders.length > 0);
    const currentSchools = new Set(secondary.applications.map((a) => a.currentSchool));
    assert.ok(
      feeders.every((urn) => schoolsByUrn.get(urn)!.attributes.sector === 'primary'),
      'feeders are primaries',
    );
    assert.ok(feeders.some((urn) => currentSchools.has(urn)));
    const random = all.filter((a) => a.tieBreak.kind === 'random').length / all.length;
    assert.ok(random > 0.01 && random < 0.15, `random tie-break ${random}`);
  });

  it('offers about 5-10% more places than applicants, as Kent did (DfE admission_numbers over applications_received: 7.1-8.2% primary)', () => {
    for (const r of rounds) {
      const places = r.arrangements.reduce((a, x) => a + x.admissionNumber, 0);
      const surplus = places / r.applications.length - 1;
      assert.ok(surplus > 0.04 && surplus < 0.1, `${r.phase} ${r.entryYear}: ${(100 * surplus).toFixed(1)}%`);
    }
  });

  it('keeps every school at the same point in every round, an academy at its predecessor’s', () => {
    const points = new Map<string, string>();
    for (const a of rounds.flatMap((r) => r.arrangements)) {
      const point = JSON.stringify(a.location);
      assert.equal(points.get(a.urn) ?? point, point, a.urn);
      points.set(a.urn, point);
    }
    const converted = county.successions.filter((s) => points.has(s.predecessorUrn) && points.has(s.successorUrn));
    assert.ok(converted.length > 10);
    for (const s of converted) assert.equal(points.get(s.successorUrn), points.get(s.predecessorUrn), s.successorUrn);
  });

  it('lists preferences as the form allows: ranks from 1, no school twice, only schools of the round; some families name one', () => {
    for (const r of rounds) {
      const urns = new Set(r.arrangements.map((a) => a.urn));
      for (const a of r.applications) {
        assert.ok(a.preferences.length >= 1 && a.preferences.length <= r.preferencesAllowed, a.id);
        assert.deepEqual(
          a.preferences.map((p) => p.rank),
          a.preferences.map((_, i) => i + 1),
        );
        assert.equal(new Set(a.preferences.map((p) => p.urn)).size, a.preferences.length, a.id);
        assert.ok(
          a.preferences.every((p) => urns.has(p.urn)),
          a.id,
        );
      }
      const one = share(r.applications, (a) => a.preferences.length === 1);
      assert.ok(one > 0.03 && one < 0.25, `${r.phase} ${r.entryYear} naming one: ${one}`);
    }
  });

  it('has about 0.5% looked-after children and 1-2% with an EHC plan naming a non-selective school they prefer', () => {
    for (const r of rounds) {
      const lookedAfter = share(r.applications, (a) => a.lookedAfter !== null);
      assert.ok(lookedAfter > 0.002 && lookedAfter < 0.009, `${r.phase} ${r.entryYear} looked after ${lookedAfter}`);
      const ehc = r.applications.filter((a) => a.ehcPlanSchool !== null);
      assert.ok(ehc.length / r.applications.length > 0.01 && ehc.length / r.applications.length < 0.02);
      const selective = new Set(r.arrangements.filter((a) => a.selective).map((a) => a.urn));
      assert.ok(ehc.every((a) => !selective.has(a.ehcPlanSchool!) && a.preferences.some((p) => p.urn === a.ehcPlanSchool)));
    }
  });

  it('assesses about 25% of Year 7 applicants suitable in the Kent Test (21% automatic + 4-6% head teacher panels), most others sat', () => {
    for (const r of rounds) {
      if (r.phase === 'primary') {
        assert.ok(r.applications.every((a) => a.assessedSuitable === null && a.currentSchool === null));
        continue;
      }
      const suitable = share(r.applications, (a) => a.assessedSuitable === true);
      const notSat = share(r.applications, (a) => a.assessedSuitable === null);
      assert.ok(suitable > 0.23 && suitable < 0.27, `${r.entryYear} suitable ${suitable}`);
      assert.ok(notSat > 0.1 && notSat < 0.375, `${r.entryYear} did not sit ${notSat}`);
    }
  });

  it('sends grammar first preferences mostly from children assessed suitable (a few not suitable name one anyway)', () => {
    const r = roundOf('secondary', 2015);
    const selective = new Set(r.arrangements.filter((a) => a.selective).map((a) => a.urn));
    const grammarFirst = r.applications.filter((a) => selective.has(a.preferences[0]!.urn));
    const suitable = share(grammarFirst, (a) => a.assessedSuitable === true);
    assert.ok(suitable > 0.85 && suitable < 1, `suitable among grammar first preferences ${suitable}`);
    // A grammar school needs a suitable child: a child not assessed suitable names at most one.
    assert.ok(r.applications.filter((a) => a.assessedSuitable !== true).every((a) => a.preferences.filter((p) => selective.has(p.urn)).length <= 1));
  });

  it('has siblings at one preference for about 30% of primary and 20% of secondary applicants, and faith only at church schools', () => {
    for (const r of rounds) {
      const sibling = share(r.applications, (a) => a.preferences.some((p) => p.sibling));
      const expected = r.phase === 'primary' ? 0.3 : 0.2;
      assert.ok(Math.abs(sibling - expected) < 0.03, `${r.phase} ${r.entryYear} sibling ${sibling}`);
      assert.ok(r.applications.every((a) => a.preferences.filter((p) => p.sibling).length <= 1));
      const faithSchools = new Set(r.arrangements.filter((a) => a.criteria.some((c) => c.kind === 'faith')).map((a) => a.urn));
      assert.ok(r.applications.every((a) => a.preferences.every((p) => !p.faith || faithSchools.has(p.urn))));
    }
  });

  it('puts a Year 7 child at a primary school of their home district when they apply', () => {
    for (const a of roundOf('secondary', 2013).applications) {
      const school = schoolsByUrn.get(a.currentSchool!)!;
      assert.equal(school.attributes.sector, 'primary', a.id);
      assert.equal(school.districtCode, a.homeDistrictCode, a.id);
      assert.ok((school.openedOn ?? '') <= '2012-10-01' && (school.closedOn ?? '9999') >= '2012-10-01', a.id);
    }
  });

  it('has most families name their nearest school first', () => {
    // Distance counts most in the families' choices: well over half put the nearest school of the phase first.
    for (const r of [roundOf('primary', 2016), roundOf('secondary', 2016)]) {
      const locations = r.arrangements.filter((a) => !a.selective).map((a) => ({ urn: a.urn, point: a.location! }));
      const nearestFirst = share(
        r.applications.filter((a) => a.assessedSuitable !== true),
        (a) => {
          const home = a.home!;
          const nearest = locations.reduce((best, s) => (metres(home, s.point) < metres(home, best.point) ? s : best));
          return a.preferences[0]!.urn === nearest.urn;
        },
      );
      assert.ok(nearestFirst > 0.4, `${r.phase}: nearest first ${nearestFirst}`);
    }
  });
});

function pick(r: DemoAdmissionRound) {
  return { closingDate: r.closingDate, offerDay: r.offerDay };
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function metres(a: { easting: number; northing: number }, b: { easting: number; northing: number }): number {
  return Math.hypot(a.easting - b.easting, a.northing - b.northing);
}
