import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { entryPlacesNeeded, formsOfEntry, formsOfEntryNeeded } from './forms-of-entry.ts';

describe('entry places needed to keep the band minimum spare', () => {
  it('needs 60 places for 570 children on 540 places at 5%: 570 ÷ 0.95 = 600 places, 600 − 540 = 60 (not 61 from float noise)', () => {
    // 570 / 0.95 is 600.0000000000001 in floating point; 600 places leave 30 spare = 5% exactly, so 60 is enough.
    assert.equal(entryPlacesNeeded(570, 540, 5), 60);
  });

  it('rounds a part place up: 571 children need 571 ÷ 0.95 = 601.05… → 602 places, 62 beyond 540', () => {
    // Check: 601 places leave 30 spare = 4.99%, short of 5%; 602 leave 31 = 5.15%.
    assert.equal(entryPlacesNeeded(571, 540, 5), 62);
  });

  it('needs none when the places already keep the minimum spare (540 children on 600 places is 10% spare)', () => {
    assert.equal(entryPlacesNeeded(540, 600, 5), 0);
  });

  it('needs exactly the shortfall with no minimum: 615 children on 600 places need 15', () => {
    assert.equal(entryPlacesNeeded(615, 600, 0), 15);
  });

  it('refuses a minimum of 100% or more (no number of places keeps all of them spare)', () => {
    assert.throws(() => entryPlacesNeeded(10, 0, 100));
  });
});

describe('forms of entry (1 FE = 30 places a year group, domain.md §12.1)', () => {
  it('rounds places needed up to whole forms: 60 → 2 FE, 61 → 3 FE, 1 → 1 FE, 0 → 0', () => {
    assert.deepEqual([60, 61, 1, 0].map(formsOfEntryNeeded), [2, 3, 1, 0]);
  });

  it('counts a 2FE primary as 60 places a year group (420 over R-Y6 = 7 × 60), and 45 places as 1.5 FE unrounded', () => {
    assert.equal(formsOfEntry(60), 2);
    assert.equal(formsOfEntry(420 / 7), 2);
    assert.equal(formsOfEntry(45), 1.5);
  });
});
