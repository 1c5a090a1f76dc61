import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eyfsProfile, ks2Headline, ks4Headlines, persistentAbsenceRule } from './year-rules.ts';

describe('persistent absence by year (domain.md §4.2 worked example)', () => {
  it('uses the 10% pupil-level threshold from 2015/16', () => {
    assert.deepEqual(persistentAbsenceRule('201516'), {
      method: 'pupil-level',
      thresholdPercent: 10,
      description: "10% or more of the enrolment's own possible sessions missed",
    });
  });

  it('uses the 15% fixed count of 56 sessions over six half-terms in 2012/13 to 2014/15', () => {
    assert.equal(persistentAbsenceRule('201415').thresholdPercent, 15);
  });

  it('uses 46 sessions over five half-terms in 2010/11 and 2011/12, and 64 (about 20%) before', () => {
    assert.deepEqual(persistentAbsenceRule('201112'), {
      method: 'fixed-sessions',
      thresholdPercent: 15,
      sessions: 46,
      halfTerms: 5,
      description: '46 or more sessions missed over five half-terms (about 15%)',
    });
  });
});

describe('headline measures by year (domain.md §1.1)', () => {
  it('moves KS2 from level 4 English and maths (2012) to reading, writing and maths (2013-2015) to the expected standard (2016)', () => {
    assert.equal(ks2Headline('201112')?.code, 'ks2-level4-english-maths');
    assert.equal(ks2Headline('201213')?.code, 'ks2-level4-rwm');
    assert.equal(ks2Headline('201415')?.code, 'ks2-level4-rwm');
    assert.equal(ks2Headline('201516')?.code, 'ks2-expected-rwm');
    assert.equal(ks2Headline('201920'), null);
  });

  it('moves KS4 from 5+ A*-C with English and maths to Attainment 8 and Progress 8 in 2016, with grade 5 from 2017', () => {
    assert.deepEqual(ks4Headlines('201415'), ['ks4-5ac-em']);
    assert.deepEqual(ks4Headlines('201516'), ['ks4-attainment8', 'ks4-progress8', 'ks4-a-c-english-maths']);
    assert.deepEqual(ks4Headlines('201617'), ['ks4-attainment8', 'ks4-progress8', 'ks4-grade5-english-maths']);
    assert.deepEqual(ks4Headlines('202425'), ['ks4-attainment8', 'ks4-grade5-english-maths']);
  });

  it('defines the EYFS good level of development by the profile in force: 2008 to 2012, revised from 2013, reformed from 2022', () => {
    assert.equal(eyfsProfile('201112'), 'eyfsp-2008');
    assert.equal(eyfsProfile('201213'), 'eyfsp-2012');
    assert.equal(eyfsProfile('201920'), null);
    assert.equal(eyfsProfile('202122'), 'eyfsp-2021');
  });
});
