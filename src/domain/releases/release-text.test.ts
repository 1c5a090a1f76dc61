import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { footnotesOf, paragraphsOf } from './release-text.ts';

describe('a release’s plain text split for its page', () => {
  it('splits paragraphs at blank lines and joins the lines within one', () => {
    assert.deepEqual(paragraphsOf('First line\nsame paragraph.\r\n\r\n  \nSecond <b>paragraph</b>.\n'), [
      'First line same paragraph.',
      'Second <b>paragraph</b>.',
    ]);
    assert.deepEqual(paragraphsOf('   '), []);
  });

  it('reads footnotes one a line, blank lines dropped', () => {
    assert.deepEqual(footnotesOf('1. Provisional.\n\n  2. Revised.  \n'), ['1. Provisional.', '2. Revised.']);
  });
});
