import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkEpisode, cohortDateOf, continuouslyLookedAfter } from './children-in-care-rules.ts';

describe('children in care: looked after continuously for 12 months at 31 March', () => {
  it('counts 2011/12 at 31 March 2012', () => {
    assert.equal(cohortDateOf('201112'), '2012-03-31');
  });

  it('needs every day from 1 April of the year before to 31 March covered, across changes of placement', () => {
    // DfE, Outcomes for children looked after (OC2 cohort): looked after continuously for at least 12 months at 31 March.
    const at = '2012-03-31';
    assert.equal(continuouslyLookedAfter([{ start: '2011-04-01', end: null, legalStatus: 'C2' }], at), true);
    assert.equal(continuouslyLookedAfter([{ start: '2011-04-02', end: null, legalStatus: 'C2' }], at), false); // 364 days
    const moved = [
      { start: '2009-06-10', end: '2011-11-14', legalStatus: 'C2' },
      { start: '2011-11-14', end: null, legalStatus: 'C2' },
    ];
    assert.equal(continuouslyLookedAfter(moved, at), true);
    const gap = [
      { start: '2009-06-10', end: '2011-11-14', legalStatus: 'C2' },
      { start: '2011-11-20', end: null, legalStatus: 'C2' },
    ];
    assert.equal(continuouslyLookedAfter(gap, at), false);
    assert.equal(continuouslyLookedAfter([{ start: '2009-06-10', end: '2012-03-30', legalStatus: 'C2' }], at), false); // left care before 31 March
  });

  it('leaves out children whose care is a series of short breaks (V3, V4)', () => {
    assert.equal(continuouslyLookedAfter([{ start: '2010-01-01', end: null, legalStatus: 'V4' }], '2012-03-31'), false);
  });

  it('checks an episode as the 903 gives it', () => {
    assert.deepEqual(
      checkEpisode({ start: '2011-02-30', end: null, legalStatus: 'C2' }).map((e) => e.field),
      ['DECOM'],
    );
    assert.deepEqual(
      checkEpisode({ start: '2011-02-03', end: '2011-02-01', legalStatus: 'XX' }).map((e) => e.field),
      ['DEC', 'LS'],
    );
  });
});
