import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readNccisExtract, writeNccisExtract } from './nccis-csv.ts';

// An NCCIS extract as Waymark writes it must open safely in a spreadsheet (OWASP CSV injection: a cell starting =, +, -
// or @ is prefixed with an apostrophe; quoting alone does not stop Excel running it) and import back unchanged.
describe('an NCCIS extract written and read back', () => {
  const person = {
    ccisId: 'YP000123',
    givenName: '=HYPERLINK("http://example.org","Click")',
    familyName: "O'Neill",
    dateOfBirth: '1996-03-04',
    upn: null,
    uln: null,
    districtCode: 'E07000113',
    lastSchoolUrn: null,
    ehcPlan: false,
    fsm: true,
    inCare: false,
    leftOn: null,
  };
  const activity = { ccisId: 'YP000123', code: '540', startDate: '2012-09-01', confirmedOn: '2012-10-01', source: 'adviser' };

  it('writes a name a spreadsheet would run as a formula as text', () => {
    const csv = writeNccisExtract([person], [activity]);
    assert.match(csv, /,"'=HYPERLINK\(""http:\/\/example\.org"",""Click""\)",O'Neill,/);
  });

  it('reads its own extract back to the same people and activities', () => {
    const read = readNccisExtract('extract.csv', new TextEncoder().encode(writeNccisExtract([person], [activity])));
    assert.equal(read.issues.length, 0, JSON.stringify(read.issues));
    assert.deepEqual(
      read.people.map((p) => ({ ...p, line: 0 })),
      [{ ...person, line: 0 }],
    );
    assert.deepEqual(
      read.activities.map((a) => ({ ...a, line: 0 })),
      [{ ...activity, line: 0 }],
    );
  });
});
