import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { preReleaseOpensAt, releaseReadingOf } from './pre-release-access.ts';

// The Pre-release Access to Official Statistics Order 2008: named people, the final form, not earlier than 24 hours
// before release.

const approved = { stage: 'approved' as const, publishAt: '2026-12-04T09:30:00Z', preRelease: [7] };
const draft = { stage: 'draft' as const, publishAt: null, preRelease: [7] };
const publicReader = { userId: null, managesReleases: false };
const listed = { userId: 7, managesReleases: false };
const unlisted = { userId: 8, managesReleases: false };
const administrator = { userId: 9, managesReleases: true };

describe('who may read a release before it is published', () => {
  it('opens pre-release access 24 hours before publication', () => {
    assert.equal(preReleaseOpensAt(new Date('2026-12-04T09:30:00Z')).toISOString(), '2026-12-03T09:30:00.000Z');
  });

  it('lets a user on the pre-release list read an approved release from 24 hours before its publication time', () => {
    assert.equal(releaseReadingOf(approved, listed, new Date('2026-12-03T09:29:59Z')), null);
    assert.equal(releaseReadingOf(approved, listed, new Date('2026-12-03T09:30:00Z')), 'pre-release');
  });

  it('gives the public and a user not on the list nothing before publication', () => {
    assert.equal(releaseReadingOf(approved, publicReader, new Date('2026-12-04T09:00:00Z')), null);
    assert.equal(releaseReadingOf(approved, unlisted, new Date('2026-12-04T09:00:00Z')), null);
  });

  it('never opens a draft to the pre-release list: only the final, approved form', () => {
    assert.equal(releaseReadingOf(draft, listed, new Date('2026-12-04T09:00:00Z')), null);
  });

  it('shows an administrator a preview of a draft or an approved release', () => {
    assert.equal(releaseReadingOf(draft, administrator, new Date('2026-12-04T09:00:00Z')), 'preview');
    assert.equal(releaseReadingOf(approved, administrator, new Date('2026-12-01T09:00:00Z')), 'preview');
  });

  it('opens a release to everyone at its publication time', () => {
    for (const reader of [publicReader, unlisted, listed, administrator])
      assert.equal(releaseReadingOf(approved, reader, new Date('2026-12-04T09:30:00Z')), 'published');
  });
});
