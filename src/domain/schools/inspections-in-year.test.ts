import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goodOrOutstandingCounts, inspectionsByYear, inspectionYearOf, nationalMinimumLas, type YearInspection } from './inspections-in-year.ts';

// Ofsted's official statistics count inspections in a period (ofsted-inspections-2013-14/PROVENANCE.md: "inspections in
// a period, not a snapshot of every school's current grade"); good or outstanding = overall effectiveness 1 or 2.
const inspection = (laCode: string, startedOn: string, grade: YearInspection['grade']): YearInspection => ({ laCode, startedOn, grade, category: null });

describe('inspections in an academic year', () => {
  it('places an inspection in the academic year it started in (1 September to 31 August)', () => {
    assert.equal(inspectionYearOf('2013-09-01'), '201314');
    assert.equal(inspectionYearOf('2014-08-31'), '201314');
    assert.equal(inspectionYearOf('2014-09-01'), '201415');
  });

  it('gives each LA its share good or outstanding of its graded inspections, ungraded ones left out', () => {
    const [year] = inspectionsByYear([
      inspection('886', '2013-10-01', 1),
      inspection('886', '2013-11-01', 2),
      inspection('886', '2014-01-10', 3),
      inspection('886', '2014-02-10', null),
    ]);
    const kent = year!.las.get('886')!;
    assert.deepEqual(goodOrOutstandingCounts(kent), { good: 2, graded: 3 });
    assert.equal(kent.goodOrOutstanding, (100 * 2) / 3);
    // One LA's inspections are not England's.
    assert.equal(year!.england, null);
  });

  it("sums England over every LA where the year's inspections cover England", () => {
    const all = Array.from({ length: nationalMinimumLas }, (_, i) => [
      inspection(String(800 + i), '2013-10-01', 2),
      inspection(String(800 + i), '2014-03-01', i % 2 === 0 ? 3 : 4),
    ]).flat();
    const [year] = inspectionsByYear(all);
    assert.deepEqual(goodOrOutstandingCounts(year!.england!), { good: nationalMinimumLas, graded: 2 * nationalMinimumLas });
    assert.equal(year!.england!.goodOrOutstanding, 50);
  });
});
