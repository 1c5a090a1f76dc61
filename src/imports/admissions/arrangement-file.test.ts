import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readArrangementFile } from './arrangement-file.ts';

// A round's admission arrangements (School Admissions Code 2014 paras 1.8-1.10: the oversubscription criteria in order
// and a published tie-breaker), one line per school.
const header = 'urn,admission_number,admission_authority,selective,criteria,tie_break,seed,easting,northing';
const read = (lines: string[]) => readArrangementFile('arrangements.csv', new TextEncoder().encode([header, ...lines].join('\n')));

describe('admission arrangements file', () => {
  it('reads the criteria in order, the tie-break with its seed, and the school point', () => {
    const file = read(['118000,180,la,N,"looked-after; sibling; catchment(CT1 2|CT1 3); other",distance,7,614000,157000']);
    assert.ok(!('issues' in file));
    const row = file.rows[0]!;
    assert.deepEqual(
      row.criteria.map((c) => c.kind),
      ['looked-after', 'sibling', 'catchment', 'other'],
    );
    assert.deepEqual(row.tieBreak, { kind: 'distance', seed: 7 });
    assert.deepEqual(row.location, { easting: 614000, northing: 157000 });
  });

  // A line that fails a field's own check is not read further (its grid reference and URN are not compared).
  it('names the line and column of a bad criterion, a bad tie-break, a half grid reference and a school twice', () => {
    const file = read([
      '118000,180,la,N,looked-after; nearest,distance,7,,',
      '118001,120,trust,N,other,lottery,7,,',
      '118002,120,la,N,other,random,7,614000,',
      '118009,120,la,N,other,random,7,,',
      '118009,90,la,N,other,random,8,,',
    ]);
    assert.ok('issues' in file);
    assert.deepEqual(
      file.issues.map((i) => [i.line, i.column]),
      [
        [2, 'criteria'],
        [3, 'admission_authority'],
        [3, 'tie_break'],
        [4, 'northing'],
        [6, 'urn'],
      ],
    );
  });
});
