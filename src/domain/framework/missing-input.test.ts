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

  it('names the module to come for figures Waymark does not compute', () => {
    assert.match(missingInput({ ...gap, feed: 'ofsted' }, '201819', { computable: false, pupilCollections: [] }), /Ofsted inspection outcomes/);
  });
});
