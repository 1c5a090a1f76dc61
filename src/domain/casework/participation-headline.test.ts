import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countsOf, groupsOn, headlineOf, headlineRuleOf, septemberGuarantee, snapshotCounts } from './participation-headline.ts';

describe('NEET headlines (domain.md §6.3)', () => {
  it('averages December-February numerators and cohorts separately, then divides: the worked example gives 3.1%, 1.9%, 5.0%', () => {
    // domain.md §6.3 worked example: cohorts 32,100/31,900/32,000; NEET 1,010/990/1,000; not known 650/580/570.
    const months = headlineRuleOf(2015).months;
    const h = headlineOf('dec-feb-16-17', months, [
      { cohort: 32_100, eet: 0, neet: 1010, notKnown: 650 },
      { cohort: 31_900, eet: 0, neet: 990, notKnown: 580 },
      { cohort: 32_000, eet: 0, neet: 1000, notKnown: 570 },
    ]);
    assert.equal(h.avgCohort, 32_000);
    assert.equal(h.neetPercent!.toFixed(1), '3.1');
    assert.equal(h.notKnownPercent!.toFixed(1), '1.9');
    assert.equal(h.neetOrNotKnownPercent!.toFixed(1), '5.0');
  });

  it('uses December-February for 16-17s from 2015/16 and November-January for 16-18s to 2014/15 (NI 117)', () => {
    assert.deepEqual(headlineRuleOf(2015).months, ['2015-12-31', '2016-01-31', '2016-02-29']);
    assert.deepEqual(headlineRuleOf(2015).band, { from: 16, to: 17 });
    assert.deepEqual(headlineRuleOf(2011).months, ['2011-11-30', '2011-12-31', '2012-01-31']);
    assert.deepEqual(headlineRuleOf(2011).band, { from: 16, to: 18 });
  });

  it("takes NI 117 NEET of those known: 2,577 NEET of 40,905 known is the seed's 6.3%", () => {
    // Kent framework (seed): 2,577 young people (6.3%) early 2012. 2,577 / 0.063 = 40,905 known; 2,000 not known beside them.
    const month = { cohort: 42_905, eet: 38_328, neet: 2577, notKnown: 2000 };
    const h = headlineOf('nov-jan-16-18', headlineRuleOf(2011).months, [month, month, month]);
    assert.equal(h.neetPercent!.toFixed(1), '6.3');
  });

  it('counts each young person as at the month end by academic age, leaving custody (710) out of the cohort', () => {
    const people = [
      { key: 'a', dateOfBirth: '1995-10-01', spells: [{ code: '230', startDate: '2012-09-01', confirmedOn: '2012-09-15' }] }, // 16
      { key: 'a', dateOfBirth: '1995-03-01', spells: [{ code: '619', startDate: '2012-11-01', confirmedOn: '2012-11-01' }] }, // 17
      { key: 'a', dateOfBirth: '1995-03-01', spells: [{ code: '710', startDate: '2012-09-01', confirmedOn: '2012-09-01' }] }, // custody
      { key: 'a', dateOfBirth: '1995-03-01', spells: [] }, // none recorded: not known
      { key: 'a', dateOfBirth: '1993-03-01', spells: [{ code: '619', startDate: '2012-11-01', confirmedOn: '2012-11-01' }] }, // 19: out of band
    ];
    assert.deepEqual(snapshotCounts(people, '2012-12-31', { from: 16, to: 17 }).get('a'), { cohort: 3, eet: 1, neet: 1, notKnown: 1 });
    // One day's groups serve every band: the 19-year-old joins the 16-18 count (NI 117), not the 16-17 one.
    const groups = groupsOn(people, '2012-12-31');
    assert.deepEqual(countsOf(people, groups, '2012-12-31', { from: 16, to: 17 }).get('a'), { cohort: 3, eet: 1, neet: 1, notKnown: 1 });
    assert.deepEqual(countsOf(people, groups, '2012-12-31', { from: 16, to: 19 }).get('a'), { cohort: 4, eet: 1, neet: 2, notKnown: 1 });
    // Counted by another key, or left out (null): the PRU leavers' count.
    assert.deepEqual(
      [...countsOf(people, groups, '2012-12-31', { from: 16, to: 17 }, (p) => (p.spells.length > 0 ? 'with' : null))],
      [['with', { cohort: 2, eet: 1, neet: 1, notKnown: 0 }]],
    );
  });

  it('counts September Guarantee offers recorded by 30 September of the leaving year', () => {
    const result = septemberGuarantee(
      [
        { yearGroup: 11, offeredOn: '2013-06-01' },
        { yearGroup: 11, offeredOn: '2013-10-01' }, // after the end of September
        { yearGroup: 12, offeredOn: null },
        { yearGroup: 12, offeredOn: '2013-09-30' },
      ],
      2013,
    );
    assert.equal(result.year11.percent, 50);
    assert.equal(result.year12.percent, 50);
    assert.equal(result.all.offered, 2);
  });
});
