import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { breakdownTitle } from './breakdowns.ts';

// Issue 19.6: a page names a pupil group, never shows its code. The words are the DfE's own for its published groups
// (the performance tables' "Eligible for free school meals", "SEN support", "Statement or EHC plan"; the census's
// major ethnic groups "Asian or Asian British", "Black or Black British").
describe('breakdownTitle names every pupil group in words', () => {
  it('names the framework groups as the pages always have', () => {
    assert.equal(breakdownTitle('all'), 'All pupils');
    assert.equal(breakdownTitle('fsm'), 'Eligible for free school meals');
    assert.equal(breakdownTitle('ehc-plan'), 'Statement or EHC plan');
  });
  it('names ethnic groups, phases and English as an additional language', () => {
    assert.equal(breakdownTitle('ethnicity:asian'), 'Asian or Asian British');
    assert.equal(breakdownTitle('phase:secondary'), 'Secondary schools');
    assert.equal(breakdownTitle('eal'), 'English as an additional language');
  });
  it('joins an ad-hoc group’s conditions, small letters after the first but for names', () => {
    assert.equal(breakdownTitle('fsm+gender:female'), 'Eligible for free school meals, girls');
    assert.equal(breakdownTitle('sen-support+ethnicity:black'), 'SEN support, Black or Black British');
  });
  it('writes out a code it does not know from its parts, never raw', () => {
    assert.equal(breakdownTitle('age:16-18'), '16 18');
    assert.equal(breakdownTitle('looked_after'), 'Looked after');
  });
  it('writes a group within a sentence ("Kent, disadvantaged") with small letters but for names', () => {
    assert.equal(breakdownTitle('disadvantaged', true), 'disadvantaged');
    assert.equal(breakdownTitle('sen-support', true), 'SEN support');
    assert.equal(breakdownTitle('ethnicity:asian', true), 'Asian or Asian British');
  });
});
