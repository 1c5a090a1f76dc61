import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { birthMonthOf, identifyingCells, pseudonymisedRow, pseudonymOf, type ChildIdentity } from './pseudonymise.ts';

// The rule: HMAC-SHA-256 (RFC 2104; FIPS 198-1) of the UPN under the LA's key, truncated to 16 hex digits (ADR 0018).
const key = new Uint8Array(32).fill(7);
const otherKey = new Uint8Array(32).fill(8);
const child: ChildIdentity = { upn: 'A123456789012', givenName: 'Zoë', familyName: 'O’Brien', dateOfBirth: '2003-05-14', postcode: 'ME10 1AA' };

describe('pseudonymised extract rows (issue 15.7, ADR 0018)', () => {
  it('is the HMAC-SHA-256 of the UPN, truncated: stable, and different under another key', () => {
    // Worked independently with node's HMAC over the documented input 'upn:' + UPN.
    const expected = createHmac('sha256', key).update('upn:A123456789012').digest('hex').slice(0, 16);
    assert.equal(pseudonymOf(key, child), expected);
    assert.equal(pseudonymOf(key, { ...child, upn: ' a123456789012 ' }), expected, 'case and spaces do not change it');
    assert.equal(pseudonymOf(key, { ...child, givenName: 'Someone', dateOfBirth: '2001-01-01' }), expected, 'the UPN alone decides it');
    assert.notEqual(pseudonymOf(otherKey, child), expected);
    assert.match(expected, /^[0-9a-f]{16}$/);
  });

  it('without a UPN, is of the normalised name and date of birth; with neither, null', () => {
    const noUpn = { ...child, upn: null };
    assert.equal(pseudonymOf(key, noUpn), pseudonymOf(key, { ...noUpn, givenName: 'ZOE', familyName: 'obrien' }));
    assert.notEqual(pseudonymOf(key, noUpn), pseudonymOf(key, { ...noUpn, dateOfBirth: '2003-05-15' }));
    assert.notEqual(pseudonymOf(key, noUpn), pseudonymOf(key, child));
    assert.equal(pseudonymOf(key, { upn: null, givenName: null, familyName: null, dateOfBirth: null }), null);
  });

  it('keeps the year and month of birth only', () => {
    assert.equal(birthMonthOf('2003-05-14'), '2003-05');
    assert.equal(birthMonthOf(null), null);
  });

  it('leaves no cell holding the name, date of birth, postcode or UPN', () => {
    const { row, withheld } = pseudonymisedRow(key, child, { district: 'E07000113', known_on: '2012-01-10', outcome: 'school', sex: 'F' });
    const identifying = [child.upn!, child.givenName!, child.familyName!, 'OBrien', 'Brien', child.dateOfBirth!, '14/05/2003', child.postcode!, 'ME101AA'];
    for (const [column, value] of Object.entries(row))
      for (const id of identifying) assert.ok(!String(value).toUpperCase().includes(id.toUpperCase()), `${column} holds ${id}`);
    assert.deepEqual(Object.keys(row), ['pseudonym', 'birth_month', 'district', 'known_on', 'outcome', 'sex']);
    assert.deepEqual(withheld, []);
  });

  it('withholds a team cell that would carry the identity, in any of its forms', () => {
    assert.deepEqual(identifyingCells({ a: 'ME101AA', b: 'born 14/05/2003', c: 'zoë', d: 'Placed', e: 'A123456789012-x', f: true }, child), [
      'a',
      'b',
      'c',
      'e',
    ]);
    assert.deepEqual(pseudonymisedRow(key, child, { note: 'Spoke to Mrs O’Brien', outcome: 'school' }).row, {
      pseudonym: pseudonymOf(key, child),
      birth_month: '2003-05',
      note: null,
      outcome: 'school',
    });
    // A name is matched as a word: 'Ed' does not refuse 'Placed'.
    assert.deepEqual(identifyingCells({ outcome: 'Placed at school' }, { ...child, givenName: 'Ed' }), []);
  });
});
