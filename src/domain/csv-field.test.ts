import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvField, csvFieldText } from './csv-field.ts';

describe('a CSV field', () => {
  it('neutralises text a spreadsheet would run as a formula (OWASP CSV injection)', () => {
    assert.equal(csvField("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
    assert.equal(csvField('+1+1'), "'+1+1");
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvField('-2+3'), "'-2+3");
    assert.equal(csvField('\tx'), "'\tx");
  });

  it('leaves numbers, negative ones included, as numbers', () => {
    assert.equal(csvField('-0.52'), '-0.52');
    assert.equal(csvField('75'), '75');
  });

  it('quotes commas, quotes and line breaks', () => {
    assert.equal(csvField('Kingston upon Hull, City of'), '"Kingston upon Hull, City of"');
    assert.equal(csvField('say "c"'), '"say ""c"""');
    assert.equal(csvField('=a,b'), `"'=a,b"`);
  });
});

describe('a CSV field read back', () => {
  it('takes off the apostrophe put before a formula character, so an export imports back unchanged', () => {
    for (const text of ["=cmd|' /C calc'!A0", '+1+1', '@SUM(A1)', '-2+3', "O'Brien", "'quoted'", '-0.52', "'75", 'plain'])
      assert.equal(
        csvFieldText(
          csvField(text)
            .replace(/^"(.*)"$/s, '$1')
            .replace(/""/g, '"'),
        ),
        text,
        text,
      );
  });

  it('leaves an apostrophe that does not stand before a formula character as it was read', () => {
    assert.equal(csvFieldText("'Connor"), "'Connor");
    assert.equal(csvFieldText("'-5"), "'-5");
  });
});
