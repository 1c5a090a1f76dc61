import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { furthestShort } from './furthest-schools.ts';

// The target page lists the LA's schools furthest from the end target (README "The framework"; Kent's 2013-2016
// framework, frameworks/kent-2013-2016.yaml: KS2 level 4+ in English and maths at least 87% by 2016).
const school = (urn: string, name: string, value: number | null) => ({ urn, name, value, pupils: 30 });

describe('the schools furthest short of a target', () => {
  it('lists schools below an at-least goal, furthest first, by how far they fall short', () => {
    const listed = furthestShort(
      [school('1', 'Ash', 80), school('2', 'Beech', 62), school('3', 'Cedar', 87), school('4', 'Damson', 90)],
      87,
      'higher_is_better',
      0,
    );
    // 87 - 62 = 25 and 87 - 80 = 7; Cedar meets the goal and Damson passes it.
    assert.deepEqual(
      listed.map((s) => [s.name, s.short]),
      [
        ['Beech', 25],
        ['Ash', 7],
      ],
    );
  });

  it('reads "short" the other way for a lower-is-better goal, and rounds it as published', () => {
    // A gap of at most 10 points: 14.26 is 4.26 short, 4.3 at one decimal; 9.9 is within the goal.
    const listed = furthestShort([school('1', 'Ash', 14.26), school('2', 'Beech', 9.9)], 10, 'lower_is_better', 1);
    assert.deepEqual(
      listed.map((s) => [s.name, s.short]),
      [['Ash', 4.3]],
    );
  });

  it('leaves out hidden figures, orders ties by name and keeps at most ten', () => {
    const many = Array.from({ length: 12 }, (_, i) => school(String(i), `School ${String.fromCharCode(76 - i)}`, 50));
    const listed = furthestShort([...many, school('x', 'Hidden', null)], 87, 'higher_is_better', 0);
    assert.equal(listed.length, 10);
    assert.equal(listed[0]!.name, 'School A');
    assert.ok(!listed.some((s) => s.name === 'Hidden'));
    assert.deepEqual(furthestShort([school('1', 'Ash', 10)], 87, 'none', 0), []);
  });
});
