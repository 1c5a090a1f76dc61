import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { leaderProblems, matchLeaders, partnershipProblems, partnershipsInForce, type Partnership, type SystemLeader } from './system-leaders.ts';

// System leaders and matching (issue 18.7; docs/adr/0025-system-leadership.md). Distances are worked by hand on the
// National Grid (straight-line metres, as School Admissions Code 1.13 measures home to school).

const leader = (over: Partial<SystemLeader> = {}): SystemLeader => ({
  id: 1,
  kind: 'nle',
  urn: '100001',
  name: 'A Head',
  phases: ['primary'],
  specialisms: ['leadership', 'maths'],
  capacity: 2,
  designatedOn: '2012-09-01',
  endedOn: null,
  ...over,
});
const partnership = (over: Partial<Partnership> = {}): Partnership => ({
  id: 1,
  leaderId: 1,
  urn: '200001',
  kind: 'support',
  startedOn: '2013-01-07',
  endedOn: null,
  need: 'below the floor',
  ...over,
});

describe('system leaders: matching a school to leaders by need, phase and distance', () => {
  const need = { urn: '200009', phase: 'primary' as const, areas: ['leadership', 'english'] as const, location: { easting: 600000, northing: 150000 } };

  it('orders by needs covered, then distance: 3-4-5 km beats 10 km at the same cover, and two needs beat one', () => {
    const near = leader({ id: 1, specialisms: ['leadership'] });
    const far = leader({ id: 2, urn: '100002', specialisms: ['leadership'] });
    const both = leader({ id: 3, urn: '100003', specialisms: ['leadership', 'english'] });
    const matches = matchLeaders(
      need,
      [
        { leader: near, location: { easting: 603000, northing: 154000 }, inForce: 0 }, // 3 km east, 4 km north: 5 km
        { leader: far, location: { easting: 610000, northing: 150000 }, inForce: 0 }, // 10 km
        { leader: both, location: { easting: 620000, northing: 150000 }, inForce: 0 }, // 20 km, but covers both needs
      ],
      '2014-01-01',
    );
    assert.deepEqual(
      matches.map((m) => [m.leader.id, m.distanceKm, m.covers]),
      [
        [3, 20, ['leadership', 'english']],
        [1, 5, ['leadership']],
        [2, 10, ['leadership']],
      ],
    );
    assert.ok(matches[1]!.reasons.includes('5.0 km away'));
    assert.ok(matches[1]!.reasons.includes('offers leadership (1 of the needs not)'));
  });

  it('leaves out a leader of another phase, one with no place free, one not yet designated or no longer, one offering none of the needs, and the school itself', () => {
    const loc = { easting: 600000, northing: 150000 };
    const out = matchLeaders(
      need,
      [
        { leader: leader({ id: 1, phases: ['secondary'] }), location: loc, inForce: 0 },
        { leader: leader({ id: 2, capacity: 2 }), location: loc, inForce: 2 },
        { leader: leader({ id: 3, designatedOn: '2014-01-02' }), location: loc, inForce: 0 },
        { leader: leader({ id: 4, endedOn: '2014-01-01' }), location: loc, inForce: 0 },
        { leader: leader({ id: 5, specialisms: ['maths'] }), location: loc, inForce: 0 },
        { leader: leader({ id: 6, urn: '200009' }), location: loc, inForce: 0 },
        { leader: leader({ id: 7, endedOn: '2014-01-02' }), location: null, inForce: 1 },
      ],
      '2014-01-01',
    );
    assert.deepEqual(
      out.map((m) => [m.leader.id, m.distanceKm, m.free]),
      [[7, null, 1]],
    );
    assert.ok(out[0]!.reasons.includes('distance not known (no grid reference held for a postcode)'));
  });

  it('counts a partnership in force from its start day to the day before its end', () => {
    const held = [partnership({ startedOn: '2013-01-07', endedOn: '2014-09-01' }), partnership({ id: 2, startedOn: '2014-09-01' })];
    assert.equal(partnershipsInForce(1, held, '2013-01-06'), 0);
    assert.equal(partnershipsInForce(1, held, '2014-08-31'), 1);
    assert.equal(partnershipsInForce(1, held, '2014-09-01'), 1);
    assert.equal(partnershipsInForce(2, held, '2014-09-01'), 0);
  });
});

describe('system leaders: what is refused when recorded', () => {
  it('a leader needs a kind, a URN, a name, phases, specialisms, a capacity of 1-6 and a past day', () => {
    assert.deepEqual(
      leaderProblems(
        { kind: 'nle', urn: '100001', name: 'A Head', phases: ['primary'], specialisms: ['maths'], capacity: 2, designatedOn: '2012-09-01' },
        '2014-01-01',
      ),
      [],
    );
    assert.deepEqual(
      leaderProblems({ kind: 'head', urn: '1001', name: ' ', phases: [], specialisms: ['art'], capacity: 7, designatedOn: '2014-01-02' }, '2014-01-01').map(
        (p) => p.field,
      ),
      ['kind', 'urn', 'name', 'phases', 'specialisms', 'capacity', 'designatedOn'],
    );
  });

  it('a partnership must start while its leader is designated, with a place free, end after it starts, and not be with the leader’s own school', () => {
    const today = '2015-01-01';
    const input = { leaderId: 1, urn: '200002', kind: 'federation', startedOn: '2014-09-01', endedOn: null, need: 'below the floor in 2014' };
    assert.deepEqual(partnershipProblems(input, leader(), [partnership()], today), []);
    // Capacity 2, two in force on the start day.
    assert.deepEqual(
      partnershipProblems(input, leader(), [partnership(), partnership({ id: 2, urn: '200003' })], today).map((p) => p.field),
      ['leaderId'],
    );
    // Free on the start day, but another partnership already recorded begins during it and takes the last place.
    const later = [partnership({ startedOn: '2014-10-01' }), partnership({ id: 2, urn: '200003', startedOn: '2014-08-01', endedOn: '2014-09-02' })];
    assert.match(
      partnershipProblems({ ...input, startedOn: '2014-09-02' }, leader({ capacity: 1 }), later, today)[0]!.message,
      /a partnership recorded to begin later/,
    );
    // Ended before the later one begins: free throughout.
    assert.deepEqual(partnershipProblems({ ...input, startedOn: '2014-09-02', endedOn: '2014-10-01' }, leader({ capacity: 1 }), later, today), []);
    // The first partnership ended on the start day: its place is free again.
    assert.deepEqual(partnershipProblems(input, leader(), [partnership({ endedOn: '2014-09-01' }), partnership({ id: 2, urn: '200003' })], today), []);
    assert.deepEqual(
      partnershipProblems({ ...input, startedOn: '2012-08-31' }, leader(), [], today).map((p) => p.field),
      ['startedOn'],
    );
    assert.deepEqual(
      partnershipProblems({ ...input, endedOn: '2014-09-01' }, leader(), [], today).map((p) => p.field),
      ['endedOn'],
    );
    assert.deepEqual(
      partnershipProblems({ ...input, urn: '100001' }, leader(), [], today).map((p) => p.field),
      ['urn'],
    );
    assert.deepEqual(
      partnershipProblems({ ...input, urn: '200001' }, leader({ capacity: 3 }), [partnership()], today).map((p) => p.field),
      ['urn'],
    );
    // The same school under its academy's URN (200001 converted to 200777; the line as conversionLines gives it), and
    // the leader's own school under its old URN (100001 became 100777).
    const lineOf = (urn: string) =>
      ['200001', '200777'].includes(urn) ? ['200777', '200001'] : ['100001', '100777'].includes(urn) ? ['100777', '100001'] : [urn];
    assert.deepEqual(
      partnershipProblems({ ...input, urn: '200777' }, leader({ capacity: 3 }), [partnership()], today, lineOf).map((p) => p.message),
      ['A Head already has a partnership with this school over those dates'],
    );
    assert.deepEqual(
      partnershipProblems({ ...input, urn: '100777' }, leader({ urn: '100001' }), [], today, lineOf).map((p) => p.message),
      ['A leader’s own school is not a school it supports'],
    );
    // The same school again from the day the first ended (its first day without): no overlap.
    assert.deepEqual(
      partnershipProblems({ ...input, urn: '200001', startedOn: '2014-09-01' }, leader({ capacity: 3 }), [partnership({ endedOn: '2014-09-01' })], today),
      [],
    );
    assert.deepEqual(
      partnershipProblems({ ...input, kind: 'friendship', need: '' }, undefined, [], today).map((p) => p.field),
      ['kind', 'need', 'leaderId'],
    );
    assert.deepEqual(
      partnershipProblems({ ...input, startedOn: '2015-01-02' }, leader(), [], today).map((p) => p.field),
      ['startedOn'],
    );
  });
});
