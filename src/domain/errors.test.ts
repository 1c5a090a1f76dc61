import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeIssue, escapeControls, quoted } from './errors.ts';

describe('quoting what a file holds in an error', () => {
  it('quotes a short value whole', () => {
    assert.equal(quoted('0x3C'), '"0x3C"');
  });

  it('cuts a huge field to 40 characters and says how long it was (issue 12, item 8)', () => {
    assert.equal(quoted('9'.repeat(100_000)), `"${'9'.repeat(40)}…" (100000 characters)`);
  });

  it('writes newlines and terminal escapes as \\u escapes (issue 12, item 7)', () => {
    assert.equal(escapeControls('a\nb\u001b[2Jc\u009b'), 'a\\u000ab\\u001b[2Jc\\u009b');
    assert.equal(describeIssue({ file: 'x\ny.csv', line: 2, column: null, message: 'bad' }), 'x\\u000ay.csv, line 2: bad');
  });
});
