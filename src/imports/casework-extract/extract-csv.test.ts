import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractCsv } from './extract-csv.ts';

describe('pseudonymised extract CSV', () => {
  it('writes UTF-8 with a BOM, CRLF, RFC 4180 quoting, and formula-safe text (OWASP CSV injection)', () => {
    const csv = extractCsv(
      ['pseudonym', 'n', 'flag', 'note'],
      [
        { pseudonym: 'ab12', n: -3, flag: true, note: '=cmd|x, "y"' },
        { pseudonym: null, n: 0, flag: false, note: null },
      ],
    );
    assert.equal(csv, '\uFEFFpseudonym,n,flag,note\r\nab12,-3,Y,"\'=cmd|x, ""y"""\r\n,0,N,\r\n');
  });
});
