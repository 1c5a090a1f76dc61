import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkExclusion, exclusionReasons, permanentExclusionCounts, reviewStage, type ExclusionFacts } from './exclusion-rules.ts';
import { academicYearOf } from '../periods/period.ts';

const permanent: ExclusionFacts = {
  kind: 'permanent',
  reasonCode: 'PD',
  decisionDate: '2012-03-05',
  startDate: '2012-03-06',
  sessions: null,
  governorsOutcome: null,
  panelOutcome: null,
  reconsideredOutcome: null,
};
const suspension: ExclusionFacts = { ...permanent, kind: 'suspension', sessions: 6 };

describe('exclusion rules', () => {
  it('uses the school census reason codes of the year: MT (offensive weapon) only from 2020/21', () => {
    // School census guide: 12 codes to 2019/20 (PP … OT); 2020/21 added MT, LG, DS, OW and PH.
    assert.deepEqual(
      exclusionReasons('201112').map((r) => r.code),
      ['PP', 'PA', 'VP', 'VA', 'BU', 'RA', 'SM', 'DA', 'DM', 'TH', 'PD', 'OT'],
    );
    assert.equal(
      exclusionReasons('201920').some((r) => r.code === 'MT'),
      false,
    );
    assert.equal(
      exclusionReasons('202021').some((r) => r.code === 'MT'),
      true,
    );
    assert.equal(exclusionReasons('202021').length, 17);
    assert.deepEqual(
      checkExclusion({ ...permanent, reasonCode: 'MT' }, 0).map((e) => e.field),
      ['reasonCode'],
    );
    assert.deepEqual(checkExclusion({ ...permanent, reasonCode: 'MT', decisionDate: '2021-01-11', startDate: '2021-01-12' }, 0), []);
  });

  it('counts an exclusion in the academic year of its decision date, 1 September to 31 August', () => {
    assert.equal(academicYearOf('2012-03-05'), '201112');
    assert.equal(academicYearOf('2012-08-31'), '201112');
    assert.equal(academicYearOf('2012-09-01'), '201213');
  });

  it('counts a permanent exclusion unless the pupil was reinstated (domain.md §5: upheld, or not overturned)', () => {
    assert.equal(permanentExclusionCounts(permanent), true); // awaiting the governors: the pupil is off roll
    assert.equal(permanentExclusionCounts({ ...permanent, governorsOutcome: 'upheld' }), true);
    assert.equal(permanentExclusionCounts({ ...permanent, governorsOutcome: 'reinstated' }), false);
    // The panel quashes and directs reconsideration; the governors reinstate on reconsidering: not counted.
    assert.equal(
      permanentExclusionCounts({ ...permanent, governorsOutcome: 'upheld', panelOutcome: 'quash-reconsider', reconsideredOutcome: 'reinstated' }),
      false,
    );
    assert.equal(
      permanentExclusionCounts({ ...permanent, governorsOutcome: 'upheld', panelOutcome: 'recommend-reconsider', reconsideredOutcome: 'upheld' }),
      true,
    );
    assert.equal(permanentExclusionCounts(suspension), false);
    assert.equal(reviewStage({ ...permanent, governorsOutcome: 'upheld', panelOutcome: 'recommend-reconsider' }), 'Panel asked the governors to reconsider');
  });

  it('refuses a suspension that takes the pupil past 45 school days (90 sessions) in the school year', () => {
    // Statutory guidance, Exclusion from maintained schools, academies and PRUs in England (2012): at most 45 school days a year.
    assert.deepEqual(checkExclusion({ ...suspension, sessions: 10 }, 80), []);
    const over = checkExclusion({ ...suspension, sessions: 12 }, 80);
    assert.deepEqual(
      over.map((e) => e.field),
      ['sessions'],
    );
    assert.match(over[0]!.message, /80 already recorded/);
    assert.deepEqual(
      checkExclusion({ ...suspension, sessions: 0 }, 0).map((e) => e.field),
      ['sessions'],
    );
  });

  it('refuses reviews out of their statutory order and a start before the decision', () => {
    assert.deepEqual(
      checkExclusion({ ...permanent, panelOutcome: 'upheld' }, 0).map((e) => e.field),
      ['panelOutcome'],
    );
    assert.deepEqual(
      checkExclusion({ ...permanent, governorsOutcome: 'upheld', panelOutcome: 'upheld', reconsideredOutcome: 'reinstated' }, 0).map((e) => e.field),
      ['reconsideredOutcome'],
    );
    assert.deepEqual(
      checkExclusion({ ...permanent, startDate: '2012-03-04' }, 0).map((e) => e.field),
      ['startDate'],
    );
    assert.deepEqual(
      checkExclusion({ ...permanent, decisionDate: '2012-02-30' }, 0).map((e) => e.field),
      ['decisionDate'],
    );
  });
});
