import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { arrangement } from '../../../tests/fixtures/admissions-round.ts';
import type { Criterion } from './admissions.ts';
import { arrangementProblems, criteriaText, criterionLabel, parseCriteria } from './arrangement-rules.ts';

describe('criteria as one line of text', () => {
  it('reads each criterion in order, with the lists of catchment postcodes and feeder schools', () => {
    assert.deepEqual(parseCriteria('looked-after; sibling; catchment(CT1 2|CT1 3); feeder(900123|900124); other'), [
      { kind: 'looked-after' },
      { kind: 'sibling' },
      { kind: 'catchment', postcodes: ['CT1 2', 'CT1 3'] },
      { kind: 'feeder', schools: ['900123', '900124'] },
      { kind: 'other' },
    ]);
  });

  it("reads 'distance' as all other children (who are then ordered by the tie-break), and ignores spaces and a trailing ';'", () => {
    assert.deepEqual(parseCriteria(' looked-after ;medical-social;faith; staff; distance; '), [
      { kind: 'looked-after' },
      { kind: 'medical-social' },
      { kind: 'faith' },
      { kind: 'staff' },
      { kind: 'other' },
    ]);
  });

  it('throws naming the part it cannot read', () => {
    assert.throws(
      () => parseCriteria('looked-after; siblings'),
      /criterion 2 'siblings': 'siblings' is not one of looked-after, medical-social, sibling, catchment, feeder/,
    );
    assert.throws(() => parseCriteria('looked-after; catchment'), /criterion 2 'catchment': catchment needs a list in brackets/);
    assert.throws(() => parseCriteria('sibling(1|2)'), /criterion 1 'sibling\(1\|2\)': sibling takes no list/);
    assert.throws(() => parseCriteria('looked-after; feeder(900123'), /criterion 2 'feeder\(900123' is not a criterion name/);
    assert.throws(
      () => parseCriteria('ehc-plan; looked-after'),
      /criterion 1 'ehc-plan': children with an EHC plan naming the school are admitted before any criterion/,
    );
  });

  it('writes criteria back as text that reads as the same criteria (round trip)', () => {
    const postcode = fc.constantFrom('CT1 2', 'CT1 3', 'ME10 1AA', 'TN4 8');
    const urn = fc.integer({ min: 100_000, max: 999_999 }).map(String);
    const criterion: fc.Arbitrary<Criterion> = fc.oneof(
      fc.constantFrom<Criterion>(
        { kind: 'looked-after' },
        { kind: 'medical-social' },
        { kind: 'sibling' },
        { kind: 'faith' },
        { kind: 'staff' },
        { kind: 'other' },
      ),
      fc.array(postcode, { minLength: 1, maxLength: 3 }).map((postcodes): Criterion => ({ kind: 'catchment', postcodes })),
      fc.array(urn, { minLength: 1, maxLength: 3 }).map((schools): Criterion => ({ kind: 'feeder', schools })),
    );
    fc.assert(
      fc.property(fc.array(criterion, { maxLength: 6 }), (criteria) => {
        assert.deepEqual(parseCriteria(criteriaText(criteria)), criteria);
      }),
      { numRuns: 200, seed: 16 },
    );
    assert.equal(criteriaText(parseCriteria('looked-after;sibling;catchment(CT1 2|CT1 3)')), 'looked-after; sibling; catchment(CT1 2|CT1 3)');
  });

  it('names each criterion in plain English for explanations and profiles', () => {
    assert.equal(criterionLabel('looked-after'), 'looked-after and previously looked-after children');
    assert.equal(criterionLabel('other'), 'all other children');
    assert.equal(criterionLabel('ehc-plan'), 'an EHC plan naming the school');
  });
});

describe('arrangement validation (School Admissions Code 2014)', () => {
  it('accepts a well-formed arrangement', () => {
    const a = arrangement('118800', { criteria: parseCriteria('looked-after; sibling; catchment(CT1 2|ct2 7ab); feeder(900123); other') });
    assert.deepEqual(arrangementProblems(a), []);
  });

  it('requires a whole admission number of at least 0 (Code 1.2: a published admission number)', () => {
    assert.deepEqual(arrangementProblems(arrangement('118800', { admissionNumber: 12.5 })), [
      'admissionNumber must be a whole number of at least 0 (it is 12.5).',
    ]);
    assert.deepEqual(arrangementProblems(arrangement('118800', { admissionNumber: -1 })), ['admissionNumber must be a whole number of at least 0 (it is -1).']);
    assert.deepEqual(arrangementProblems(arrangement('118800', { admissionNumber: 0 })), []);
  });

  it('requires looked-after and previously looked-after children first (Code 1.7)', () => {
    assert.deepEqual(arrangementProblems(arrangement('118800', { criteria: parseCriteria('sibling; other') })), [
      'criteria must include looked-after and previously looked-after children, first (Code 1.7: they have the highest priority).',
    ]);
    assert.deepEqual(arrangementProblems(arrangement('118800', { criteria: parseCriteria('sibling; looked-after; other') })), [
      'criteria must list looked-after first (Code 1.7), not 2nd.',
    ]);
  });

  it('requires all other children last and each criterion once (Code 1.8: clear and objective)', () => {
    assert.deepEqual(arrangementProblems(arrangement('118800', { criteria: parseCriteria('looked-after; other; sibling; sibling') })), [
      'criteria must list other (all other children) last.',
      'criteria lists sibling more than once.',
    ]);
  });

  it('requires catchment postcodes or sectors and 6-digit feeder URNs', () => {
    const criteria = parseCriteria('looked-after; catchment(CT1 2|CT12|not a postcode); feeder(90012|900124)');
    assert.deepEqual(arrangementProblems(arrangement('118800', { criteria })), [
      "criteria: catchment 'CT12' is not a postcode ('CT1 2AB') or postcode sector ('CT1 2').",
      "criteria: catchment 'not a postcode' is not a postcode ('CT1 2AB') or postcode sector ('CT1 2').",
      "criteria: feeder school '90012' is not a 6-digit URN.",
    ]);
  });

  it('allows selection only at secondary (grammar schools admit at 11) and a 32-bit unsigned seed (Code 1.35: a random allocation that can be re-run)', () => {
    assert.deepEqual(arrangementProblems(arrangement('118800', { phase: 'primary', selective: true, tieBreak: { kind: 'random', seed: 2 ** 32 } })), [
      "selective is only for secondary (grammar) schools, and this arrangement's phase is primary.",
      'tieBreak.seed must be a whole number from 0 to 4294967295 (it is 4294967296).',
    ]);
    assert.deepEqual(arrangementProblems(arrangement('118800', { selective: true, tieBreak: { kind: 'random', seed: 4294967295 } })), []);
  });
});
