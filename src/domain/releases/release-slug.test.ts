import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isReleaseSlug, releaseSlug, slugOf } from './release-slug.ts';

describe('a release’s permalink slug', () => {
  it('is made from the title and the publication day', () => {
    assert.equal(releaseSlug('Kent education performance, 2014/15', '2026-12-04', []), 'kent-education-performance-2014-15-2026-12-04');
  });

  it('drops accents and punctuation, and says "release" for a title with no letters or digits', () => {
    assert.equal(slugOf('  Élèves’ results — KS2 & KS4!  '), 'eleves-results-ks2-ks4');
    assert.equal(slugOf('—'), 'release');
  });

  it('takes the next free number when another release holds it', () => {
    assert.equal(releaseSlug('A', '2026-12-04', ['a-2026-12-04', 'a-2026-12-04-2']), 'a-2026-12-04-3');
  });

  it('is never the word "manage" (the administration page) since it always ends in a date, and is what the address accepts', () => {
    assert.ok(isReleaseSlug(releaseSlug('Manage', '2026-12-04', [])));
    assert.equal(isReleaseSlug('manage'), true);
    assert.equal(isReleaseSlug('Not-A-Slug'), false);
    assert.equal(isReleaseSlug('a--b'), false);
  });
});
