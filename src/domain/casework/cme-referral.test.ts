import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkEnquiry, checkOutcome, checkReferral, isUpn, upnWithCheckLetter, type ReferralValues } from './cme-referral.ts';

const good: ReferralValues = {
  givenName: 'Amy',
  familyName: 'Example',
  dateOfBirth: '2010-05-06',
  sex: 'F',
  upn: 'T886211100001',
  postcode: 'me10 4dd',
  districtCode: 'E07000113',
  knownOn: '2024-03-04',
  source: 'deletion-notice',
  deletionGround: '8(1)(h)',
  reason: 'Deleted after 20 school days of unauthorised absence; family not at address',
};

describe('a CME referral checked field by field (the form and the CSV import alike)', () => {
  it('checks a UPN’s check letter (DfE UPN guidance: characters 2-13 × positions 2-13, sum mod 23)', () => {
    // 8×2+8×3+6×4+2×5+1×6+1×7+1×8+0+0+0+0+1×13 = 108; 108 mod 23 = 16 → T (A-Z without I, O, S).
    assert.equal(isUpn('T886211100001'), true);
    assert.equal(isUpn('A886211100001'), false);
    // A temporary UPN ends in a letter, valued by its place in the list: A = 0, so the sum is 95, 95 mod 23 = 3 → D.
    assert.equal(isUpn('D88621110000A'), true);
    assert.equal(isUpn('T88621110000'), false);
    assert.equal(upnWithCheckLetter('886211100001'), 'T886211100001');
    assert.equal(upnWithCheckLetter('88621110000A'), 'D88621110000A');
  });

  it('keeps a good referral, normalising the postcode and keeping the regulation 8 ground of a deletion notice', () => {
    const checked = checkReferral(good, '2024-03-05');
    assert.ok('referral' in checked);
    assert.equal(checked.referral.postcode, 'ME104DD');
    assert.equal(checked.referral.deletionGround, '8(1)(h)');
    assert.equal(checked.referral.upn, 'T886211100001');
  });

  it('names every field that is wrong', () => {
    const checked = checkReferral(
      {
        ...good,
        givenName: ' ',
        dateOfBirth: '2010-02-30',
        sex: 'X',
        upn: 'A886211100001',
        postcode: 'nowhere',
        knownOn: '2024-03-06',
        deletionGround: '',
        reason: '',
      },
      '2024-03-05',
    );
    assert.ok('problems' in checked);
    assert.deepEqual(
      checked.problems.map((p) => p.field),
      ['given-name', 'date-of-birth', 'sex', 'upn', 'postcode', 'known-on', 'deletion-ground', 'reason'],
    );
  });

  it('refuses an outcome before the date known or in the future, and asks for the URN of a school placement only', () => {
    assert.ok('outcome' in checkOutcome({ kind: 'school', on: '2024-04-02', schoolUrn: '118000', note: '' }, '2024-03-04', '2024-05-01'));
    const before = checkOutcome({ kind: 'school', on: '2024-03-01', schoolUrn: '', note: '' }, '2024-03-04', '2024-05-01');
    assert.ok('problems' in before);
    assert.deepEqual(
      before.problems.map((p) => p.field),
      ['outcome-on', 'school-urn'],
    );
    const ehe = checkOutcome({ kind: 'elective-home-education', on: '2024-03-20', schoolUrn: '', note: 'Visit: suitable' }, '2024-03-04', '2024-05-01');
    assert.ok('outcome' in ehe && ehe.outcome.schoolUrn === null);
    assert.ok('problems' in checkOutcome({ kind: 'placed', on: '2024-03-20', schoolUrn: '', note: '' }, '2024-03-04', '2024-05-01'));
  });

  it('refuses an enquiry dated before the date known', () => {
    assert.ok('problems' in checkEnquiry({ madeOn: '2024-03-01', action: 'Home visit', result: 'No answer' }, '2024-03-04', '2024-05-01'));
    assert.ok('enquiry' in checkEnquiry({ madeOn: '2024-03-05', action: 'Home visit', result: 'No answer' }, '2024-03-04', '2024-05-01'));
  });
});
