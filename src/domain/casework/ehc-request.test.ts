import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRequest, requestDateProblem, type RequestValues } from './ehc-request.ts';

// The new-request form's rules, the same for the form and the case list import: SEND Regulations 2014 reg 3 (who may
// ask), the DfE's UPN format (a letter, 11 digits, a check character), GIAS's 6-digit URN.

const values = (over: Partial<RequestValues> = {}): RequestValues => ({
  givenName: 'Ella',
  familyName: 'Hughes',
  dateOfBirth: '2016-03-27',
  upn: '',
  schoolUrn: '',
  receivedOn: '2024-01-08',
  requestedBy: 'parent',
  ...over,
});

describe('a request for an EHC needs assessment as the form and the import check it', () => {
  it('takes a complete request, trimming names and upper-casing the UPN', () => {
    const checked = checkRequest(values({ givenName: ' Ella ', upn: 'a123456789012', schoolUrn: '118493' }), '2024-12-31');
    assert.deepEqual(checked, {
      request: {
        givenName: 'Ella',
        familyName: 'Hughes',
        dateOfBirth: '2016-03-27',
        upn: 'A123456789012',
        schoolUrn: '118493',
        receivedOn: '2024-01-08',
        requestedBy: 'parent',
      },
    });
  });

  it('names every field at fault', () => {
    const checked = checkRequest(
      values({ givenName: '', dateOfBirth: '2016-02-30', upn: '123', schoolUrn: '11849', receivedOn: '', requestedBy: 'aunt' }),
      '2024-12-31',
    );
    assert.ok('problems' in checked);
    assert.deepEqual(
      checked.problems.map((p) => p.field),
      ['givenName', 'dateOfBirth', 'receivedOn', 'upn', 'schoolUrn', 'requestedBy'],
    );
    assert.match(checked.problems[1]!.text, /must be a real date/);
  });

  it('refuses a request received in the future or before the child was born', () => {
    assert.deepEqual(requestDateProblem('2016-03-27', '2025-01-01', '2024-12-31')?.field, 'receivedOn');
    assert.deepEqual(requestDateProblem('2024-03-27', '2024-01-08', '2024-12-31')?.field, 'dateOfBirth');
    assert.equal(requestDateProblem('2016-03-27', '2025-01-01', null), null, 'the form leaves the future to the service');
    const checked = checkRequest(values({ receivedOn: '2025-01-02' }), '2025-01-01');
    assert.ok('problems' in checked && /future/.test(checked.problems[0]!.text));
  });
});
