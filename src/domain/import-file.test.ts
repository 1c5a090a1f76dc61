import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileNameProblem, lineAndCharacter } from './import-file.ts';

describe('file names an import batch can carry', () => {
  it('accepts the names the DfE, GIAS and LAs give their files', () => {
    for (const name of ['bds_long_all_las.csv.gz', 'edubasealldata20250422.csv', 'KS2 results (final) 2018.csv', 'Écoles.csv'])
      assert.equal(fileNameProblem(name), null, name);
  });

  it('refuses a newline, an ESC or a C1 control character (issue 12, item 7)', () => {
    for (const name of ['a\nb.csv', 'a\rb.csv', '\u001b[31mred.csv', '\u009b2Jx.csv', 'tab\there.csv'])
      assert.match(fileNameProblem(name) ?? '', /control character/, JSON.stringify(name));
  });
});

describe('where in a text an index lies', () => {
  it('counts lines and characters from 1', () => {
    assert.deepEqual(lineAndCharacter('ab\ncd\nef', 0), { line: 1, character: 1 });
    assert.deepEqual(lineAndCharacter('ab\ncd\nef', 4), { line: 2, character: 2 });
    assert.deepEqual(lineAndCharacter('ab\ncd\nef', 6), { line: 3, character: 1 });
  });
});
