import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { missingInput } from './framework.ts';

// Issue 11 point 12: a target with no figure names the input that is really missing, not the feed in general.
describe('the missing input of a target with no figure', () => {
  const gap = { title: 'EYFS inequality gap', feed: 'pupil-records', source: 'DfE, EYFS profile results', lait: null };

  it('does not ask for pupil records that are imported when no rule computes the measure from them', () => {
    // The demo imports EYFS pupil records, but src/compute/measures.ts has no rule for the inequality gap.
    const reason = missingInput(gap, '201213', { computable: false, pupilCollections: ['eyfs', 'ks2'] });
    assert.doesNotMatch(reason, /waymark pupils import/);
    assert.match(
      reason,
      /no rule computing EYFS inequality gap from pupil records \(the 2012\/13 pupil records imported: eyfs, ks2\); it needs the published figure \(DfE, EYFS profile results\)/,
    );
  });

  it('asks for the year’s pupil records where a rule computes the measure, and says whether LAIT publishes it', () => {
    const ks1 = { title: 'KS1 RWM', feed: 'pupil-records', source: 'DfE', lait: null };
    assert.match(
      missingInput(ks1, '201819', { computable: true, pupilCollections: [] }),
      /none for 2018\/19 are imported \(waymark pupils import\); the DfE's LA tool \(LAIT\) publishes no figure/,
    );
    const pa = { ...ks1, lait: 'TotPerAbNew' };
    assert.match(missingInput(pa, '201819', { computable: true, pupilCollections: [] }), /nor is LAIT's TotPerAbNew imported/);
  });

  it('does not say LAIT is not imported when it is and holds other years only', () => {
    // Kent's real files (tests/framework-real-data.test.ts): LAIT's TotPerAbNew starts in 2015/16, so 2013/14 has none.
    const pa = { title: 'Persistent absence', feed: 'pupil-records', source: 'DfE', lait: 'TotPerAbNew' };
    const reason = missingInput(pa, '201314', { computable: true, pupilCollections: [], otherPeriods: ['201617', '201516'] });
    assert.doesNotMatch(reason, /nor is LAIT's TotPerAbNew imported/);
    assert.match(reason, /figures are held for 2015\/16 to 2016\/17 only \(imported files such as LAIT's TotPerAbNew\), none for 2013\/14$/);
    const one = missingInput({ ...pa, lait: null }, '201314', { computable: true, pupilCollections: [], otherPeriods: ['201516'] });
    assert.match(one, /figures are held for 2015\/16 only \(imported files\), none for 2013\/14$/);
    // LAIT's Attainment 8 is imported for all pupils but splits by disadvantage, not FSM: the FSM gap says so.
    const a8 = { title: 'Attainment 8', feed: 'pupil-records', source: 'DfE', lait: 'AVG_Attain8_Score' };
    assert.match(
      missingInput(a8, '201516', { computable: true, pupilCollections: [], otherGroups: true }),
      /figures of it are held for other pupil groups only \(imported files such as LAIT's AVG_Attain8_Score\), none for this group$/,
    );
  });

  it('names the module to come for figures Waymark does not compute', () => {
    assert.match(missingInput({ ...gap, feed: 'ofsted' }, '201819', { computable: false, pupilCollections: [] }), /Ofsted inspection outcomes/);
  });

  it('names the rule that withheld a figure held as x, with its counts, not "comes from a published file"', () => {
    // Kent 2015/16 secondary schools above the floor (school outcomes from ks4_school_2016.csv): 6 of 90 undecided.
    const floor = { title: 'Secondary schools above the floor standard', feed: 'published', source: 'DfE performance tables', lait: null };
    const reason = missingInput(floor, '201516', {
      computable: false,
      pupilCollections: [],
      withheld: {
        symbol: 'x',
        rule: 'schools judged by the 2016 floor standard (secondary); "x" where any school\'s floor cannot be decided from the figures held',
        detail: { schools: 90, below: 0, undecided: 6 },
      },
    });
    assert.equal(
      reason,
      'Secondary schools above the floor standard for 2015/16 is held as "x" (not available): where any school\'s floor cannot be decided from the figures held (6 of 90 schools)',
    );
  });

  it('does not ask for Ofsted files to be imported when they are', () => {
    const teaching = { title: 'Schools where teaching is judged good or outstanding', feed: 'ofsted', source: 'Ofsted inspection outcomes', lait: null };
    const reason = missingInput(teaching, '201314', { computable: false, pupilCollections: [], feedImported: true });
    assert.doesNotMatch(reason, /not yet imported/);
    assert.match(reason, /are imported, but no figure of schools where teaching/);
  });
});
