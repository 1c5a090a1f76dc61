import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { partnershipsInForce } from '../domain/schools/system-leaders.ts';
import { generateSystemLeadership, type DemoLeadershipSchool } from './system-leadership.ts';

// The demo county's system leaders and partnerships (src/demo/system-leadership.ts): drawn from outstanding and good
// schools, brokered for schools below the floor within each leader's capacity, the same for the same seed.

const schools: DemoLeadershipSchool[] = Array.from({ length: 240 }, (_, i) => ({
  urn: String(900000 + i),
  name: `School ${i}`,
  phase: i % 5 === 0 ? 'secondary' : 'primary',
  location: { easting: 600000 + (i % 20) * 1500, northing: 150000 + Math.floor(i / 20) * 1500 },
  // A quarter outstanding, half good, the rest requiring improvement.
  gradeOn: () => (i % 4 === 0 ? 1 : i % 4 === 3 ? 3 : 2),
  belowIn: new Set(i % 9 === 3 ? [2013] : i % 11 === 5 ? [2014, 2015] : []),
}));

describe('the demo county’s system leaders and partnerships', () => {
  const made = generateSystemLeadership(schools, 2013, [2012, 2013, 2014, 2015], '2026-12-04');

  it('designates leaders only from outstanding schools (NLEs, teaching schools, outstanding schools) and good ones (LLEs)', () => {
    assert.ok(made.leaders.length > 20, `${made.leaders.length} leaders`);
    for (const l of made.leaders) {
      const i = Number(l.urn) - 900000;
      assert.equal(i % 4 === 0 ? 1 : i % 4 === 3 ? 3 : 2, l.kind === 'lle' ? 2 : 1, `${l.urn} ${l.kind}`);
      assert.deepEqual(l.phases, [schools[i]!.phase]);
    }
  });

  it('brokers only schools below the floor, the autumn after their results, never beyond a leader’s capacity or phase', () => {
    assert.ok(made.partnerships.length > 10, `${made.partnerships.length} partnerships`);
    const held = made.partnerships.map((p, id) => ({ ...p, id, leaderId: p.leader }));
    for (const p of made.partnerships) {
      const school = schools.find((s) => s.urn === p.urn)!;
      const summer = Number(p.startedOn.slice(0, 4));
      assert.ok(school.belowIn.has(summer), `${p.urn} below the floor in ${summer}`);
      assert.ok(p.startedOn >= `${summer}-09-01` && p.startedOn <= `${summer}-12-31`, p.startedOn);
      const leader = made.leaders[p.leader]!;
      assert.ok(leader.phases.includes(school.phase));
      assert.ok(partnershipsInForce(p.leader, held, p.startedOn) <= leader.capacity, `${leader.name} on ${p.startedOn}`);
      assert.match(p.need, /^Demo county \(synthetic\): below the floor standard \(or its attainment condition\) in \d{4}/);
    }
  });

  it('is the same for the same seed, and another for another', () => {
    assert.deepEqual(generateSystemLeadership(schools, 2013, [2012, 2013, 2014, 2015], '2026-12-04'), made);
    assert.notDeepEqual(generateSystemLeadership(schools, 2014, [2012, 2013, 2014, 2015], '2026-12-04'), made);
  });
});
