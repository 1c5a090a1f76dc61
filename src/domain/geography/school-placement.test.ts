import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { membershipsForYear, type SchoolLink } from './school-placement.ts';

// 2017/18 runs from 1 September 2017 to 31 August 2018; its January census is taken as 15 January 2018.
describe('where a school counts in an academic year', () => {
  const link = (schoolId: number, parentId: number, parentKind: SchoolLink['parentKind'], validFrom: string | null, validTo: string | null): SchoolLink => ({
    schoolId,
    parentId,
    parentKind,
    validFrom,
    validTo,
  });

  it('counts an academy that opened after the January census in its LA, as in its district', () => {
    // URN 2 converted on 1 March 2018 (after the census): its LA link starts then; its district link is undated.
    const got = membershipsForYear([link(2, 886, 'la', '2018-03-01', null), link(2, 10, 'district', null, null)], '201718');
    assert.deepEqual(
      got.map((m) => [m.parentKind, m.parentId]),
      [
        ['la', 886],
        ['district', 10],
      ],
    );
  });

  it('does not count a school closed before the year began', () => {
    assert.deepEqual(membershipsForYear([link(1, 886, 'la', null, '2017-08-31')], '201718'), []);
  });

  it('counts a school in one LA in a year of a boundary change: the one it was in last', () => {
    const got = membershipsForYear([link(3, 835, 'la', null, '2019-03-31'), link(3, 839, 'la', '2019-04-01', null)], '201819');
    assert.deepEqual(
      got.map((m) => m.parentId),
      [839],
    );
  });

  it('counts a collaboration member only if it belonged at the January census', () => {
    const got = membershipsForYear([link(4, 50, 'grouping', '2018-02-01', null), link(5, 50, 'grouping', '2017-09-01', null)], '201718');
    assert.deepEqual(
      got.map((m) => m.schoolId),
      [5],
    );
  });
});
