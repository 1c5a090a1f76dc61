import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { application, arrangement, east, preferences, round } from '../../../tests/fixtures/admissions-round.ts';
import type { RoundResult } from './admissions.ts';
import { allocateRound } from './allocate.ts';

const offerOf = (result: RoundResult, id: string) => result.offers.find((o) => o.applicationId === id)!;
const outcomeAt = (result: RoundResult, id: string, urn: string) => result.explanations.get(id)!.find((o) => o.urn === urn)!;
/** The school's order as the explanations give it: application ids by their position at the school. */
const orderAt = (result: RoundResult, urn: string) =>
  [...result.explanations]
    .flatMap(([id, outcomes]) => outcomes.filter((o) => o.urn === urn && o.position !== null).map((o) => [id, o.position!] as const))
    .sort((a, b) => a[1] - b[1])
    .map(([id]) => id);
const profileOf = (result: RoundResult, urn: string) => result.profiles.find((p) => p.urn === urn)!;

describe('ranking at a school by its oversubscription criteria (School Admissions Code 2014 para 1.6-1.10, 1.13)', () => {
  it('puts each child under the first listed criterion they meet, looked-after first, then by distance within it', () => {
    // Criteria: looked-after, sibling, all others; distance tie-break. C is looked-after (9 km), B a sibling (5 km),
    // D and A all others at 0.5 km and 1 km: the order is C, B, D, A, and the 2 places go to C and B.
    const school = arrangement('100001', { admissionNumber: 2, criteria: [{ kind: 'looked-after' }, { kind: 'sibling' }, { kind: 'other' }] });
    const result = allocateRound(
      round(
        [school],
        [
          application('A', { home: east(1000), preferences: preferences('100001') }),
          application('B', { home: east(5000), preferences: preferences({ urn: '100001', sibling: true }) }),
          application('C', { home: east(9000), lookedAfter: 'previously-looked-after', preferences: preferences('100001') }),
          application('D', { home: east(500), preferences: preferences('100001') }),
        ],
      ),
    );
    assert.deepEqual(orderAt(result, '100001'), ['C', 'B', 'D', 'A']);
    // The only school is full, so A and D are offered nothing.
    assert.deepEqual(
      result.offers.map((o) => [o.applicationId, o.kind]),
      [
        ['A', 'none'],
        ['B', 'preference'],
        ['C', 'preference'],
        ['D', 'none'],
      ],
    );
    const d = outcomeAt(result, 'D', '100001');
    assert.equal(d.outcome, 'oversubscribed');
    assert.equal(d.criterion, 'other');
    assert.deepEqual(d.lastOffered, { position: 2, criterion: 'sibling', distanceMetres: 5000 });
    assert.equal(d.text, 'Ranked 3rd of 4 (all other children, 0.50 km). The last place went to the 2nd (a brother or sister at the school, 5.00 km).');
    assert.equal(
      outcomeAt(result, 'C', '100001').text,
      'Offered: ranked 1st of 4 (looked-after and previously looked-after children, 9.00 km); the last place went to the 2nd (a brother or sister at the school, 5.00 km).',
    );
  });

  it('reads sibling, medical and social need, faith and staff from the preference for that school, not another', () => {
    // E has a sibling at X only; at Y (criteria: sibling, then all others) E is one of all other children, behind F who
    // lives further away but has a sibling at Y. Faith, staff and medical-social likewise per school.
    for (const fact of ['sibling', 'faith', 'staff', 'medicalSocial'] as const) {
      const kind = fact === 'medicalSocial' ? 'medical-social' : fact;
      const y = arrangement('100002', { criteria: [{ kind: 'looked-after' }, { kind }, { kind: 'other' }] });
      const result = allocateRound(
        round(
          [arrangement('100001', { admissionNumber: 0 }), y],
          [
            application('E', { home: east(100), preferences: preferences({ urn: '100001', [fact]: true }, '100002') }),
            application('F', { home: east(9000), preferences: preferences({ urn: '100002', [fact]: true }) }),
          ],
        ),
      );
      assert.deepEqual(orderAt(result, '100002'), ['F', 'E'], fact);
      assert.equal(outcomeAt(result, 'E', '100002').criterion, 'other', fact);
      assert.equal(outcomeAt(result, 'F', '100002').criterion, kind, fact);
    }
  });

  it('meets a catchment by the full postcode or its sector (outward code and the first inward digit), in any case or spacing', () => {
    // Catchment: sector 'CT1 2' and the postcode 'CT2 7AB'. 'ct1 2xy' is in the sector; 'CT27AB' is the listed postcode;
    // 'CT2 7AC' is neither (its sector CT2 7 is not listed); 'CT12 1AA' has sector 'CT12 1', not 'CT1 2'.
    const school = arrangement('100001', {
      admissionNumber: 4,
      criteria: [{ kind: 'looked-after' }, { kind: 'catchment', postcodes: ['CT1 2', 'CT2 7AB'] }, { kind: 'other' }],
    });
    const homes = { P: 'ct1 2xy', Q: 'CT27AB', R: 'CT2 7AC', S: 'CT12 1AA', T: null };
    const result = allocateRound(
      round(
        [school],
        Object.entries(homes).map(([id, homePostcode]) => application(id, { homePostcode, preferences: preferences('100001') })),
      ),
    );
    const criteria = Object.keys(homes).map((id) => outcomeAt(result, id, '100001').criterion);
    assert.deepEqual(criteria, ['catchment', 'catchment', 'other', 'other', 'other']);
  });

  it('meets a feeder criterion by the school the child attends when applying', () => {
    const school = arrangement('100001', { criteria: [{ kind: 'looked-after' }, { kind: 'feeder', schools: ['900123', '900124'] }, { kind: 'other' }] });
    const result = allocateRound(
      round(
        [school],
        [
          application('G', { home: east(10), currentSchool: '900999', preferences: preferences('100001') }),
          application('H', { home: east(8000), currentSchool: '900124', preferences: preferences('100001') }),
        ],
      ),
    );
    assert.deepEqual(orderAt(result, '100001'), ['H', 'G']);
    assert.equal(offerOf(result, 'H').urn, '100001');
  });

  it('ranks children who meet no listed criterion after every child who meets one', () => {
    // Criteria end without 'other': J (no sibling, 100 m) comes after K (sibling, 7 km), and is reported as all others.
    const school = arrangement('100001', { admissionNumber: 2, criteria: [{ kind: 'looked-after' }, { kind: 'sibling' }] });
    const result = allocateRound(
      round(
        [school],
        [
          application('J', { home: east(100), preferences: preferences('100001') }),
          application('K', { home: east(7000), preferences: preferences({ urn: '100001', sibling: true }) }),
        ],
      ),
    );
    assert.deepEqual(orderAt(result, '100001'), ['K', 'J']);
    assert.equal(outcomeAt(result, 'J', '100001').criterion, 'other');
  });
});

describe('tie-breaks (Code 1.34-1.35: distance, or random allocation with a recorded seed)', () => {
  const ids = Array.from({ length: 12 }, (_, i) => `R${String(i).padStart(2, '0')}`);

  it('puts equal distances in a random order fixed by the seed and the application references, whatever order they arrive in', () => {
    const school = (seed: number) => arrangement('100001', { admissionNumber: 3, tieBreak: { kind: 'distance', seed } });
    const apps = ids.map((id) => application(id, { home: east(2000), preferences: preferences('100001') }));
    const order = (seed: number, list = apps) => orderAt(allocateRound(round([school(seed)], list)), '100001');
    assert.deepEqual(order(42), order(42, [...apps].reverse()));
    assert.notDeepEqual(order(42), ids, 'a random order of 12 is the sorted one with probability 1/12!');
    assert.notDeepEqual(order(42), order(43), 'two seeds give the same order of 12 with probability 1/12!');
  });

  it('puts children with no home point after every child with one, under a distance tie-break', () => {
    const school = arrangement('100001', { admissionNumber: 1 });
    const result = allocateRound(
      round(
        [school],
        [application('L', { home: null, preferences: preferences('100001') }), application('M', { home: east(60_000), preferences: preferences('100001') })],
      ),
    );
    assert.deepEqual(orderAt(result, '100001'), ['M', 'L']);
    assert.equal(outcomeAt(result, 'L', '100001').text, 'Ranked 2nd of 2 (all other children). The last place went to the 1st (all other children, 60.00 km).');
  });

  it('ignores distance under a random tie-break: the order depends on the seed and the references only', () => {
    // The same twelve children at two sets of distances (near-to-far and far-to-near): the same order both times.
    const school = arrangement('100001', { admissionNumber: 3, tieBreak: { kind: 'random', seed: 7 } });
    const at = (metres: (i: number) => number) =>
      orderAt(
        allocateRound(
          round(
            [school],
            ids.map((id, i) => application(id, { home: east(metres(i)), preferences: preferences('100001') })),
          ),
        ),
        '100001',
      );
    assert.deepEqual(
      at((i) => 100 * i),
      at((i) => 10_000 - 100 * i),
    );
    assert.notDeepEqual(
      at((i) => 100 * i),
      ids,
    );
  });

  it('ranks late applications after every on-time application, whatever their criterion (the scheme rule)', () => {
    // N is late with a sibling at 100 m; O is on time, all others, 5 km: O first. Among the late, the usual order.
    const school = arrangement('100001', { admissionNumber: 1, criteria: [{ kind: 'looked-after' }, { kind: 'sibling' }, { kind: 'other' }] });
    const result = allocateRound(
      round(
        [school],
        [
          application('N', { late: true, home: east(100), preferences: preferences({ urn: '100001', sibling: true }) }),
          application('O', { home: east(5000), preferences: preferences('100001') }),
          application('P', { late: true, home: east(50), preferences: preferences('100001') }),
        ],
      ),
    );
    assert.deepEqual(orderAt(result, '100001'), ['O', 'N', 'P']);
    assert.match(outcomeAt(result, 'N', '100001').text, /^Ranked 2nd of 3 \(late application, a brother or sister at the school, 0\.10 km\)/);
  });
});

describe('equal preference and deferred acceptance (Code 1.9(b): no "first preference first"; Gale and Shapley 1962)', () => {
  it('offers a school to the child it ranks higher, even where another child named it first (no first preference first)', () => {
    // X has one place. S names X 1st (all others, 3 km); T names X 2nd with a sibling. T's 1st, Y, has no place.
    // Under equal preference X ranks T above S: T is offered X; S gets nothing they named.
    const x = arrangement('100001', { criteria: [{ kind: 'looked-after' }, { kind: 'sibling' }, { kind: 'other' }] });
    const y = arrangement('100002', { admissionNumber: 0 });
    const result = allocateRound(
      round(
        [x, y],
        [
          application('S', { home: east(3000), preferences: preferences('100001') }),
          application('T', { home: east(8000), preferences: preferences('100002', { urn: '100001', sibling: true }) }),
        ],
      ),
    );
    assert.equal(offerOf(result, 'T').urn, '100001');
    assert.equal(offerOf(result, 'T').preferenceRank, 2);
    assert.equal(outcomeAt(result, 'T', '100002').text, 'Ranked 1st of 1 (all other children, 8.00 km). No place was offered: the admission number is 0.');
    assert.equal(outcomeAt(result, 'S', '100001').outcome, 'oversubscribed');
  });

  it('offers the highest preference at which the child ranks within the places, and explains the lower ones', () => {
    const result = allocateRound(
      round(
        [arrangement('100001', { schoolName: 'Dover Grammar School' }), arrangement('100002')],
        [application('U', { home: east(2000), preferences: preferences('100001', '100002') })],
      ),
    );
    assert.deepEqual(offerOf(result, 'U'), { applicationId: 'U', kind: 'preference', urn: '100001', preferenceRank: 1, distanceMetres: null });
    const second = outcomeAt(result, 'U', '100002');
    assert.equal(second.outcome, 'higher-preference-offered');
    assert.equal(second.text, 'Not offered: a higher preference (Dover Grammar School, 1st) was offered. Ranked 1st of 1 (all other children, 2.00 km).');
    // The child is on the second school's waiting list (ranked there, not offered it).
    assert.deepEqual(profileOf(result, '100002').waitingList, ['U']);
  });

  it('ignores preferences beyond the number the scheme allows, naming a school with no arrangements, or named twice', () => {
    const result = allocateRound(
      round(
        [arrangement('100001', { admissionNumber: 0 }), arrangement('100002'), arrangement('100003')],
        [application('V', { preferences: preferences('100001', '100009', '100001', '100003') })],
        { preferencesAllowed: 3 },
      ),
    );
    // 100003 has a place but is the 4th preference of 3 allowed: the child is allocated (here the nearest with a place:
    // 100002 and 100003 are both at the origin, the lower URN first).
    assert.deepEqual(offerOf(result, 'V'), { applicationId: 'V', kind: 'allocated', urn: '100002', preferenceRank: null, distanceMetres: 0 });
    assert.deepEqual(
      result.explanations.get('V')!.map((o) => [o.rank, o.outcome, o.text]),
      [
        [1, 'oversubscribed', 'Ranked 1st of 1 (all other children, 0.00 km). No place was offered: the admission number is 0.'],
        [2, 'no-arrangements', 'Not considered: no admission arrangements for this school are held in this round.'],
        [
          3,
          'oversubscribed',
          'Ranked 1st of 1 (all other children, 0.00 km). No place was offered: the admission number is 0. This school is also the 1st preference.',
        ],
        [4, 'not-eligible', 'Not considered: the scheme allows 3 preferences and this is the 4th.'],
      ],
    );
    assert.equal(profileOf(result, '100001').applicants, 1, 'a child naming a school twice is one applicant');
  });
});

describe('grammar schools (domain.md §13: a grammar school first applies the selection test, "assessed suitable")', () => {
  it('does not rank a child not assessed suitable, or who did not sit the test, and says so', () => {
    const grammar = arrangement('100001', { selective: true, admissionNumber: 5 });
    const result = allocateRound(
      round(
        [grammar],
        [
          application('W', { assessedSuitable: false, preferences: preferences('100001') }),
          application('X', { assessedSuitable: null, preferences: preferences('100001') }),
          application('Y', { assessedSuitable: true, preferences: preferences('100001') }),
        ],
      ),
    );
    assert.deepEqual(orderAt(result, '100001'), ['Y']);
    assert.equal(
      outcomeAt(result, 'W', '100001').text,
      "Not eligible: a grammar school admits only children assessed suitable for grammar education, and the Kent Test result was 'not suitable'.",
    );
    assert.equal(
      outcomeAt(result, 'X', '100001').text,
      'Not eligible: a grammar school admits only children assessed suitable for grammar education, and the child did not sit the Kent Test.',
    );
    assert.equal(outcomeAt(result, 'W', '100001').position, null);
    // Not allocated to the grammar school either, though it has places left: no school for W and X.
    assert.equal(offerOf(result, 'W').kind, 'none');
    assert.equal(profileOf(result, '100001').waitingList.length, 0);
  });
});

describe('EHC plans (Code 1.6: a school named in an EHC plan must admit the child, before any criterion)', () => {
  it('admits the child to the named school though they did not name it, and the places left for others go down', () => {
    // Admission number 2; Z's EHC plan names the school. Of AA (1 km) and AB (2 km), only AA is offered.
    const result = allocateRound(
      round(
        [arrangement('100001', { admissionNumber: 2 }), arrangement('100002', { admissionNumber: 0 })],
        [
          application('Z', { ehcPlanSchool: '100001', home: east(4000), preferences: preferences('100002') }),
          application('AA', { home: east(1000), preferences: preferences('100001') }),
          application('AB', { home: east(2000), preferences: preferences('100001') }),
        ],
      ),
    );
    assert.deepEqual(offerOf(result, 'Z'), { applicationId: 'Z', kind: 'ehc-plan', urn: '100001', preferenceRank: null, distanceMetres: null });
    assert.equal(offerOf(result, 'AA').urn, '100001');
    assert.equal(offerOf(result, 'AB').kind, 'none');
    assert.deepEqual(outcomeAt(result, 'AB', '100001').lastOffered, { position: 2, criterion: 'other', distanceMetres: 1000 });
    assert.equal(outcomeAt(result, 'AB', '100001').position, 3, 'the EHC plan admission is first in the order');
    assert.equal(outcomeAt(result, 'Z', '100002').outcome, 'not-eligible');
    const profile = profileOf(result, '100001');
    assert.equal(profile.ehcPlanAdmissions, 1);
    assert.deepEqual(profile.byCriterion, [
      { criterion: 'ehc-plan', offered: 1, furthestMetres: 4000 },
      { criterion: 'looked-after', offered: 0, furthestMetres: null },
      { criterion: 'other', offered: 1, furthestMetres: 1000 },
    ]);
    assert.equal(profile.vacancies, 0);
  });

  it('admits every child whose plan names the school beyond the admission number, leaving no places (not below zero)', () => {
    const result = allocateRound(
      round(
        [arrangement('100001', { admissionNumber: 1 })],
        [
          application('AC', { ehcPlanSchool: '100001', preferences: preferences('100001') }),
          application('AD', { ehcPlanSchool: '100001' }),
          application('AE', { preferences: preferences('100001') }),
        ],
      ),
    );
    assert.deepEqual(
      result.offers.map((o) => [o.applicationId, o.kind, o.preferenceRank]),
      [
        ['AC', 'ehc-plan', 1],
        ['AD', 'ehc-plan', null],
        ['AE', 'none', null],
      ],
    );
    assert.equal(outcomeAt(result, 'AC', '100001').outcome, 'offered');
    assert.equal(outcomeAt(result, 'AC', '100001').criterion, 'ehc-plan');
    assert.match(
      outcomeAt(result, 'AE', '100001').text,
      /^Ranked 3rd of 3 \(all other children, 0\.00 km\)\. The last place went to the 2nd \(an EHC plan naming the school/,
    );
    const profile = profileOf(result, '100001');
    assert.deepEqual([profile.offered, profile.vacancies, profile.ehcPlanAdmissions], [2, 0, 2]);
  });

  it('admits the child to a school their plan names even where the round holds no arrangements for it, and ranks them nowhere else', () => {
    // AN's plan names 300001 (e.g. a special school, not in the round). AN named X 1st and Y 2nd, not the plan's school:
    // both are explained as not considered, AN is on neither waiting list, and X keeps its place.
    const result = allocateRound(
      round(
        [arrangement('100001', { schoolName: 'X' }), arrangement('100002', { schoolName: 'Y' })],
        [application('AN', { ehcPlanSchool: '300001', preferences: preferences('100001', '100002') })],
      ),
    );
    assert.deepEqual(offerOf(result, 'AN'), { applicationId: 'AN', kind: 'ehc-plan', urn: '300001', preferenceRank: null, distanceMetres: null });
    assert.equal(
      outcomeAt(result, 'AN', '100001').text,
      "Not considered: the child's EHC plan names school 300001, which admits them before any oversubscription criterion (School Admissions Code 1.6).",
    );
    assert.equal(outcomeAt(result, 'AN', '100001').outcome, 'not-eligible');
    assert.deepEqual(profileOf(result, '100001').waitingList, []);
    assert.equal(profileOf(result, '100001').vacancies, 1, 'the place is not taken');
  });

  it("explains a preference after the plan's school as a higher preference offered", () => {
    const result = allocateRound(
      round(
        [arrangement('100001', { schoolName: 'X' }), arrangement('100002', { schoolName: 'Y' })],
        [application('AO', { ehcPlanSchool: '100001', preferences: preferences('100001', '100002') })],
      ),
    );
    assert.equal(offerOf(result, 'AO').preferenceRank, 1);
    assert.deepEqual(
      result.explanations.get('AO')!.map((o) => [o.outcome, o.criterion, o.position, o.text]),
      [
        [
          'offered',
          'ehc-plan',
          1,
          "Offered: the child's EHC plan names this school, which admits them before any oversubscription criterion (School Admissions Code 1.6).",
        ],
        ['higher-preference-offered', null, null, 'Not offered: a higher preference (X, 1st) was offered.'],
      ],
    );
  });
});

describe("the LA's allocation of the nearest school with a place (the coordinated scheme)", () => {
  it('offers the nearest school with a place of the phase in the home LA, with a location, grammar only to the suitable', () => {
    // Home at the origin. Candidates: a primary (wrong phase) at 1 km, a school in another LA at 1 km, a school with no
    // location, a grammar school at 2 km (the child is not assessed suitable), a full school at 2.5 km, and two with
    // places at 3 km and 4 km: the 3 km school.
    const at = (metres: number) => ({ location: east(metres) });
    const arrangements = [
      arrangement('200001', { ...at(1000), phase: 'primary' }),
      arrangement('200002', { ...at(1000), laCode: '887' }),
      arrangement('200003', { location: null }),
      arrangement('200004', { ...at(2000), selective: true }),
      arrangement('200005', { ...at(2500), admissionNumber: 0 }),
      arrangement('200006', { ...at(4000) }),
      arrangement('200007', { ...at(3000) }),
      arrangement('200008', { ...at(9000), admissionNumber: 0 }),
    ];
    const result = allocateRound(round(arrangements, [application('AF', { assessedSuitable: false, preferences: preferences('200008') })]));
    assert.deepEqual(offerOf(result, 'AF'), { applicationId: 'AF', kind: 'allocated', urn: '200007', preferenceRank: null, distanceMetres: 3000 });
    assert.equal(profileOf(result, '200007').offered, 1);
    assert.equal(profileOf(result, '200007').vacancies, 0);
  });

  it('takes on-time applications before late ones, then by reference, for the last place', () => {
    // One place left anywhere (at 5 km). AG (late) is nearer than AH and AI (on time): AH gets it (on time, lower
    // reference), and AI and AG have no offer.
    const result = allocateRound(
      round(
        [arrangement('100001', { admissionNumber: 0 }), arrangement('100002', { location: east(5000) })],
        [
          application('AI', { preferences: preferences('100001') }),
          application('AG', { late: true, home: east(4900), preferences: preferences('100001') }),
          application('AH', { preferences: preferences('100001') }),
        ],
      ),
    );
    assert.deepEqual(
      result.offers.map((o) => [o.applicationId, o.kind, o.urn]),
      [
        ['AI', 'none', null],
        ['AG', 'none', null],
        ['AH', 'allocated', '100002'],
      ],
    );
  });
});

describe('allocation profiles', () => {
  it('counts applicants, first preferences, offers by criterion with the furthest distance, the last offered and the waiting list', () => {
    // School X, 2 places, criteria looked-after, sibling, others. Applicants: AJ sibling 3 km (1st pref), AK others 1 km
    // (1st), AL others 2 km (2nd), AM others 1.5 km, offered its 1st preference Y. Order: AJ, AK, AM, AL; offers AJ, AK;
    // waiting list AM, AL (ranked, not offered X).
    const x = arrangement('100001', { admissionNumber: 2, criteria: [{ kind: 'looked-after' }, { kind: 'sibling' }, { kind: 'other' }] });
    const y = arrangement('100002', { admissionNumber: 1 });
    const result = allocateRound(
      round(
        [x, y],
        [
          application('AJ', { home: east(3000), preferences: preferences({ urn: '100001', sibling: true }) }),
          application('AK', { home: east(1000), preferences: preferences('100001') }),
          application('AL', { home: east(2000), preferences: preferences('100002', '100001') }),
          application('AM', { home: east(1500), preferences: preferences('100002', '100001') }),
        ],
      ),
    );
    // Y: AM (1.5 km) before AL (2 km) under distance; AM offered Y, AL goes on to X and is refused.
    assert.deepEqual(profileOf(result, '100001'), {
      urn: '100001',
      admissionNumber: 2,
      ehcPlanAdmissions: 0,
      applicants: 4,
      firstPreferenceApplicants: 2,
      offered: 2,
      byCriterion: [
        { criterion: 'looked-after', offered: 0, furthestMetres: null },
        { criterion: 'sibling', offered: 1, furthestMetres: 3000 },
        { criterion: 'other', offered: 1, furthestMetres: 1000 },
      ],
      lastOffered: { criterion: 'other', distanceMetres: 1000 },
      vacancies: 0,
      waitingList: ['AM', 'AL'],
    });
    assert.equal(
      outcomeAt(result, 'AL', '100001').text,
      'Ranked 4th of 4 (all other children, 2.00 km). The last place went to the 2nd (all other children, 1.00 km).',
    );
  });
});

describe('the explanations of a round', () => {
  it('hold one entry per application, in the order of the applications, each preference in preference order', () => {
    const result = allocateRound(
      round(
        [arrangement('100001'), arrangement('100002')],
        [application('B2', { preferences: preferences('100002', '100001') }), application('A1', { preferences: preferences('100001') }), application('C3')],
      ),
    );
    assert.equal(result.explanations.size, 3);
    assert.deepEqual([...result.explanations.keys()], ['B2', 'A1', 'C3']);
    assert.ok(result.explanations.has('A1') && !result.explanations.has('Z9'));
    assert.equal(result.explanations.get('Z9'), undefined);
    assert.deepEqual(
      result.explanations.get('B2')!.map((o) => [o.rank, o.urn, o.outcome]),
      [
        [1, '100002', 'offered'],
        [2, '100001', 'higher-preference-offered'],
      ],
    );
    assert.deepEqual(result.explanations.get('C3'), []);
    // Read twice, the same facts (each read makes them afresh from the round).
    assert.deepEqual(
      [...result.explanations.values()],
      [...result.explanations].map(([, outcomes]) => outcomes),
    );
    const seen: string[] = [];
    result.explanations.forEach((_, id) => seen.push(id));
    assert.deepEqual(seen, ['B2', 'A1', 'C3']);
  });
});
