import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { sharedFile } from '../../tests/support/shared-data.ts';
import { kentBirths } from './kent-births.ts';

// The real file (../shared/data/public/ons-births-la/, PROVENANCE.md): "GSS.Code","Sex","Age","Year","Births".
const fileRows = readFileSync(sharedFile('ons-births-la/ons_mye_births_by_la_2002-2014.csv'), 'utf8')
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => line.split(',').map((cell) => cell.replace(/"/g, '')))
  .map(([code, sex, , year, births]) => ({ code: code!, sex: sex === 'F' ? 'female' : 'male', year: Number(year), births: Number(births) }))
  .filter((r) => r.code >= 'E07000105' && r.code <= 'E07000116');

describe("the demo's Kent births", () => {
  it("holds every one of the file's numbers for Kent's twelve districts, both sexes, 2002-2014, and no other", () => {
    assert.equal(fileRows.length, 12 * 2 * 13);
    const held = new Map(kentBirths.map((b) => [`${b.districtCode} ${b.sex} ${b.year}`, b.births]));
    assert.equal(held.size, fileRows.length);
    for (const r of fileRows) assert.equal(held.get(`${r.code} ${r.sex} ${r.year}`), r.births, `${r.code} ${r.sex} ${r.year}`);
  });

  it("sums over the twelve districts to PROVENANCE.md's Kent totals", () => {
    const kent = (year: number) => kentBirths.filter((b) => b.year === year).reduce((a, b) => a + b.births, 0);
    // PROVENANCE.md: "Kent (sum of 12 districts): 2002 14,472; 2009 16,948; 2012 18,032; 2013 17,432; 2014 17,156."
    assert.deepEqual([2002, 2009, 2012, 2013, 2014].map(kent), [14_472, 16_948, 18_032, 17_432, 17_156]);
  });
});
